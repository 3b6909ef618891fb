import type { Lexicon } from './lexicon/index.ts';
import type { WordToken } from './word-tokens.ts';

// Phrases that stand inside a subject's noun phrase or between it and its verb without being its head.

/** "a statement from the ministry", "the report by the group": a document and who issued it. */
export function ownedDocumentAt(ts: WordToken[], k: number, lex: Lexicon): boolean {
  let j = k;
  while (j < k + 3 && ts[j]?.word && !lex.documentNouns.has(ts[j]?.lower ?? '')) j += 1;
  return lex.documentNouns.has(ts[j]?.lower ?? '') && /^(?:from|by|of)$/.test(ts[j + 1]?.lower ?? '');
}

const TIME_LINK = /^(?:on|last|this|late|early|next|since|by|until|that)$/;
const TIME_UNIT = /^(?:week|month|year|morning|afternoon|evening|night|weekend)$/;

/**
 * Skips a time adjunct that ends at `k`, between a subject and its verb: "The ministry on Monday said",
 * "Police last week said", "She on Jan. 5 told". Returns the index before it.
 */
export function skipTimeBackward(ts: WordToken[], k: number, lex: Lexicon): number {
  let i = k;
  for (;;) {
    const t = ts[i];
    if (!t?.word) return i;
    if (/^\d{1,4}$/.test(t.text) && lex.monthsAndDays.has(ts[i - 1]?.lower.replace(/\.$/, '') ?? '')) {
      i -= 1;
      continue;
    }
    const link = ts[i - 1];
    const timeWord = lex.monthsAndDays.has(t.lower.replace(/\.$/, '')) || (TIME_UNIT.test(t.lower) && !t.cap);
    if (timeWord && link?.word && !link.cap && TIME_LINK.test(link.lower)) {
      i -= 2;
      continue;
    }
    return i;
  }
}

/** How many tokens a short aside in brackets may hold ("(D)", "(R-Texas)", "(pictured)"). */
const MAX_ASIDE_TOKENS = 6;

/**
 * Skips a short bracketed aside that ends at `k`, between a subject and its verb: "Gov. Ann Lee (D)
 * said", "the agency (NSA) said". Returns the index before it, or `k` when there is none.
 */
export function skipAsideBackward(ts: WordToken[], k: number): number {
  if (ts[k]?.text !== ')') return k;
  for (let j = k - 1; j >= 0 && k - j <= MAX_ASIDE_TOKENS; j -= 1) {
    const t = ts[j] as WordToken;
    if (t.text === '(') return j > 0 ? j - 1 : k;
    if (!t.word && t.text !== '-' && t.text !== '.' && t.text !== ',') return k;
  }
  return k;
}
