import { isTitleWord, type Lexicon } from './lexicon/index.ts';
import { isGivenName, isNameWord } from './name-words.ts';
import type { WordToken } from './word-tokens.ts';

const ORG_CONNECTORS = new Set(['of', 'to', 'for', 'on', 'against', 'the', 'de', 'du']);

/** Widens a capitalized run over "of", "to", "for" ... to a full organization name ("Committee to Protect Journalists"). */
function extendOverConnectors(
  tokens: WordToken[],
  start: number,
  end: number,
  lex: Lexicon,
): [number, number] {
  let to = end;
  // A title chain ("Secretary of State Michael Posner") is not an organization's name.
  if (isTitleWord(tokens[end - 1]?.lower ?? '', lex)) return [start, end];
  let complement = false;
  for (;;) {
    const connector = tokens[to];
    // "Department of National Parks, Wildlife and Plant Conservation": a comma lists the complement's parts.
    const listed = connector?.text === ',' && complement && listGoesOn(tokens, to + 1, lex);
    if (!connector?.word && !listed) break;
    // "and" joins the parts of a complement ("Bureau of Water and Energy"), but not two organizations
    // ("Amnesty International and Human Rights Watch").
    const and = (connector?.lower === 'and' || listed) && complement;
    if (!ORG_CONNECTORS.has(connector?.lower ?? '') && !and) break;
    let k = to + 1;
    if (tokens[k]?.lower === 'the') k += 1;
    if (!tokens[k] || !isNameWord(tokens[k] as WordToken, lex)) break;
    const segmentStart = k;
    while (tokens[k] && isNameWord(tokens[k] as WordToken, lex)) k += 1;
    const segment = tokens.slice(segmentStart, k);
    if (segment.slice(0, -1).some((t) => isGivenName(t, lex))) break;
    // "Rift Valley Cement on Thursday": a date is no part of a name.
    if (segment.some((t) => lex.monthsAndDays.has(t.lower))) break;
    if (and && segment.some((t) => lex.orgWords.has(t.lower))) break;
    complement = true;
    to = k;
  }
  return [start, to];
}

/** The most capitalized words of one part of a listed complement ("National Parks, Wildlife and ..."). */
const MAX_LIST_PART = 3;

/** True when the words at `k` are one part of a list that "and" closes: "Wildlife and Plant Conservation". */
function listGoesOn(tokens: WordToken[], k: number, lex: Lexicon): boolean {
  let j = k;
  while (j - k < MAX_LIST_PART && tokens[j] && isNameWord(tokens[j] as WordToken, lex)) j += 1;
  const next = tokens[j + 1];
  return j > k && tokens[j]?.lower === 'and' && !!next && isNameWord(next, lex);
}

/** How many capitalized words may stand before "and" in an organization's name ("Food and Drug ..."). */
const MAX_WORDS_BEFORE_AND = 3;

/**
 * "the Food and Drug Administration", "U.S. Customs and Border Protection": words joined by "and" to the
 * front of an organization's name, when they name no body, person or place of their own and the whole
 * opens with "the" or a place. "Okafor and Amnesty International" stays two.
 */
function extendBackOverAnd(tokens: WordToken[], from: number, to: number, lex: Lexicon): number {
  const and = tokens[from - 1];
  if (!and?.word || and.lower !== 'and') return from;
  let j = from - 1;
  while (
    j > 0 &&
    from - 1 - j < MAX_WORDS_BEFORE_AND &&
    isNameWord(tokens[j - 1] as WordToken, lex) &&
    !tokens[j - 1]?.possessive
  )
    j -= 1;
  const part = tokens.slice(j, from - 1);
  const place = (t: WordToken) => lex.places.has(t.lower) || lex.demonyms.has(t.lower);
  const opener = tokens[j - 1];
  const possessivePlace = !!opener?.possessive && place(opener);
  const opened =
    opener?.lower === 'the' || possessivePlace || (part.length > 1 && place(part[0] as WordToken));
  if (part.length === 0 || !opened || part.every(place)) return from;
  const owned = part.some(
    (t) => t.possessive || lex.orgWords.has(t.lower) || lex.nonName.has(t.lower) || isGivenName(t, lex),
  );
  return owned && !spelledByAcronym(tokens, j, to) ? from : j;
}

/** "Coastal Survey and Mapping Agency (CSMA)": on over "and" when the acronym spells the whole. */
function extendOverAnd(tokens: WordToken[], from: number, to: number, lex: Lexicon): number {
  if (tokens[to]?.lower !== 'and') return to;
  let k = to + 1;
  while (tokens[k] && isNameWord(tokens[k] as WordToken, lex)) k += 1;
  return k > to + 1 && spelledByAcronym(tokens, from, k) ? k : to;
}

/**
 * "the Coastal Survey and Mapping Agency (CSMA)": the acronym in brackets after a name
 * spells the initials of every capitalized word from `from`, so the whole is one body's name.
 */
function spelledByAcronym(tokens: WordToken[], from: number, to: number): boolean {
  const acronym = tokens[to + 1];
  if (tokens[to]?.text !== '(' || tokens[to + 2]?.text !== ')' || !acronym?.word) return false;
  if (!/^\p{Lu}{2,}$/u.test(acronym.text)) return false;
  const initials = tokens
    .slice(from, to)
    .filter((t) => t.cap)
    .map((t) => t.text[0])
    .join('');
  return initials === acronym.text;
}

/**
 * The span of an organization's name in a capitalized run: widened over its connectors, and without a
 * possessive place in front ("Singapore's Ministry of Home Affairs" is the Ministry of Home Affairs).
 */
export function orgSpanOf(tokens: WordToken[], start: number, end: number, lex: Lexicon): [number, number] {
  const [opening, widened] = extendOverConnectors(tokens, start, end, lex);
  const to = extendOverAnd(tokens, opening, widened, lex);
  const from = extendBackOverAnd(tokens, opening, to, lex);
  let k = from;
  while (k < to - 1) {
    const t = tokens[k] as WordToken;
    if (!t.possessive) {
      if (lex.places.has(t.lower) || lex.demonyms.has(t.lower)) {
        k += 1;
        continue;
      }
      break;
    }
    if (tokens.slice(from, k + 1).every((x) => lex.places.has(x.lower) || lex.demonyms.has(x.lower)))
      return [k + 1, to];
    break;
  }
  return [from, to];
}
