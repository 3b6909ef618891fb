import type { Lexicon } from './lexicon/index.ts';
import { npForward } from './noun-phrase-forward.ts';
import { isAdverb, isParticiple, isVerb, type NounPhrase, npBackward } from './noun-phrases.ts';
import type { WordToken } from './word-tokens.ts';

/** "shot back", "fired back", "hit back": a verb of answering made of a verb and "back". */
function isPhrasalVerb(ts: WordToken[], i: number): boolean {
  return /^(?:shot|fired|hit|snapped|pushed)$/.test(ts[i]?.lower ?? '') && ts[i + 1]?.lower === 'back';
}

/** How far after "quoted X" or "cited X" the words "as saying" may stand ("cited Ann Lee, a nurse, as saying"). */
const MAX_QUOTED_AS_SAYING = 20;

/**
 * "quoted Mr. Lee as saying", "cited Ann Lee, a nurse, as saying": the verb at `i` passes on another's
 * words; the one quoted speaks, not the outlet or the person who repeats them.
 */
function quotedAsSaying(ts: WordToken[], i: number, lex: Lexicon): NounPhrase | undefined {
  if (!/^(?:quoted|cited|quotes|cites)$/.test(ts[i]?.lower ?? '')) return undefined;
  for (let k = i + 2; k < Math.min(ts.length, i + MAX_QUOTED_AS_SAYING); k += 1)
    if (ts[k]?.lower === 'saying' && ts[k - 1]?.lower === 'as') return npForward(ts, i + 1, lex);
  return undefined;
}

const DASH = /^[–—-]$/;

/**
 * A quote signed with its speaker's name, as digests and pull quotes print it: `"..." – Ann Lee, after
 * the final`, or `"... to the truth" Ann Lee, director of the clinic` (a quote that ends without its
 * full stop, and a full name right after it). There is no reporting verb.
 */
function signedAttribution(ts: WordToken[], quote: string, lex: Lexicon): NounPhrase | undefined {
  const first = ts[0];
  if (first && DASH.test(first.text) && ts[1]?.cap) {
    const np = npForward(ts, 1, lex);
    return np?.type === 'name' ? np : undefined;
  }
  if (!first?.cap || /[.!?,;:…]["'”’]?$/.test(quote.trim())) return undefined;
  const np = npForward(ts, 0, lex);
  if (np?.type !== 'name' || np.tokens.length < 2) return undefined;
  const after = ts[np.tokens.length];
  return !after || after.text === ',' ? np : undefined;
}

/** The attribution after a quote: a signature after a dash, a reporting verb, or a bare name after a pull quote. */
export function afterQuote(
  ts: WordToken[],
  quote: string,
  lex: Lexicon,
  newSentence: boolean,
): NounPhrase | undefined {
  const signed = signedAttribution(ts, quote, lex);
  if (signed && DASH.test(ts[0]?.text ?? '')) return signed;
  return tailAttribution(ts, lex, newSentence) ?? signed;
}

/** Attribution after a quote (`"...," said Posner.`, `"...," he said.`), within its sentence. */
export function tailAttribution(ts: WordToken[], lex: Lexicon, newSentence: boolean): NounPhrase | undefined {
  const limit = newSentence ? 7 : 16;
  for (let i = 0; i < Math.min(ts.length, limit); i += 1) {
    const t = ts[i] as WordToken;
    if (!t.word && /^[.!?]$/.test(t.text) && i > 0) return undefined;
    if (!t.word && /^["“”]$/.test(t.text)) return undefined;
    if (t.lower === 'according' && ts[i + 1]?.lower === 'to') return npForward(ts, i + 2, lex);
    // `"...," per the court's ruling.`: "per" right after the quote names its source.
    if (t.lower === 'per' && !ts.slice(0, i).some((x) => x.word) && ts[i + 1]?.word)
      return npForward(ts, i + 1, lex);
    const passedOn = quotedAsSaying(ts, i, lex);
    if (passedOn) return passedOn;
    // `"...," was how lawyer Elif Şahin put it.`
    if (t.lower === 'how' && ts[i - 1]?.lower === 'was') return npForward(ts, i + 1, lex);
    if (isParticiple(t, lex)) return undefined;
    if (!isVerb(t, lex) && !isPhrasalVerb(ts, i)) continue;
    const before = ts.slice(0, i).filter((x) => x.word);
    // "... and urged Iran to": a second verb of the same subject, not an attribution of its own.
    if (before.length === 1 && /^(?:and|but|or|then)$/.test(before[0]?.lower ?? '')) return undefined;
    if (newSentence) {
      const end = ts.slice(i + 1).findIndex((x) => /^[.!?]$/.test(x.text));
      if (end > 3) return undefined;
    }
    if (before.length > 0)
      return npBackward(ts, i - 1, lex) ?? (before.length <= 1 ? npForward(ts, i + 1, lex) : undefined);
    return npForward(ts, i + 1, lex);
  }
  return undefined;
}

/** Verbs whose object is the one spoken to. */
const LISTENER_VERBS =
  /^(?:told|tells|tell|asked|asks|informed|informs|assured|assures|reminded|reminds|urged|urges|warned|warns)$/;

/** Attribution before a quote (`Posner said:`, `According to Kelly,`, `X told VOA`). */
export function headAttribution(ts: WordToken[], lex: Lexicon): NounPhrase | 'subject' | undefined {
  // "Aydın's response, posted on the ministry website: ...": the owner of the words speaks.
  const said = ts.findIndex(
    (t, i) => lex.speechNouns.has(t.lower) && !t.cap && ts[i - 1]?.possessive && ts[i - 1]?.cap,
  );
  if (said > 0) return npBackward(ts, said - 1, lex);
  for (let i = ts.length - 1; i >= 0; i -= 1) {
    const t = ts[i] as WordToken;
    if (t.lower === 'according' && ts[i + 1]?.lower === 'to') return npForward(ts, i + 2, lex);
    // "condemned by state media as", "referred to by the group as": the agent of a passive verb of saying.
    if (t.lower === 'by' && passiveOfSaying(ts, i - 1, lex)) {
      const agent = npForward(ts, i + 1, lex);
      if (agent) return agent;
    }
    // "In the words of Ellery, ...".
    if (t.lower === 'words' && ts[i + 1]?.lower === 'of' && ts[i - 1]?.lower === 'the')
      return npForward(ts, i + 2, lex);

    // "State media quoted spokesman Kim Chol as saying": the one quoted speaks, not the outlet.
    if (t.lower === 'saying' && ts[i - 1]?.lower === 'as') {
      const quoted = ts.slice(0, i).findLastIndex((x) => /^(?:quoted|cited)$/.test(x.lower));
      if (quoted >= 0) return quotedAsSaying(ts, quoted, lex) ?? 'subject';
    }
    if (isParticiple(t, lex)) return 'subject';
    if (!isVerb(t, lex)) continue;
    // "The police said the man had posted "...": the later verb is inside what the first one reports.
    const main = ts.findIndex((x, k) => k < i - 1 && isVerb(x, lex) && opensClause(ts[k + 1], lex));
    if (main >= 0 && main < i) return verbSubject(ts, main, lex);
    // "printing claims that": a verb with no speaker of its own is a noun; an earlier verb may have one.
    const subject = verbSubject(ts, i, lex);
    if (subject) return subject;
  }
  return undefined;
}

/** How many words may stand between the verb and the document it issues ("issued a brief written statement"). */
const MAX_DOCUMENT_MODIFIERS = 3;

/**
 * `the union issued a short statement: "..."`, `the ministry released a statement:`: before a
 * colon, a verb that issues a document; its subject speaks the words that follow.
 */
export function issuerOfDocument(ts: WordToken[], lex: Lexicon): NounPhrase | undefined {
  let k = ts.length - 1;
  if (ts[k]?.text === ':') k -= 1;
  const doc = ts[k];
  if (!doc?.word || doc.cap || !lex.documentNouns.has(doc.lower)) return undefined;
  for (let j = k - 1; j >= 0 && k - j <= MAX_DOCUMENT_MODIFIERS + 1; j -= 1) {
    const t = ts[j] as WordToken;
    if (!t.word || t.cap) return undefined;
    if (/\p{Ll}{3}(?:ed|es)$/u.test(t.lower) && !lex.determiners.has(t.lower) && t.lower !== 'following')
      return npBackward(ts, j - 1, lex);
  }
  return undefined;
}

/** Verbs that describe with "to" before their agent: "referred to by", "likened to by". */
const DESCRIBED_TO = /^(?:referred|likened|compared|alluded)$/;

/** True when the word at `k`, before "by", is a verb of saying in the passive: "condemned", "referred to". */
function passiveOfSaying(ts: WordToken[], k: number, lex: Lexicon): boolean {
  const t = ts[k];
  if (t?.lower === 'to') return DESCRIBED_TO.test(ts[k - 1]?.lower ?? '');
  return isVerb(t, lex) && /ed$/.test(t?.lower ?? '');
}

/** "said that", "said the man", "told VOA", "said police": a reporting verb whose complement is a clause. */
function opensClause(next: WordToken | undefined, lex: Lexicon): boolean {
  if (!next?.word) return false;
  return (
    next.lower === 'that' ||
    lex.determiners.has(next.lower) ||
    lex.personalPronouns.has(next.lower) ||
    next.cap
  );
}

/** The lowercase word before a noun phrase's first token. */
function precedingWord(ts: WordToken[], np: { tokens: WordToken[] }): string | undefined {
  const before = ts[ts.indexOf(np.tokens[0] as WordToken) - 1];
  return before?.word && !before.cap ? before.lower : undefined;
}

/** The speaker of the reporting verb at `i`, in the words before a quote. */
function verbSubject(ts: WordToken[], i: number, lex: Lexicon): NounPhrase | 'subject' | undefined {
  const t = ts[i] as WordToken;
  // "He pleaded not guilty and told the court that ...": a second verb of the sentence's subject.
  const previous = ts[i - 1];
  if (previous?.word && /^(?:and|but|then)$/.test(previous.lower)) return 'subject';
  const np = npBackward(ts, i - 1, lex);
  // "Lee opposed the case and in a public letter called the verdict a "...": a document after a
  // preposition is where the subject said it, not the subject.
  if (np?.type === 'document' && !np.owner && /^(?:in|on|through|via)$/.test(precedingWord(ts, np) ?? ''))
    return 'subject';
  if (np) return np;
  // "told the court", "asked the judge": after these verbs stands the listener, not the speaker.
  if (LISTENER_VERBS.test(t.lower)) return 'subject';
  // "The paper said officials had "...": with a subject before the verb, what follows it is what was said,
  // unless it is the subject again ("the authority said it had").
  const after = npForward(ts, i + 1, lex);
  if (previous?.word && !isAdverb(previous.lower) && after?.type !== 'pronoun') return 'subject';
  return after;
}

/** The subject of a sentence, after an introductory phrase ("For its part, the Chinese delegation ..."). */
export function sentenceSubject(ts: WordToken[], lex: Lexicon): NounPhrase | undefined {
  let k = 0;
  for (let round = 0; round < 2; round += 1) {
    const first = ts[k];
    if (!first) return undefined;
    if (lex.introWords.has(first.lower) || lex.monthsAndDays.has(first.lower)) {
      const comma = ts.slice(k, k + 10).findIndex((t) => t.text === ',');
      if (comma > 0) k += comma + 1;
      else if (/^(?:but|and|yet|so|still|meanwhile|however|also|now)$/.test(first.lower)) k += 1;
    }
  }
  return npForward(ts, k, lex);
}
