import type { Lexicon } from './lexicon/index.ts';
import { isParticiple, isVerb, type NounPhrase, npBackward, npForward } from './noun-phrases.ts';
import type { WordToken } from './word-tokens.ts';

/** "shot back", "fired back", "hit back": a verb of answering made of a verb and "back". */
function isPhrasalVerb(ts: WordToken[], i: number): boolean {
  return /^(?:shot|fired|hit|snapped|pushed)$/.test(ts[i]?.lower ?? '') && ts[i + 1]?.lower === 'back';
}

/** Attribution after a quote (`"...," said Posner.`, `"...," he said.`), within its sentence. */
export function tailAttribution(ts: WordToken[], lex: Lexicon, newSentence: boolean): NounPhrase | undefined {
  const limit = newSentence ? 7 : 16;
  for (let i = 0; i < Math.min(ts.length, limit); i += 1) {
    const t = ts[i] as WordToken;
    if (!t.word && /^[.!?]$/.test(t.text) && i > 0) return undefined;
    if (!t.word && /^["“”]$/.test(t.text)) return undefined;
    if (t.lower === 'according' && ts[i + 1]?.lower === 'to') return npForward(ts, i + 2, lex);
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
    // "In the words of Ellery, ...".
    if (t.lower === 'words' && ts[i + 1]?.lower === 'of' && ts[i - 1]?.lower === 'the')
      return npForward(ts, i + 2, lex);

    // "State media quoted spokesman Kim Chol as saying": the one quoted speaks, not the outlet.
    if (t.lower === 'saying' && ts[i - 1]?.lower === 'as') {
      const quoted = ts.slice(0, i).findLastIndex((x) => /^(?:quoted|cited)$/.test(x.lower));
      if (quoted >= 0) return npForward(ts, quoted + 1, lex) ?? 'subject';
    }
    if (isParticiple(t, lex)) return 'subject';
    if (!isVerb(t, lex)) continue;
    // "The police said the man had posted "...": the later verb is inside what the first one reports.
    const main = ts.findIndex((x, k) => k < i - 1 && isVerb(x, lex) && opensClause(ts[k + 1], lex));
    if (main >= 0 && main < i) return verbSubject(ts, main, lex);
    return verbSubject(ts, i, lex);
  }
  return undefined;
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

/** The speaker of the reporting verb at `i`, in the words before a quote. */
function verbSubject(ts: WordToken[], i: number, lex: Lexicon): NounPhrase | 'subject' | undefined {
  const t = ts[i] as WordToken;
  // "He pleaded not guilty and told the court that ...": a second verb of the sentence's subject.
  const previous = ts[i - 1];
  if (previous?.word && /^(?:and|but|then)$/.test(previous.lower)) return 'subject';
  const np = npBackward(ts, i - 1, lex);
  if (np) return np;
  // "told the court", "asked the judge": after these verbs stands the listener, not the speaker.
  if (LISTENER_VERBS.test(t.lower)) return 'subject';
  return npForward(ts, i + 1, lex);
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
