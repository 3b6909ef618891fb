// Verbs and participles of saying, and the documents that say things for whoever issued them.
// Space-separated lowercase words; `lexicon()` in index.ts turns them into sets on first use.

/** Reporting verbs: said, told, added ... */
export const REPORTING_VERBS =
  'said says say told tells added adds noted notes warned warns explained explains stated declared ' +
  'declares argued argues insisted insists claimed claims asserted asserts acknowledged acknowledges ' +
  'admitted admits announced announces asked asks answered replied replies responded responds recalled ' +
  'recalls observed observes commented comments remarked remarks wrote writes tweeted posted continued ' +
  'continues concluded concludes cautioned cautions urged urges demanded demands emphasized emphasizes ' +
  'emphasised stressed stresses suggested suggests contended contends maintained maintains conceded ' +
  'concedes confirmed confirms countered counters complained complains lamented laments predicted ' +
  'predicts promised promises vowed vows pledged pledges boasted joked jokes quipped shouted cried ' +
  'yelled screamed whispered testified alleged alleges reiterated reiterates affirmed affirms agreed ' +
  'agrees objected mused wondered wonders recounted recounts described describes elaborated estimated ' +
  'estimates reported reports accused accuses called calls dubbed labeled labelled branded termed ' +
  'denounced denounces condemned condemns criticized criticizes criticised praised praises hailed hails ' +
  'welcomed welcomes blamed blames thanked challenged questioned questions cautioned explained charged ' +
  'urged pleaded begged assured assures signaled signalled indicated indicates summed acknowledged ' +
  'conceded exclaimed retorted snapped protested proclaimed announced informed advised reminded ' +
  'insisted speculated disclosed revealed reveals tells read spoke speaks';

/** Reporting participles: the speaker is the subject of the sentence ("..., saying ..."). */
export const REPORTING_PARTICIPLES =
  'saying adding noting warning explaining arguing insisting urging calling describing writing asking ' +
  'stressing claiming telling declaring emphasizing emphasising suggesting accusing demanding vowing ' +
  'pledging promising reiterating recalling acknowledging admitting predicting lamenting complaining ' +
  'cautioning';

/** Nouns for documents that "say" things on behalf of whoever issued them. */
export const DOCUMENT_NOUNS =
  'statement report letter post message document study survey ruling verdict indictment complaint ' +
  'petition communique communiqué memo release filing lawsuit notice tweet article editorial commentary ' +
  'note video broadcast announcement resolution decree order charge sheet';

/** Nouns for what someone said, which a possessive names the speaker of ("Aydın's response: ..."). */
export const SPEECH_NOUNS =
  'response reply answer retort words message comment comments remarks verdict view advice plea warning';
