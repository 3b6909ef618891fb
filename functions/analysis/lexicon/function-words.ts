// Words that are capitalized without being names, dates, and pronouns.
// Space-separated lowercase words; `lexicon()` in index.ts turns them into sets on first use.

/** Sentence words that are capitalized without being names. */
export const COMMON_CAPITALIZED =
  'whoever whatever whenever wherever whichever ' +
  'the a an but and or nor so yet others for in on at to of by with from into over under after before ' +
  'during since until as if when while where which who whom whose what why how that this these those ' +
  'there here he she it they we i you his her its their our my your him them us me some many most ' +
  'several few other another any each every both all no not none such same last next first second third ' +
  'new old former late early earlier later then now today yesterday tomorrow also still even only just ' +
  'however meanwhile moreover furthermore nevertheless instead although though because despite ' +
  'according asked speaking writing following amid among between against without within toward towards ' +
  'across along around about above below behind beyond near off out up down once twice again more less ' +
  'much very well please thank thanks yes sir madam dear hello mister ' +
  'nobody everybody everyone someone somebody anyone anybody nothing everything something';

export const MONTHS_AND_DAYS =
  'january february march april may june july august september october november december jan feb mar ' +
  'apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday ' +
  'christmas easter ramadan eid';

export const PRONOUNS_MALE = 'he him his himself';

export const PRONOUNS_FEMALE = 'she her hers herself';

/** Words that open a noun phrase. */
export const DETERMINERS = 'the a an one another his her its their our this that some several two three';

/** Words after which a mention is someone new, never an earlier entry ("a senior official"). */
export const INDEFINITES = 'a an one another some two three several';

/** Grammatical words that end a role or a name scan. */
export const STOP_WORDS =
  'the a an this that these those his her their its our my your by with to from in on at for of as about ' +
  'against into over under after before during between among and or but nor who whom whose which what ' +
  'where when why how is are was were be been being has have had will would can could may might should ' +
  'must do does did not no than then also only just very more most so such said says told according ' +
  'including regarding following concerning while although though because since if unless until whether';

/** Irregular past and present verbs that end a role scan ("Jones met", "Lee took"). */
export const IRREGULAR_VERBS =
  'met meets took takes saw sees led leads sent sends gave gives made makes held holds left leaves went ' +
  'goes came comes got gets put puts set sets let hit won lost kept brought found thought became began ran ' +
  'spoke wrote told visited visits joins joined urged urges is are was were';

/** Words that open a sentence before its subject ("For its part, ...", "Later, ..."). */
export const INTRO_WORDS =
  'for in on at during after before meanwhile however but still also earlier later separately speaking ' +
  'asked last this while when as since although despite yesterday today moreover instead then now ' +
  'nevertheless yet and so';

/** Adverbs and auxiliaries between a subject and its verb ("Okafor later said", "she has said"). */
export const VERB_ADVERBS =
  'also later then further previously recently again once still too repeatedly earlier now often has have ' +
  'had would will was is simply flatly';

/** Time words between a reporting verb and its subject ("said on Monday", "said late Tuesday"). */
export const TIME_WORDS =
  'on late earlier later again also then today tonight yesterday recently this last week month year ' +
  'morning afternoon evening night in an a interview statement recent';

/** Words that can follow a quote without being its attribution ("..." a reference to ...). */
export const PERSONAL_PRONOUNS = 'he she they it we i you';

/**
 * Words after a hyphen that turn a proper noun into an adjective ("Hong Kong-based", "Kremlin-backed"). A
 * short lowercase part that is not one of them is a syllable of a name ("Kim Jong-su", "Ban So-ra").
 */
export const HYPHEN_SUFFIXES =
  'based led born backed run owned funded style era like linked made speaking controlled affiliated ' +
  'aligned bound wide long old year held occupied ruled allied sponsored appointed elected raised trained ' +
  'educated inspired themed related registered listed brokered imposed area zone level class bred built';
