import { isTitleWord, type Lexicon } from './lexicon/index.ts';
import { isGivenName } from './name-words.ts';
import type { WordToken } from './word-tokens.ts';

// What makes a capitalized run a person's name, or a body's: a reporting verb beside it, an age, an
// appositive, the shape of an office or a company, a preposition before it.

/** A capitalized run of a paragraph or caption, with where its name starts. */
export interface Candidate {
  tokens: WordToken[];
  runStart: number;
  nameStart: number;
  nameEnd: number;
  text: string;
}

const ADVERBS =
  /^(?:also|later|then|further|previously|recently|again|once|still|too|repeatedly|earlier|now|often|has|have|had|would|will|\p{Ll}+ly)$/u;

export function nextIsReportingVerb(tokens: WordToken[], end: number, lex: Lexicon): boolean {
  let k = end;
  // "the informateur Willem de Haan, said": the comma that closes an appositive.
  if (tokens[k]?.text === ',' && lex.reportingVerbs.has(tokens[k + 1]?.lower ?? '')) k += 1;
  while (tokens[k] && ADVERBS.test(tokens[k]?.text ?? '')) k += 1;
  const t = tokens[k];
  return !!t && !t.cap && lex.reportingVerbs.has(t.lower);
}

/** "30-year-old Ana Ruiz", "Thirty-year-old Ana Ruiz": an age before a name marks a person. */
export const AGE_ADJECTIVE = /^(?:\d{1,3}|\p{L}+(?:-\p{L}+)?)-years?-old$/iu;

/** How many modifiers may stand between a reporting verb and the name it introduces ("said a visibly tired"). */
const MAX_MODIFIERS_AFTER_VERB = 4;

export function prevIsReportingVerb(tokens: WordToken[], start: number, lex: Lexicon): boolean {
  // "said a visibly tired Okafor": determiners, adverbs and adjectives may stand between verb and name.
  let k = start - 1;
  while (k > 0 && start - 1 - k < MAX_MODIFIERS_AFTER_VERB && isModifier(tokens[k], lex)) k -= 1;
  const t = tokens[k];
  return (
    !!t &&
    !t.cap &&
    (lex.reportingVerbs.has(t.lower) || (t.lower === 'to' && tokens[k - 1]?.lower === 'according'))
  );
}

/** A lowercase word inside a noun phrase before its head: "a", "the", "visibly", "tired". */
function isModifier(token: WordToken | undefined, lex: Lexicon): boolean {
  if (!token?.word || token.cap) return false;
  if (lex.determiners.has(token.lower))
    return token.lower === 'a' || token.lower === 'an' || token.lower === 'the';
  return (
    !lex.stopWords.has(token.lower) &&
    !lex.reportingVerbs.has(token.lower) &&
    !lex.personalPronouns.has(token.lower) &&
    !lex.roleNouns.has(token.lower)
  );
}

/** How long an appositive between a name and its verb may be ("X, one of the six reporters named, said"). */
const MAX_APPOSITIVE_TOKENS = 16;

/** "Moussa Abdou, one of the journalists named, said": a name, an appositive in commas, then a reporting verb. */
export function appositiveThenVerb(tokens: WordToken[], end: number, lex: Lexicon): boolean {
  if (tokens[end]?.text !== ',') return false;
  for (let k = end + 1; k < tokens.length && k - end < MAX_APPOSITIVE_TOKENS; k += 1) {
    const t = tokens[k] as WordToken;
    if (!t.word && t.text !== ',' && t.text !== '-') return false;
    if (t.text === ',') return nextIsReportingVerb(tokens, k + 1, lex);
  }
  return false;
}

/**
 * "Chidi Okafor crossed the line": a full name that opens its sentence and is followed by a finite verb
 * (a lowercase "-ed" or "-s" word) is the sentence's subject, and so a person.
 */
export function subjectOfVerb(tokens: WordToken[], start: number, end: number, lex: Lexicon): boolean {
  const before = tokens[start - 1];
  if (before && !/^[.!?"“”]$/.test(before.text)) return false;
  const next = tokens[skipOrigin(tokens, end)];
  return (
    !!next?.word &&
    !next.cap &&
    /\p{Ll}{2}(?:ed|s)$/u.test(next.lower) &&
    !lex.stopWords.has(next.lower) &&
    !lex.roleNouns.has(next.lower) &&
    !lex.orgNouns.has(next.lower)
  );
}

/** How many capitalized words a place of origin after a name may have ("Ann Lee from Port Salim"). */
const MAX_ORIGIN_WORDS = 3;

/**
 * The index after "from Port Salim also" in "Ann Lee from Port Salim also thinks": a place of origin
 * after a name, and the adverbs before its verb. `end` itself when there is none.
 */
function skipOrigin(tokens: WordToken[], end: number): number {
  let k = end;
  if (tokens[k]?.lower === 'from' && !tokens[k]?.cap) {
    let j = k + 1;
    while (tokens[j]?.cap && j - k <= MAX_ORIGIN_WORDS) j += 1;
    if (j > k + 1) k = j;
  }
  while (tokens[k] && ADVERBS.test(tokens[k]?.text ?? '')) k += 1;
  return k;
}

/** True when a role noun follows within a few modifiers: "'s regional director", "'s lawyer". */
export function ownsRole(tokens: WordToken[], from: number, lex: Lexicon): boolean {
  for (let k = from; k < from + MAX_MODIFIERS_AFTER_VERB; k += 1) {
    const t = tokens[k];
    if (!t?.word || t.cap) return false;
    if (lex.roleNouns.has(t.lower)) return true;
  }
  return false;
}

/**
 * "the Dalai Lama", "the Aga Khan": a person named by an office, a word of its own before a title. The
 * first word is none of the words the lexicon knows (a place, a people, a body, a title, a given name).
 */
export function officeName(c: Candidate, lex: Lexicon): boolean {
  const run = c.tokens.slice(c.runStart, c.nameEnd);
  const [first, last] = run;
  if (run.length !== 2 || !first || !last || c.tokens[c.runStart - 1]?.lower !== 'the') return false;
  if (!isTitleWord(last.lower, lex) || lex.honorifics.has(last.lower)) return false;
  const w = first.lower;
  return ![
    lex.titleWords,
    lex.places,
    lex.demonyms,
    lex.orgWords,
    lex.nonName,
    lex.common,
    lex.male,
    lex.female,
    lex.monthsAndDays,
    lex.roleNouns,
  ].some((set) => set.has(w));
}

/**
 * "Ocean Harvest Fisheries", "Continental Rubber South Africa": a run that opens with a word of
 * organizations, or ends in a place after two words or more, names a body, unless a given name is in it.
 */
export function companyShaped(c: Candidate, lex: Lexicon): boolean {
  const run = c.tokens.slice(c.runStart, c.nameEnd);
  if (run.some((t) => isGivenName(t, lex))) return false;
  const lead = c.tokens.slice(c.runStart, c.nameStart);
  const orgLead =
    lead.length > 0 &&
    lead.every((t) => lex.orgWords.has(t.lower) && !isTitleWord(t.lower, lex) && !lex.places.has(t.lower));
  const last = run[run.length - 1];
  const placeEnd =
    run.length >= 3 && !!last && lex.places.has(last.lower) && !run.every((t) => lex.places.has(t.lower));
  return orgLead || placeEnd;
}

/** Prepositions of place: what follows them is where ("in Ndop", "near Tolmara"). */
const LOCATIVE = /^(?:in|at|near|from|outside|across|around|into)$/;

/** True when the run follows a preposition of place. */
export function afterPlacePreposition(c: Candidate): boolean {
  const before = c.tokens[c.runStart - 1];
  return !!before?.word && !before.cap && LOCATIVE.test(before.lower);
}

/** Prepositions whose complement is a place or an owner, not the one who speaks ("a resident of"). */
const PLACE_PREPOSITION = /^(?:of|in|from|at|near|outside|across|around|into)$/;

/**
 * "a resident of Dunmore", "in Tolmara", "a Marlow resident": a capitalized run after a preposition, or
 * before the lowercase role noun it modifies, is a place or a body; a reporting verb next to it is not its own.
 */
export function placeOrModifier(c: Candidate, lex: Lexicon): boolean {
  const before = c.tokens[c.runStart - 1];
  const after = c.tokens[c.nameEnd];
  const complement = !!before?.word && !before.cap && PLACE_PREPOSITION.test(before.lower);
  const modifier = !!after?.word && !after.cap && lex.roleNouns.has(after.lower);
  return complement || modifier;
}

/** Verbs whose object is a person the reporter met: "we met", "she interviewed", "I spoke to". */
const MEETING = /^(?:met|meet|meets|meeting|interviewed|interviewing)$/;
const SPOKE = /^(?:spoke|speaking|talked|talking)$/;

/** "In the camp we met Tarek Osei.", "I spoke to Ann Lee": the object of meeting is a person. */
export function objectOfMeeting(tokens: WordToken[], start: number): boolean {
  const before = tokens[start - 1];
  if (!before?.word || before.cap) return false;
  if (MEETING.test(before.lower)) return true;
  return /^(?:to|with)$/.test(before.lower) && SPOKE.test(tokens[start - 2]?.lower ?? '');
}
