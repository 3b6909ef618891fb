import { lexicon } from './lexicon/index.ts';

/** A token of a paragraph for name and attribution parsing. */
export interface WordToken {
  /** The token as written ("Posner's", "U.S.", "Mr.", ","). */
  text: string;
  /** Lowercase, curly apostrophes straightened, possessive "'s" removed. */
  lower: string;
  start: number;
  end: number;
  /** Letters or digits (not punctuation). */
  word: boolean;
  /** Starts with a capital letter. */
  cap: boolean;
  possessive: boolean;
}

const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’.-][\p{L}\p{M}\p{N}]+)*['’]?|[^\s\p{L}\p{M}\p{N}]/gu;

const SUFFIXES = new Set(['jr', 'sr']);
const NOT_POSSESSIVE = new Set(["it's", "he's", "she's", "that's", "there's", "what's", "who's", "let's"]);
const DOTTED = /^(?:\p{L}\.)+\p{L}$/u;

function isWordChar(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase() || (ch >= '0' && ch <= '9');
}

/** A lowercase letter pair, a full stop and a capitalized word, with no space: "Minister.That". */
const FUSED_SENTENCES = /\p{Ll}{2}(?=\.\p{Lu}\p{Ll})/u;

/** Splits a paragraph into word and punctuation tokens; initials, acronyms and titles keep their period. */
export function wordTokens(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    let raw = match[0];
    let end = match.index + raw.length;
    const first = raw[0] ?? '';
    const word = isWordChar(first);
    if (word) {
      // "minister.That": two sentences fused by a missing space are two words and a full stop.
      const fused = raw.includes('.') ? FUSED_SENTENCES.exec(raw) : null;
      if (fused) {
        raw = raw.slice(0, fused.index + 2);
        end = match.index + raw.length;
        TOKEN.lastIndex = end;
      }
      const last = raw[raw.length - 1];
      // A closing apostrophe belongs to the word only as a plural possessive ("States'").
      if ((last === "'" || last === '’') && !/s['’]$/i.test(raw)) {
        raw = raw.slice(0, -1);
        end -= 1;
        TOKEN.lastIndex = end;
      }
      // A title abbreviation keeps its period only before a name ("Sen. Warren", not "Hun Sen." at the end).
      const title =
        lexicon().tokenAbbreviations.has(raw.toLowerCase()) &&
        (SUFFIXES.has(raw.toLowerCase()) || /^\.\s*\p{Lu}/u.test(text.slice(end, end + 4)));
      if (text[end] === '.' && (raw.length === 1 || DOTTED.test(raw) || title)) {
        raw += '.';
        end += 1;
        TOKEN.lastIndex = end;
      }
    }
    const straight = raw.includes('’') ? raw.replace(/’/g, "'") : raw;
    const lowerRaw = straight.toLowerCase();
    const possessive =
      word && (lowerRaw.endsWith("'s") || lowerRaw.endsWith("s'")) && !NOT_POSSESSIVE.has(lowerRaw);
    const lower = possessive ? lowerRaw.slice(0, lowerRaw.endsWith("'s") ? -2 : -1) : lowerRaw;
    const cap = word && first !== first.toLowerCase();
    tokens.push({ text: raw, lower, start: match.index, end, word, cap, possessive });
  }
  return tokens;
}

/** The token's text without a trailing period or possessive ending. */
export function bare(token: WordToken): string {
  return token.text
    .replace(/[’']s?$/i, '')
    .replace(/\.$/, (dot) => (/^(?:\p{L}\.)+$/u.test(token.text) ? dot : ''));
}
