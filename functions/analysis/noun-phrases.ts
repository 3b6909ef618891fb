import { isTitleWord, type Lexicon, lexicon } from './lexicon/index.ts';
import { isNameWord, plausibleName } from './name-words.ts';
import { skipAsideBackward, skipTimeBackward } from './phrase-adjuncts.ts';
import type { WordToken } from './word-tokens.ts';

export type NounPhrase =
  | { type: 'name'; tokens: WordToken[] }
  | { type: 'pronoun'; token: WordToken }
  | { type: 'descriptive'; tokens: WordToken[]; head: string; org: boolean }
  | { type: 'document'; tokens: WordToken[]; owner?: NounPhrase };

export const STOP_MODIFIER = new Set(
  'of for to from in on at by with as and or but that which who said says told'.split(' '),
);

/** A name particle ("da", "van", "bin"). */
export function isParticle(lower: string): boolean {
  return lexicon().particles.has(lower);
}

/** An adverb or auxiliary that may stand between a subject and its verb ("later", "flatly", "has"). */
export function isAdverb(lower: string): boolean {
  return lexicon().verbAdverbs.has(lower) || /^\p{Ll}{3,}ly$/u.test(lower);
}

export function isVerb(token: WordToken | undefined, lex: Lexicon): boolean {
  return !!token && token.word && !token.cap && lex.reportingVerbs.has(token.lower);
}

export function isParticiple(token: WordToken | undefined, lex: Lexicon): boolean {
  return !!token && token.word && !token.cap && lex.reportingParticiples.has(token.lower);
}

export function isInitialToken(token: WordToken | undefined): boolean {
  return !!token && /^\p{Lu}\.$/u.test(token.text);
}

export const CONNECTOR = /^(?:of|to|for|on|the|de|du)$/;

export function joinsName(token: WordToken, lex: Lexicon): boolean {
  return isNameWord(token, lex) || isInitialToken(token);
}

function nameRunBackward(ts: WordToken[], k: number, lex: Lexicon): WordToken[] {
  let j = k;
  while (j - 1 >= 0) {
    const prev = ts[j - 1] as WordToken;
    const before = ts[j - 2];
    // A particle joins the name before a capital ("Maria da Luz"), or opens it after a quote mark
    // (`"...," de Vries said`).
    // "Singapore's Ministry of Home Affairs": the possessive place is not part of the name.
    if (prev.possessive && (lex.places.has(prev.lower) || lex.demonyms.has(prev.lower))) break;
    if (joinsName(prev, lex) || (prev.word && isParticle(prev.lower) && (before?.cap || !before?.word))) {
      j -= 1;
      continue;
    }
    // "van der Merwe": a second particle before the first.
    if (prev.word && isParticle(prev.lower) && before?.word && isParticle(before.lower)) {
      j -= 1;
      continue;
    }
    // A capitalized small word inside a title-case name ("Reporters Without Borders").
    if (prev.cap && lex.common.has(prev.lower) && before && joinsName(before, lex)) {
      j -= 2;
      continue;
    }
    // "Committee to Protect Journalists", "Office of the High Commissioner".
    if (prev.word && CONNECTOR.test(prev.lower) && before) {
      if (joinsName(before, lex) && !lex.common.has(before.lower)) {
        j -= 2;
        continue;
      }
      const further = ts[j - 3];
      if (before.word && CONNECTOR.test(before.lower) && further && joinsName(further, lex)) {
        j -= 3;
        continue;
      }
    }
    break;
  }
  return ts.slice(j, k + 1);
}

export function isSpeakerNoun(word: string, lex: Lexicon): boolean {
  return lex.roleNouns.has(word) || lex.orgNouns.has(word);
}

function descriptiveBackward(ts: WordToken[], k: number, lex: Lexicon): NounPhrase | undefined {
  const head = ts[k];
  if (!head?.word) return undefined;
  const document = lex.documentNouns.has(head.lower);
  if (!document && !isSpeakerNoun(head.lower, lex)) return undefined;
  let j = k;
  while (j - 1 >= 0 && k - j < 5) {
    const prev = ts[j - 1] as WordToken;
    if (
      !prev.word ||
      STOP_MODIFIER.has(prev.lower) ||
      lexicon().personalPronouns.has(prev.lower) ||
      isVerb(prev, lex)
    )
      break;
    j -= 1;
    if (lexicon().determiners.has(prev.lower)) break;
  }
  const tokens = ts.slice(j, k + 1);
  if (document) {
    // "A police statement said": the body before the document issued it.
    const body = ts[k - 1];
    if (k - 1 >= j && body?.word && !body.cap && lex.massOrgs.has(body.lower))
      return { type: 'document', tokens, owner: ownerOf(tokens.slice(0, -1), lex) };
    return { type: 'document', tokens };
  }
  return {
    type: 'descriptive',
    tokens,
    head: head.lower,
    org: lex.orgNouns.has(head.lower) && !lex.roleNouns.has(head.lower),
  };
}

/** Name tokens of a noun phrase: capitalized words, with "of", "and", "the" and particles inside. */
function nameLike(tokens: WordToken[], lex: Lexicon): boolean {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (!first || !last || !joinsName(first, lex) || !joinsName(last, lex)) return false;
  return tokens.every(
    (t) =>
      joinsName(t, lex) || (t.word && (CONNECTOR.test(t.lower) || t.lower === 'and' || isParticle(t.lower))),
  );
}

/**
 * The name that opens a sentence and is followed by a chain of appositives up to the comma at `comma`:
 * "The Ministry of Roads and Infrastructure, in a statement issued Wednesday, said".
 */
function openingName(ts: WordToken[], comma: number, lex: Lexicon): NounPhrase | undefined {
  const first = ts.findIndex((t) => t.text === ',');
  if (first < 1 || first > comma || comma - first > 40) return undefined;
  let start = 0;
  if (ts[0]?.word && /^(?:the|but|and)$/.test(ts[0].lower)) start = 1;
  if (ts[1]?.lower === 'the' && start === 1) start = 2;
  const tokens = ts.slice(start, first);
  if (!nameLike(tokens, lex)) return undefined;
  if (tokens.every((t) => !t.word || lex.places.has(t.lower) || CONNECTOR.test(t.lower))) return undefined;
  return { type: 'name', tokens };
}

const COMPLEMENT = /^(?:of|at|in|for|from|with)$/;

/**
 * The head of "X of the court's Commercial Division", "X in Washington": the person or body before the
 * complement, not the complement, is the subject of the verb that follows.
 */
function headOfComplement(ts: WordToken[], start: number, run: WordToken[], lex: Lexicon): NounPhrase {
  let c = start - 1;
  let skipped = 0;
  while (c >= 0 && skipped < 2) {
    const t = ts[c] as WordToken;
    if (!t.word || t.cap || !(t.lower === 'the' || t.possessive)) break;
    c -= 1;
    skipped += 1;
  }
  const link = ts[c];
  if (!link?.word || !COMPLEMENT.test(link.lower)) return { type: 'name', tokens: run };
  const before = ts[c - 1];
  // "a spokeswoman for the Interior Ministry told": the person, whom the article may not name, speaks.
  if (
    before?.word &&
    !before.cap &&
    lex.roleNouns.has(before.lower) &&
    /^(?:of|at|for|with)$/.test(link.lower)
  )
    return descriptiveBackward(ts, c - 1, lex) ?? { type: 'name', tokens: run };
  if (!before || !joinsName(before, lex)) return { type: 'name', tokens: run };
  const head = nameRunBackward(ts, c - 1, lex);
  const places = run.every((t) => lex.places.has(t.lower) || lex.places.has(t.lower.replace(/-/g, ' ')));
  const core = head.filter((t) => !isTitleLike(t, lex));
  const person = core.length >= 2 && core.length < head.length + 1 && plausibleName(core, lex);
  if (person && !places) return { type: 'name', tokens: head };
  // "The Chinese Embassy in Washington": the body keeps its place.
  if (places && head.some((t) => lex.orgWords.has(t.lower)) && /^(?:in|at)$/.test(link.lower))
    return { type: 'name', tokens: ts.slice(ts.indexOf(head[0] as WordToken), start + run.length) };
  return { type: 'name', tokens: run };
}

/**
 * "Ann Lee, a resident of Dunmore said": an appositive whose closing comma is missing still describes
 * the name that opens the sentence before it; that name, not the description, is the subject.
 */
function namedBeforeAppositive(ts: WordToken[], np: NounPhrase, lex: Lexicon): NounPhrase {
  if (np.type !== 'descriptive') return np;
  const d = ts.indexOf(np.tokens[0] as WordToken);
  if (d < 2 || ts[d - 1]?.text !== ',' || !lex.determiners.has(np.tokens[0]?.lower ?? '')) return np;
  const run = nameRunBackward(ts, d - 2, lex);
  const start = ts.indexOf(run[0] as WordToken);
  const opens = start === 0 || !ts[start - 1]?.word;
  return run.length >= 2 && opens && plausibleName(run, lex) ? { type: 'name', tokens: run } : np;
}

export function npBackward(ts: WordToken[], from: number, lex: Lexicon): NounPhrase | undefined {
  const np = npBackwardOf(ts, from, lex);
  return np ? namedBeforeAppositive(ts, np, lex) : undefined;
}

function npBackwardOf(ts: WordToken[], from: number, lex: Lexicon): NounPhrase | undefined {
  let k = skipAsideBackward(ts, skipTimeBackward(ts, skipAsideBackward(ts, from), lex));
  while (k >= 0 && ts[k]?.word && !ts[k]?.cap && isAdverb(ts[k]?.lower ?? ''))
    k = skipTimeBackward(ts, k - 1, lex);
  // "a second report published on Friday said": a participle after a document belongs to its phrase.
  const participle = ts[k];
  if (participle?.word && !participle.cap && /\p{Ll}{2}ed$/u.test(participle.lower))
    if (lex.documentNouns.has(ts[k - 1]?.lower ?? '')) k -= 1;
  if (ts[k]?.text === ',') {
    let j = k - 1;
    while (j >= 0 && ts[j]?.text !== ',' && k - j < 30) j -= 1;
    if (j < 0 || ts[j]?.text !== ',') return undefined;
    // "his brother, Omar Khalid, told VOA": the name in the commas is the speaker.
    const enclosed = ts.slice(j + 1, k);
    // "Another former detainee, Ibrahim Kone from Mali, told": the name, with or without its "from" place.
    const from = enclosed.findIndex((t) => t.word && /^(?:from|of)$/.test(t.lower));
    const named = from > 0 ? enclosed.slice(0, from) : enclosed;
    if (
      named.length >= 2 &&
      named.every((t) => isNameWord(t, lex) || isInitialToken(t) || isParticle(t.lower))
    ) {
      return { type: 'name', tokens: named };
    }
    // "Kamrul Hasan, a spokesman for the Special Branch, which runs the checks, said": the name that
    // opens the sentence, before all its appositives, is the subject.
    const opening = openingName(ts, j, lex);
    if (opening) return opening;
    k = j - 1;
  }
  const t = ts[k];
  if (!t?.word) return undefined;
  if (lexicon().personalPronouns.has(t.lower) && (!t.cap || k === 0 || !ts[k - 1]?.word))
    return { type: 'pronoun', token: t };
  if (t.cap && !lex.common.has(t.lower)) {
    const run = nameRunBackward(ts, k, lex);
    if (run.length === 1 && isSpeakerNoun(t.lower, lex))
      return descriptiveBackward(ts, k, lex) ?? { type: 'name', tokens: run };
    return headOfComplement(ts, ts.indexOf(run[0] as WordToken), run, lex);
  }
  if (!t.cap) return descriptiveBackward(ts, k, lex);
  return undefined;
}

export function isTitleLike(token: WordToken, lex: Lexicon): boolean {
  const w = token.lower.replace(/\.$/, '');
  if (lex.honorifics.has(w) || lex.keepTitles.has(w)) return false;
  return (
    isTitleWord(token.lower, lex) ||
    lex.roleNouns.has(w) ||
    lex.places.has(w) ||
    lex.demonyms.has(w) ||
    lex.orgWords.has(w) ||
    lex.nonName.has(w)
  );
}

/** The body that issued a document, as a description: "the court" of "the court statement". */
export function ownerOf(tokens: WordToken[], lex: Lexicon): NounPhrase {
  const head = tokens[tokens.length - 1] as WordToken;
  return { type: 'descriptive', tokens, head: head.lower, org: !lex.roleNouns.has(head.lower) };
}
