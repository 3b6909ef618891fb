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
    if (!connector?.word) break;
    // "and" joins the parts of a complement ("Bureau of Water and Energy"), but not two organizations
    // ("Amnesty International and Human Rights Watch").
    const and = connector.lower === 'and' && complement;
    if (!ORG_CONNECTORS.has(connector.lower) && !and) break;
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

/**
 * The span of an organization's name in a capitalized run: widened over its connectors, and without a
 * possessive place in front ("Singapore's Ministry of Home Affairs" is the Ministry of Home Affairs).
 */
export function orgSpanOf(tokens: WordToken[], start: number, end: number, lex: Lexicon): [number, number] {
  const [from, to] = extendOverConnectors(tokens, start, end, lex);
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
