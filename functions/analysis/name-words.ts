import { isTitleWord, type Lexicon, lexicon } from './lexicon/index.ts';
import type { WordToken } from './word-tokens.ts';

// An Arabic article or patronymic glued to a capitalized name: "al-Sitrawi", "el-Sisi", "bin-Salman".
const GLUED_PARTICLE = /^(?:al|el|ad|ar|as|ash|at|az|an|ad-din|bin|ibn|abu|abd)-\p{Lu}/u;

/** The longest lowercase part after a hyphen that can be a syllable of a name ("Jong-su", "Seung-hoon"). */
const MAX_NAME_SYLLABLE = 5;

/** True for "Jong-su", false for "Kong-based": the part after the hyphen is a name's syllable, not a word. */
function nameSyllable(text: string, lex: Lexicon): boolean {
  const suffix = text.slice(text.lastIndexOf('-') + 1);
  return suffix.length <= MAX_NAME_SYLLABLE && !lex.hyphenSuffixes.has(suffix);
}

/** True for a capitalized word that can be part of a name. */
export function isNameWord(token: WordToken, lex: Lexicon): boolean {
  if (token.word && !token.cap && GLUED_PARTICLE.test(token.text)) return true;
  if (!token.word || !token.cap) return false;
  if (/-\p{Ll}+$/u.test(token.text) && !/^(?:al|el)-/i.test(token.text) && !nameSyllable(token.text, lex))
    return false;
  if (lex.common.has(token.lower)) return false;
  return !/^\d/.test(token.text);
}

function isInitial(token: WordToken): boolean {
  return /^\p{Lu}\.$/u.test(token.text);
}

export function isAcronym(token: WordToken): boolean {
  // Dotted capitals are initials ("J.D. Vance") unless they name a place ("U.S.", "U.N.").
  if (/^(?:\p{Lu}\.)+$/u.test(token.text) && !lexicon().places.has(token.lower)) return false;
  // A regnal number ("Pope Innocent XIV", "Charles III") is part of a name.
  if (/^(?:X{0,3})(?:IX|IV|V?I{0,3})$/.test(token.text) && token.text.length >= 2) return false;
  const plain = token.text.replace(/\./g, '');
  return plain.length >= 2 && plain === plain.toUpperCase() && /\p{Lu}/u.test(plain) && !/\d/.test(plain);
}

/**
 * Where a run of one to three name particles ends, when a name word follows them ("van der Merwe",
 * "de la Cruz", "bin Abdul"); `from` when there is none.
 */
export function particlesEnd(tokens: WordToken[], from: number, lex: Lexicon): number {
  let k = from;
  while (
    k - from < 3 &&
    tokens[k]?.word &&
    !tokens[k]?.cap &&
    lexicon().particles.has(tokens[k]?.lower ?? '')
  )
    k += 1;
  const next = tokens[k];
  return k > from && next && isNameWord(next, lex) ? k : from;
}

/** Words that keep a capital inside a name without being part of it ("Minister of the Interior"). */
const LINKING_CAPITALS = new Set([
  'the',
  'and',
  'of',
  'for',
  'in',
  'on',
  'at',
  'to',
  'by',
  'with',
  'from',
  'or',
]);

/** "Nghe An Provincial Police": a common word with a capital, between two name words, belongs to the name. */
function capitalInsideName(tokens: WordToken[], j: number, lex: Lexicon): boolean {
  const t = tokens[j];
  const previous = tokens[j - 1];
  const next = tokens[j + 1];
  if (!t?.word || !t.cap || LINKING_CAPITALS.has(t.lower) || !previous || !next) return false;
  return isNameWord(previous, lex) && isNameWord(next, lex) && !/^\p{Lu}{2,}$/u.test(t.text);
}

/** Capitalized runs in a token list: [start, end) index pairs. Particles join names ("bin", "von"). */
export function capitalizedRuns(tokens: WordToken[], lex: Lexicon): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] as WordToken;
    if (!isNameWord(token, lex)) {
      i += 1;
      continue;
    }
    let j = i + 1;
    while (j < tokens.length) {
      const next = tokens[j] as WordToken;
      if (isNameWord(next, lex) || isInitial(next) || capitalInsideName(tokens, j, lex)) {
        j += 1;
        continue;
      }
      const after = particlesEnd(tokens, j, lex);
      if (after > j) {
        j = after;
        continue;
      }
      break;
    }
    runs.push([i, j]);
    i = j;
  }
  return runs;
}

/** A day or a month; a short form ("Jan") only with its period or a number after it, since Jan is also a name. */
function isDateWord(token: WordToken, lex: Lexicon): boolean {
  const word = token.lower.replace(/\.$/, '');
  if (!lex.monthsAndDays.has(word)) return false;
  return word.length > 4 || token.text.endsWith('.') || !lex.male.has(word);
}

function isPrefixWord(token: WordToken, lex: Lexicon): boolean {
  const word = token.lower.replace(/\.$/, '');
  return (
    isTitleWord(token.lower, lex) ||
    lex.keepTitles.has(word) ||
    lex.honorifics.has(word) ||
    lex.orgWords.has(word) ||
    lex.demonyms.has(word) ||
    lex.places.has(word) ||
    isDateWord(token, lex) ||
    isAcronym(token)
  );
}

export function isGivenName(token: WordToken, lex: Lexicon): boolean {
  return lex.male.has(token.lower) || lex.female.has(token.lower) || lex.familyFirst.has(token.lower);
}

/** A word that stops a given name from starting the name: a title, an organization word, an honorific. */
function blocks(t: WordToken, lex: Lexicon): boolean {
  const w = t.lower.replace(/\.$/, '');
  return isTitleWord(t.lower, lex) || lex.orgWords.has(w) || lex.honorifics.has(w);
}

/** A word before a given name that is no part of the name: a prefix, a word of organizations, a verb form. */
function noName(t: WordToken, lex: Lexicon): boolean {
  return isPrefixWord(t, lex) || lex.nonName.has(t.lower) || /^\p{Lu}\p{Ll}{3,}(?:ing|ly)$/u.test(t.text);
}

/** Where the name starts in a capitalized run, after titles, places and organizations. */
export function nameStartIn(tokens: WordToken[], run: [number, number], lex: Lexicon): number {
  const [a, b] = run;
  // A known given name starts the name, even after words that are not titles ("Labor Michael Posner").
  // The words before it must be words that are no name ("Labor"), or "Samia Ben Slimane" would lose "Samia".
  for (let k = a; k < b - 1; k += 1) {
    const token = tokens[k] as WordToken;
    if (
      isGivenName(token, lex) &&
      !blocks(token, lex) &&
      !tokens.slice(k + 1, b).some((t) => blocks(t, lex))
    ) {
      // ... or a verb form that opens the sentence ("Imprisoning Sonia Belhaj ...", "Recently Omar ...").
      const lead = tokens.slice(a, k);
      if (lead.every((t) => noName(t, lex))) return k;
      // "a correspondent for Radio Sever Pavel Drozd": a body's name, then a person's, in one run.
      if (lead.some((t) => lex.orgWords.has(t.lower)) && !lead.some((t) => isGivenName(t, lex))) return k;
      // "Commissioner for Water Resources Grace Aondona": the title's complement, then the name.
      if (complementOfTitle(tokens, a, b, lex)) return k;
      break;
    }
  }
  // Right after a lowercase role noun ("media analyst Jordan Pike"), the run is a name even when its
  // first word is also a place.
  const before = tokens[a - 1];
  const afterRole = !!before?.word && !before.cap && lex.roleNouns.has(before.lower);
  // "Minister of Post and Telecommunications Chea Vuthy": the run's first word ends the title's complement.
  let lastPrefix = complementOfTitle(tokens, a, b, lex) ? a : a - 1;
  for (let k = a; k < b; k += 1) {
    const token = tokens[k] as WordToken;
    const place = lex.places.has(token.lower) || lex.demonyms.has(token.lower);
    if (place && k === b - 1 && k > a && !isPrefixWord(tokens[k - 1] as WordToken, lex)) {
      // "Mahnaz Baloch": a place word that ends a name after a name word is a surname.
      const plainPlace =
        !isTitleWord(token.lower, lex) && !lex.orgWords.has(token.lower) && !isAcronym(token);
      if (plainPlace) continue;
    }
    if (
      isPrefixWord(token, lex) &&
      !(afterRole && place && k === a && b - a >= 2) &&
      !familyNameAt(tokens, k, lex)
    )
      lastPrefix = k;
  }
  // "Acme's Jo Park", "FC Lakeside's Ana Ruiz": a possessive owns the person; the name starts after it.
  for (let k = a; k < b - 1; k += 1)
    if ((tokens[k] as WordToken).possessive) lastPrefix = Math.max(lastPrefix, k);
  // A capitalized role noun before two or more name words is a role ("Lawyer Ayse Demir").
  const first = tokens[lastPrefix + 1];
  if (first && b - (lastPrefix + 1) >= 3 && lex.roleNouns.has(first.lower)) return lastPrefix + 2;
  return lastPrefix + 1;
}

/** True when a run follows a title and its "of ... and" complement: "Minister of Post and [Telecommunications ...]". */
function complementOfTitle(tokens: WordToken[], a: number, b: number, lex: Lexicon): boolean {
  if (b - a < 3) return false;
  const link = tokens[a - 1];
  if (!link?.word || !/^(?:of|and|for)$/.test(link.lower)) return false;
  for (let k = a - 2; k >= Math.max(0, a - 8); k -= 1) {
    const t = tokens[k] as WordToken;
    if (!t.word) return false;
    if (t.cap && isTitleWord(t.lower, lex)) return true;
    if (!t.cap && !/^(?:of|and|for|the)$/.test(t.lower)) return false;
  }
  return false;
}

/** True for a family name that comes first, before a hyphenated given name ("Park Min-ho", "Ban So-ra"). */
export function familyNameAt(tokens: WordToken[], k: number, lex: Lexicon): boolean {
  return (
    lex.familyFirst.has(tokens[k]?.lower ?? '') && /^\p{Lu}\p{Ll}*-\p{Ll}+$/u.test(tokens[k + 1]?.text ?? '')
  );
}

/** True when the capitalized words look like a personal name (not a place, group, month ...). */
export function plausibleName(words: WordToken[], lex: Lexicon): boolean {
  if (words.length === 0 || words.length > 5) return false;
  let places = 0;
  // "Park Min-ho", "Kang Ji-won": a family name that is also an English word, before a hyphenated given name.
  const familyFirst = words.length === 2 && familyNameAt(words, 0, lex);
  for (const token of words) {
    const w = token.lower.replace(/\.$/, '');
    if (familyFirst && token === words[0]) continue;
    if (
      lex.orgWords.has(w) ||
      lex.nonName.has(w) ||
      isDateWord(token, lex) ||
      isTitleWord(token.lower, lex) ||
      lex.honorifics.has(w)
    )
      return false;
    if (isAcronym(token) && !isInitial(token)) return false;
    if (lex.places.has(w) || lex.demonyms.has(w)) places += 1;
  }
  return places < words.length;
}

export function displayName(text: string, words: WordToken[]): string {
  const first = words[0];
  const last = words[words.length - 1];
  if (!first || !last) return '';
  return text
    .slice(first.start, last.end)
    .replace(/['’]s$/, '')
    .replace(/(\p{L}{2})['’]$/u, '$1');
}

export function isCommonNoun(token: WordToken, lex: Lexicon): boolean {
  const word = token.lower;
  const singular = word.replace(/ies$/, 'y').replace(/s$/, '');
  return [word, singular].some(
    (w) => lex.roleNouns.has(w) || lex.orgNouns.has(w) || lex.documentNouns.has(w) || lex.nonName.has(w),
  );
}

/**
 * A full name followed by a relative clause about a person or an indefinite appositive: "Kadiatou Bah,
 * whose son ...", "Chisomo Banda, who ...", "Bockarie Turay, a retired mechanic".
 */
export function describedAfter(tokens: WordToken[], nameEnd: number): boolean {
  if (tokens[nameEnd]?.text !== ',') return false;
  const next = tokens[nameEnd + 1];
  const after = tokens[nameEnd + 2];
  if (!next?.word || next.cap) return false;
  if (next.lower === 'who' || next.lower === 'whose') return true;
  return (next.lower === 'a' || next.lower === 'an') && !!after?.word && !after.cap;
}

/** "HCLU", "NiMet": a short form, as opposed to a name. */
export function isAcronymName(text: string): boolean {
  const plain = text.replace(/\./g, '');
  if (plain.length >= 2 && plain.length <= 6 && /^\p{Lu}+$/u.test(plain)) return true;
  return /^\p{Lu}\p{L}{1,8}$/u.test(plain) && /^\p{Lu}\p{Ll}*\p{Lu}/u.test(plain);
}
