import type { WordToken } from './word-tokens.ts';

/** Index of the first token that starts at or after `offset` (tokens are in text order). */
export function firstTokenAt(tokens: WordToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as WordToken).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The tokens that lie wholly within [from, to), found by binary search. */
export function tokensBetween(tokens: WordToken[], from: number, to: number): WordToken[] {
  const out: WordToken[] = [];
  for (let i = firstTokenAt(tokens, from); i < tokens.length; i += 1) {
    const t = tokens[i] as WordToken;
    if (t.start >= to) break;
    if (t.end <= to) out.push(t);
  }
  return out;
}

/** Index of the last item whose key is below `value`, or -1 (items sorted by key). */
export function lastBelow<T>(items: T[], value: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid] as T) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** True when `at` falls inside one of the sorted, disjoint [start, end) ranges. */
export function inSortedRanges(ranges: Array<[number, number]>, at: number): boolean {
  const i = lastBelow(ranges, at + 1, (r) => r[0]);
  const range = ranges[i];
  return range !== undefined && at >= range[0] && at < range[1];
}
