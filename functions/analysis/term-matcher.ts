/** A word of text, lowercased, with its offsets in the source string. */
export interface TermToken {
  word: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

const NON_ASCII = /[^\x20-\x7e]/;

function fold(word: string): string {
  const lower = word.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower
    .replace(/’/g, "'")
    .normalize('NFD')
    .replace(/\p{M}+/gu, '');
}

/** Splits text into lowercase words with offsets; apostrophes stay inside words ("women's"). */
export function termTokens(text: string): TermToken[] {
  const tokens: TermToken[] = [];
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match; match = WORD.exec(text)) {
    tokens.push({ word: fold(match[0]), start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** The owner in a possessive ("police's" gives "police"), so that a pattern's word matches it too. */
function possessor(word: string): string | undefined {
  return word.endsWith("'s") ? word.slice(0, -2) : undefined;
}

interface WordMatcher {
  text: string;
  prefix: boolean;
}

/** A compiled term pattern; `id` indexes the caller's own table. */
export interface CompiledPattern {
  id: number;
  words: WordMatcher[];
}

/** A match of pattern `id` over tokens `[start, end)`. */
export interface PatternMatch {
  id: number;
  start: number;
  end: number;
}

/** Compiles a pattern ("re-education camp*") into word matchers; `*` ends a word with a prefix match. */
export function compilePattern(source: string, id: number): CompiledPattern {
  const words: WordMatcher[] = [];
  for (const piece of source.trim().split(/[\s\-–—/]+/)) {
    const prefix = piece.endsWith('*');
    const parts = termTokens(prefix ? piece.slice(0, -1) : piece).map((token) => token.word);
    parts.forEach((text, i) => {
      words.push({ text, prefix: prefix && i === parts.length - 1 });
    });
  }
  return { id, words };
}

/** An index of patterns by their first word, for matching many patterns in one pass. */
export class PatternIndex {
  private readonly exact = new Map<string, CompiledPattern[]>();
  private readonly byPrefix = new Map<string, CompiledPattern[]>();

  constructor(patterns: CompiledPattern[]) {
    for (const pattern of patterns) {
      const first = pattern.words[0];
      if (!first) continue;
      const map = first.prefix ? this.byPrefix : this.exact;
      const key = first.prefix ? first.text.slice(0, 3) : first.text;
      const list = map.get(key);
      if (list) list.push(pattern);
      else map.set(key, [pattern]);
    }
  }

  /** Every match of every pattern in `tokens`. */
  matchAll(tokens: TermToken[]): PatternMatch[] {
    const matches: PatternMatch[] = [];
    for (let i = 0; i < tokens.length; i += 1) {
      const word = tokens[i]?.word ?? '';
      const exact = this.exact.get(word);
      if (exact) this.collect(exact, tokens, i, matches);
      const owner = possessor(word);
      const owned = owner === undefined ? undefined : this.exact.get(owner);
      if (owned) this.collect(owned, tokens, i, matches);
      if (word.length >= 3) {
        const prefixed = this.byPrefix.get(word.slice(0, 3));
        if (prefixed) this.collect(prefixed, tokens, i, matches);
      }
    }
    return matches;
  }

  private collect(patterns: CompiledPattern[], tokens: TermToken[], at: number, out: PatternMatch[]): void {
    for (const pattern of patterns) {
      let ok = at + pattern.words.length <= tokens.length;
      for (let j = 0; ok && j < pattern.words.length; j += 1) {
        const matcher = pattern.words[j];
        const word = tokens[at + j]?.word ?? '';
        ok =
          matcher !== undefined &&
          (matcher.prefix
            ? word.startsWith(matcher.text)
            : word === matcher.text || possessor(word) === matcher.text);
      }
      if (ok) out.push({ id: pattern.id, start: at, end: at + pattern.words.length });
    }
  }
}
