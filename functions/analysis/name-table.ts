import { isTitleWord, type Lexicon, lexicon } from './name-lexicon.ts';
import { sentenceSpans } from './sentence-splitter.ts';
import { type WordToken, wordTokens } from './word-tokens.ts';

/** What kind of speaker a name stands for. */
export type EntityKind = 'person' | 'org';

/** One person or organization of the article, under the earliest, longest form of its name. */
export interface NameEntry {
  id: number;
  name: string;
  /** Lowercase name words, for matching later mentions. */
  words: string[];
  kind: EntityKind;
  gender?: 'm' | 'f';
  /** The gender is only a guess from the first name, which a pronoun may contradict. */
  weakGender?: boolean;
  /** Roles stated for this entry, in document order. */
  roles: string[];
  /** The most specific role, once the table is complete. */
  role?: string;
}

/** A mention of a table entry in the body, outside quotes. */
export interface Mention {
  entry: NameEntry;
  paragraph: number;
  start: number;
  end: number;
  /** Index of the sentence in the paragraph. */
  sentence: number;
  /** First person mentioned in its sentence: a likely subject. */
  subject: boolean;
}

/** The per-article name table and the mentions of its entries. */
export interface NameTable {
  entries: NameEntry[];
  mentions: Mention[];
}

/** A paragraph's tokens and the character ranges of its quotes. */
export interface TableInput {
  paragraphs: string[];
  captions: string[];
  /** Quote ranges per paragraph; names inside them make no mentions. */
  quoted: Array<Array<[number, number]>>;
  /** The paragraphs' tokens, when the caller already has them. */
  tokens?: WordToken[][];
  /** Reporters (byline, author): never entries, so never speakers or antecedents. */
  exclude?: string[];
}

const PARTICLES = new Set([
  'bin',
  'bint',
  'ibn',
  'al',
  'el',
  'de',
  'del',
  'della',
  'der',
  'den',
  'di',
  'da',
  'das',
  'dos',
  'du',
  'la',
  'le',
  'van',
  'von',
  'ter',
  'ten',
  'y',
  'abu',
  'ould',
]);
const CONNECTORS = new Set(['of', 'for', 'and', 'on', 'de', 'the']);
const STOP = new Set(
  'the a an this that these those his her their its our my your by with to from in on at for of as about against into over under after before during between among and or but nor who whom whose which what where when why how is are was were be been being has have had will would can could may might should must do does did not no than then also only just very more most so such said says told according including regarding following concerning while although though because since if unless until whether'.split(
    ' ',
  ),
);
const IRREGULAR_VERBS = new Set(
  'met meets took takes saw sees led leads sent sends gave gives made makes held holds left leaves went goes came comes got gets put puts set sets let hit won lost kept brought found thought became began ran spoke wrote told visited visits joins joined urged urges is are was were'.split(
    ' ',
  ),
);
// Military and police ranks: job titles before a name, never part of it.
const RANKS = new Set(
  'general gen colonel col lieutenant lt major maj captain capt sergeant sgt admiral adm marshal brigadier brig commander cmdr corporal cpl private pvt inspector insp superintendent supt'.split(
    ' ',
  ),
);
const ROLE_ADJECTIVES = new Set(
  'retired jailed exiled imprisoned renowned acclaimed celebrated noted elected appointed embattled beleaguered disgraced ousted deposed detained self-exiled self-styled so-called veteran former acting interim senior junior chief deputy top leading prominent outspoken independent'.split(
    ' ',
  ),
);

// An Arabic article or patronymic glued to a capitalized name: "al-Sitrawi", "el-Sisi", "bin-Salman".
const GLUED_PARTICLE = /^(?:al|el|ad|ar|as|ash|at|az|an|ad-din|bin|ibn|abu|abd)-\p{Lu}/u;

/** True for a capitalized word that can be part of a name. */
export function isNameWord(token: WordToken, lex: Lexicon): boolean {
  if (token.word && !token.cap && GLUED_PARTICLE.test(token.text)) return true;
  if (!token.word || !token.cap) return false;
  if (/-\p{Ll}+$/u.test(token.text) && !/^(?:al|el)-/i.test(token.text)) return false;
  if (lex.common.has(token.lower)) return false;
  return !/^\d/.test(token.text);
}

function isInitial(token: WordToken): boolean {
  return /^\p{Lu}\.$/u.test(token.text);
}

function isAcronym(token: WordToken): boolean {
  // Dotted capitals are initials ("J.D. Vance") unless they name a place ("U.S.", "U.N.").
  if (/^(?:\p{Lu}\.)+$/u.test(token.text) && !lexicon().places.has(token.lower)) return false;
  const plain = token.text.replace(/\./g, '');
  return plain.length >= 2 && plain === plain.toUpperCase() && /\p{Lu}/u.test(plain) && !/\d/.test(plain);
}

/**
 * Where a run of one to three name particles ends, when a name word follows them ("van der Merwe",
 * "de la Cruz", "bin Abdul"); `from` when there is none.
 */
export function particlesEnd(tokens: WordToken[], from: number, lex: Lexicon): number {
  let k = from;
  while (k - from < 3 && tokens[k]?.word && !tokens[k]?.cap && PARTICLES.has(tokens[k]?.lower ?? '')) k += 1;
  const next = tokens[k];
  return k > from && next && isNameWord(next, lex) ? k : from;
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
      if (isNameWord(next, lex) || isInitial(next)) {
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

function isPrefixWord(token: WordToken, lex: Lexicon): boolean {
  const word = token.lower.replace(/\.$/, '');
  return (
    isTitleWord(token.lower, lex) ||
    lex.keepTitles.has(word) ||
    lex.honorifics.has(word) ||
    lex.orgWords.has(word) ||
    lex.demonyms.has(word) ||
    lex.places.has(word) ||
    lex.monthsAndDays.has(word) ||
    isAcronym(token)
  );
}

function isGivenName(token: WordToken, lex: Lexicon): boolean {
  return lex.male.has(token.lower) || lex.female.has(token.lower) || lex.familyFirst.has(token.lower);
}

/** Where the name starts in a capitalized run, after titles, places and organizations. */
export function nameStartIn(tokens: WordToken[], run: [number, number], lex: Lexicon): number {
  const [a, b] = run;
  const blocks = (t: WordToken): boolean => {
    const w = t.lower.replace(/\.$/, '');
    return isTitleWord(t.lower, lex) || lex.orgWords.has(w) || lex.honorifics.has(w);
  };
  // A known given name starts the name, even after words that are not titles ("Labor Michael Posner").
  for (let k = a; k < b - 1; k += 1) {
    const token = tokens[k] as WordToken;
    if (isGivenName(token, lex) && !blocks(token) && !tokens.slice(k + 1, b).some(blocks)) return k;
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
    if (isPrefixWord(token, lex) && !(afterRole && place && k === a && b - a >= 2)) lastPrefix = k;
  }
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

function genderOfWord(word: string, lex: Lexicon): 'm' | 'f' | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  const male = lex.male.has(w) || lex.maleRoles.has(w);
  const female = lex.female.has(w) || lex.femaleRoles.has(w);
  if (male && !female) return 'm';
  if (female && !male) return 'f';
  return undefined;
}

/** True when the capitalized words look like a personal name (not a place, group, month ...). */
export function plausibleName(words: WordToken[], lex: Lexicon): boolean {
  if (words.length === 0 || words.length > 5) return false;
  let places = 0;
  for (const token of words) {
    const w = token.lower.replace(/\.$/, '');
    if (
      lex.orgWords.has(w) ||
      lex.nonName.has(w) ||
      lex.monthsAndDays.has(w) ||
      isTitleWord(token.lower, lex) ||
      lex.honorifics.has(w)
    )
      return false;
    if (isAcronym(token) && !isInitial(token)) return false;
    if (lex.places.has(w) || lex.demonyms.has(w)) places += 1;
  }
  return places < words.length;
}

function trimRole(text: string): string {
  return text
    .replace(/^(?:the|a|an)\s+/i, '')
    .replace(/^(?:The\s+)?United States['’]\s+/, 'U.S. ')
    .replace(/^(?:The\s+)?United Nations['’]\s+/, 'U.N. ')
    .replace(/[\s,;:]+$/, '')
    .trim();
}

function hasRoleWord(tokens: WordToken[], lex: Lexicon): boolean {
  return tokens.some(
    (t) =>
      lex.roleNouns.has(t.lower) ||
      (t.cap && isTitleWord(t.lower, lex) && !lex.honorifics.has(t.lower.replace(/\.$/, ''))),
  );
}

/** The role stated before a name: "U.S. Assistant Secretary of State", "Hong Kong-based rights analyst". */
export function roleBefore(
  text: string,
  tokens: WordToken[],
  nameStart: number,
  lex: Lexicon,
): string | undefined {
  let j = nameStart - 1;
  let start = nameStart;
  const chain: WordToken[] = [];
  // A capitalized title chain, with "of", "for", "and" and listing commas inside it.
  while (j >= 0) {
    const t = tokens[j] as WordToken;
    const right = tokens[j + 1];
    const left = tokens[j - 1];
    if (t.word && t.cap && !lex.common.has(t.lower) && !/^\d/.test(t.text)) {
      chain.push(t);
      start = j;
      j -= 1;
      continue;
    }
    if (
      t.word &&
      CONNECTORS.has(t.lower) &&
      t.lower !== 'the' &&
      left?.cap &&
      right?.cap &&
      start <= j + 1 &&
      chain.length > 0
    ) {
      if (t.lower === 'and' && right && isTitleWord(right.lower, lex)) break;
      j -= 1;
      continue;
    }
    if (t.text === ',' && left?.cap && right?.cap && chain.length > 0) {
      const after = tokens.slice(j + 1, nameStart).map((x) => x.lower);
      if (after.includes('and')) {
        j -= 1;
        continue;
      }
    }
    break;
  }
  const capitalRole =
    chain.length > 0 &&
    hasRoleWord(chain, lex) &&
    !chain.every((t) => lex.honorifics.has(t.lower.replace(/\.$/, '')));
  const lowerHead = tokens[nameStart - 1];
  const lowerRole = lowerHead?.word === true && !lowerHead.cap && lex.roleNouns.has(lowerHead.lower);
  if (!capitalRole && !lowerRole) return commaRole(text, tokens, nameStart, lex);
  // "A spokesman for the ministry, Colonel Hassan Faraj,": the rank is part of the job, but the
  // appositive before it says what the job is.
  if (capitalRole && chain.every((t) => RANKS.has(t.lower.replace(/\.$/, '')))) {
    const described = commaRole(text, tokens, start, lex);
    if (described) return described;
  }
  if (!capitalRole) {
    start = nameStart;
    j = nameStart - 1;
  }
  // Lowercase modifiers and further capitalized words: "former", "independent rights", "Hong Kong-based".
  let count = 0;
  while (j >= 0 && count < 8) {
    const t = tokens[j] as WordToken;
    if (!t.word) {
      if ((t.text === '-' || t.text === '–') && tokens[j - 1]?.word) {
        j -= 1;
        continue;
      }
      break;
    }
    if (t.cap) {
      // After a title chain only modifiers like "former" may follow; a person's name ends the role.
      if (capitalRole || lex.common.has(t.lower)) break;
      const left = tokens[j - 1];
      if (isGivenName(t, lex) || (left?.cap && isGivenName(left, lex))) break;
    } else {
      if (capitalRole && !ROLE_ADJECTIVES.has(t.lower) && !/-/.test(t.lower)) break;
      if (
        STOP.has(t.lower) ||
        IRREGULAR_VERBS.has(t.lower) ||
        lex.reportingVerbs.has(t.lower) ||
        lex.reportingParticiples.has(t.lower)
      )
        break;
      if (/ed$/.test(t.lower) && !ROLE_ADJECTIVES.has(t.lower)) break;
      if (/^(?:he|she|they|it|we|i|you)$/.test(t.lower)) break;
    }
    start = j;
    j -= 1;
    count += 1;
  }
  const first = tokens[start];
  const last = tokens[nameStart - 1];
  if (!first || !last) return undefined;
  const role = trimRole(text.slice(first.start, last.end));
  return role.length > 1 ? role : undefined;
}

/** A role before an appositive name: "his sister, Sara Reza, said", "the lawyer, Wang Lin,". */
function commaRole(text: string, tokens: WordToken[], nameStart: number, lex: Lexicon): string | undefined {
  if (tokens[nameStart - 1]?.text !== ',') return undefined;
  // The role noun may carry a complement: "the mayor of the town, Pedro Alves".
  let h = nameStart - 2;
  while (
    h > nameStart - 8 &&
    h >= 0 &&
    tokens[h]?.word &&
    !(lex.roleNouns.has(tokens[h]?.lower ?? '') && !tokens[h]?.cap)
  )
    h -= 1;
  const head = tokens[h];
  if (!head?.word || head.cap || !lex.roleNouns.has(head.lower)) return undefined;
  const end = tokens[nameStart - 2] as WordToken;
  let j = h;
  while (j - 1 >= 0 && h - j < 4) {
    const t = tokens[j - 1] as WordToken;
    if (
      !t.word ||
      STOP.has(t.lower) ||
      IRREGULAR_VERBS.has(t.lower) ||
      /^(?:his|her|their|its|our|my)$/.test(t.lower)
    )
      break;
    if (t.cap && isGivenName(t, lex)) break;
    j -= 1;
  }
  const first = tokens[j];
  if (!first) return undefined;
  const role = trimRole(text.slice(first.start, end.end));
  return role.length > 1 ? role : undefined;
}

// Agent nouns that the role list lacks ("a forecaster", "a meteorologist", "a librarian").
const AGENT_SUFFIX = /\p{Ll}{3}(?:er|or|ist|ian|ant|ent)s?$/u;

/** True for an appositive that opens with an article and an agent noun: "a forecaster with ...". */
function agentNoun(phrase: WordToken[]): boolean {
  const article = phrase.findIndex((t) => /^(?:a|an|the)$/.test(t.lower));
  if (article !== 0) return false;
  return phrase.slice(1, 4).some((t) => t.word && !t.cap && AGENT_SUFFIX.test(t.lower) && !STOP.has(t.lower));
}

/** The role in an appositive after a name: "David Kelly, the head of research at China Policy, says". */
export function roleAfter(
  text: string,
  tokens: WordToken[],
  nameEnd: number,
  lex: Lexicon,
): string | undefined {
  let k = nameEnd;
  if (tokens[k]?.text !== ',') return undefined;
  k += 1;
  if (/^\d{1,3}$/.test(tokens[k]?.text ?? '') && tokens[k + 1]?.text === ',') k += 2;
  const start = k;
  while (k < tokens.length && k - start < 20) {
    const t = tokens[k] as WordToken;
    if (!t.word && !/^[-–'’&]$/.test(t.text)) break;
    if (!t.cap && (lex.reportingVerbs.has(t.lower) || lex.reportingParticiples.has(t.lower))) break;
    k += 1;
  }
  const phrase = tokens.slice(start, k);
  const first = phrase[0];
  const last = phrase[phrase.length - 1];
  if (!first || !last) return undefined;
  // "who directs the center", "who represents several of the detainees": a present-tense relative clause
  // states what the person does. A past one ("who was arrested in May") tells a story instead.
  const relative =
    first.lower === 'who' &&
    /^\p{Ll}+s$/u.test(phrase[1]?.text ?? '') &&
    !/^(?:is|was|has|says)$/.test(phrase[1]?.lower ?? '');
  if (
    !relative &&
    /^(?:who|which|that|whose|where|when|while|he|she|they|it|said|says|and|but|as|in|on|at|for|with|according)$/.test(
      first.lower,
    )
  )
    return undefined;
  if (!relative && !hasRoleWord(phrase.slice(0, 8), lex) && !agentNoun(phrase.slice(0, 5))) return undefined;
  const end = tokens[k];
  // The appositive must close: a comma, a full stop, a reporting verb, or the end.
  if (
    end &&
    !/^[,.;:!?)]$/.test(end.text) &&
    !lex.reportingVerbs.has(end.lower) &&
    !lex.reportingParticiples.has(end.lower)
  )
    return undefined;
  const role = trimRole(text.slice(first.start, last.end));
  return role.length > 1 ? role : undefined;
}

/** A role stated as a predicate of a known person: "Markovic is the executive director of ...". */
export function rolePredicate(
  text: string,
  tokens: WordToken[],
  nameEnd: number,
  lex: Lexicon,
): string | undefined {
  if (tokens[nameEnd]?.lower !== 'is' || !/^(?:a|an|the)$/.test(tokens[nameEnd + 1]?.lower ?? ''))
    return undefined;
  const start = nameEnd + 1;
  let k = start;
  while (k < tokens.length && k - start < 20 && (tokens[k]?.word || /^[-–'’&]$/.test(tokens[k]?.text ?? '')))
    k += 1;
  const phrase = tokens.slice(start, k);
  const first = phrase[0];
  const last = phrase[phrase.length - 1];
  if (!first || !last || !/^[,.;]$/.test(tokens[k]?.text ?? '.')) return undefined;
  if (!hasRoleWord(phrase.slice(0, 6), lex) && !agentNoun(phrase.slice(0, 5))) return undefined;
  const role = trimRole(text.slice(first.start, last.end));
  return role.length > 1 ? role : undefined;
}

/** Picks the most specific role; "U.S." from a shorter form is kept in front of a longer one. */
export function mergeRoles(roles: string[]): string | undefined {
  let chosen: string | undefined;
  let chosenWords = 0;
  for (const role of roles) {
    const words = role.split(/\s+/).length;
    if (words > chosenWords) {
      chosen = role;
      chosenWords = words;
    }
  }
  if (!chosen) return undefined;
  const lowerChosen = chosen.toLowerCase();
  for (const role of roles) {
    const parts = role.split(/\s+/);
    for (let q = 1; q <= 2 && q < parts.length - 1; q += 1) {
      const qualifier = parts.slice(0, q).join(' ');
      const rest = parts.slice(q).join(' ').toLowerCase();
      if (lowerChosen.startsWith(rest) && !lowerChosen.startsWith(qualifier.toLowerCase()))
        return `${qualifier} ${chosen}`;
    }
  }
  return chosen;
}

interface Candidate {
  tokens: WordToken[];
  runStart: number;
  nameStart: number;
  nameEnd: number;
  text: string;
}

function onlyOne<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

/** The one person whose given name this is ("Johan" for Johan van der Merwe); none when two share it. */
function byGivenName(entries: NameEntry[], word: string): NameEntry | undefined {
  const lex = lexicon();
  let found: NameEntry | undefined;
  for (const e of entries) {
    if (e.kind !== 'person' || e.words.length < 2) continue;
    const first = e.words.find((w) => !lex.keepTitles.has(w));
    if (first !== word) continue;
    if (found) return undefined;
    found = e;
  }
  return found;
}

function inRanges(ranges: Array<[number, number]> | undefined, at: number): boolean {
  return ranges?.some(([s, e]) => at >= s && at < e) ?? false;
}

function sameFirst(a: string, b: string): boolean {
  if (a === b) return true;
  const ia = /^\p{L}\.$/u.test(a);
  const ib = /^\p{L}\.$/u.test(b);
  return (ia && b.startsWith(a[0] ?? '')) || (ib && a.startsWith(b[0] ?? ''));
}

class TableBuilder {
  readonly entries: NameEntry[] = [];

  /** The entry these name words belong to, if any. */
  find(words: string[], kind?: EntityKind): NameEntry | undefined {
    const key = words.join(' ');
    const exact = this.entries.find((e) => e.words.join(' ') === key && (!kind || e.kind === kind));
    if (exact) return exact;
    if (words.length === 1) {
      const word = words[0] ?? '';
      const bySurname = this.entries.filter(
        (e) => e.kind === 'person' && e.words[e.words.length - 1] === word,
      );
      if (bySurname.length > 0) return bySurname[0];
      const given = byGivenName(this.entries, word);
      if (given) return given;
      return this.entries.find((e) => e.kind === 'person' && e.words.includes(word));
    }
    const last = words[words.length - 1];
    const first = words[0] ?? '';
    return this.entries.find(
      (e) =>
        e.kind === 'person' &&
        (!kind || kind === 'person') &&
        e.words[e.words.length - 1] === last &&
        (sameFirst(e.words[0] ?? '', first) ||
          e.words.join(' ').endsWith(key) ||
          key.endsWith(e.words.join(' '))),
    );
  }

  add(words: WordToken[], kind: EntityKind, displayed: string): NameEntry {
    const lower = words.map((t) => t.lower);
    const existing = this.find(lower, kind);
    if (existing) {
      if (existing.kind === kind && lower.length > existing.words.length) {
        existing.words = lower;
        existing.name = displayed;
      }
      return existing;
    }
    const entry: NameEntry = { id: this.entries.length, name: displayed, words: lower, kind, roles: [] };
    this.entries.push(entry);
    return entry;
  }
}

const ADVERBS =
  /^(?:also|later|then|further|previously|recently|again|once|still|too|repeatedly|earlier|now|often|has|have|had|would|will|\p{Ll}+ly)$/u;

function nextIsReportingVerb(tokens: WordToken[], end: number, lex: Lexicon): boolean {
  let k = end;
  while (tokens[k] && ADVERBS.test(tokens[k]?.text ?? '')) k += 1;
  const t = tokens[k];
  return !!t && !t.cap && lex.reportingVerbs.has(t.lower);
}

function prevIsReportingVerb(tokens: WordToken[], start: number, lex: Lexicon): boolean {
  const t = tokens[start - 1];
  return (
    !!t &&
    !t.cap &&
    (lex.reportingVerbs.has(t.lower) || (t.lower === 'to' && tokens[start - 2]?.lower === 'according'))
  );
}

function displayName(text: string, words: WordToken[]): string {
  const first = words[0];
  const last = words[words.length - 1];
  if (!first || !last) return '';
  return text
    .slice(first.start, last.end)
    .replace(/['’]s$/, '')
    .replace(/(\p{L}{2})['’]$/u, '$1');
}

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
function orgSpanOf(tokens: WordToken[], start: number, end: number, lex: Lexicon): [number, number] {
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

function isCommonNoun(token: WordToken, lex: Lexicon): boolean {
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
function describedAfter(tokens: WordToken[], nameEnd: number): boolean {
  if (tokens[nameEnd]?.text !== ',') return false;
  const next = tokens[nameEnd + 1];
  const after = tokens[nameEnd + 2];
  if (!next?.word || next.cap) return false;
  if (next.lower === 'who' || next.lower === 'whose') return true;
  return (next.lower === 'a' || next.lower === 'an') && !!after?.word && !after.cap;
}

function addPerson(builder: TableBuilder, c: Candidate, lex: Lexicon, spoken: Set<string>): boolean {
  let start = c.nameStart;
  const before = c.tokens[start - 1];
  if (before && lex.keepTitles.has(before.lower)) {
    start -= 1;
    if (c.tokens[start - 1]?.lower === 'crown') start -= 1;
  }
  const words = c.tokens.slice(start, c.nameEnd);
  const core = c.tokens.slice(c.nameStart, c.nameEnd);
  if (!plausibleName(core, lex)) return false;
  const titleBefore = c.tokens[start - 1];
  const titleWord = titleBefore?.lower.replace(/\.$/, '') ?? '';
  const titled =
    start < c.nameStart ||
    (titleBefore?.cap === true && (lex.honorifics.has(titleWord) || isTitleWord(titleBefore.lower, lex)));
  const roleB = roleBefore(c.text, c.tokens, start, lex);
  const roleA = roleAfter(c.text, c.tokens, c.nameEnd, lex);
  const first = core[0];
  const given = first !== undefined && core.length >= 2 && isGivenName(first, lex);
  const nearVerb =
    nextIsReportingVerb(c.tokens, c.nameEnd, lex) || prevIsReportingVerb(c.tokens, c.nameStart, lex);
  const age = c.tokens[c.nameEnd]?.text === ',' && /^\d{1,3}$/.test(c.tokens[c.nameEnd + 1]?.text ?? '');
  const lowerCore = core.map((t) => t.lower);
  // "at the Galerie Paulsen": a capitalized run after "the", with no title, names a place or a body.
  if (!titled && c.tokens[c.runStart - 1]?.lower === 'the') return false;
  if (core.length === 1) {
    const known = builder.find(lowerCore, 'person');
    if (known) {
      for (const role of [roleB, roleA]) if (role && !known.roles.includes(role)) known.roles.push(role);
      return true;
    }
    // A capitalized word that opens a sentence may be any word; after a closing quote mark
    // (`"...," Kovalenko said`) it is a name.
    const previous = c.tokens[c.nameStart - 1];
    const closingMark =
      previous?.text === '”' ||
      (previous?.text === '"' && /^[,?!]$/.test(c.tokens[c.nameStart - 2]?.text ?? ''));
    const sentenceStart = !previous || (/^[.!?"“”]$/.test(previous.text) && !closingMark);
    // "her brother Dawit", "Fatima, who asked ...": a lowercase role before, or a "who" after, marks a
    // person known by one name. So does a reporting verb right after ("Dawit said"), once common
    // nouns ("Residents said") are ruled out below.
    const lowerRole = !!previous?.word && !previous.cap && lex.roleNouns.has(previous.lower);
    const who = c.tokens[c.nameEnd]?.text === ',' && c.tokens[c.nameEnd + 1]?.lower === 'who';
    const spokeFirst = nearVerb && (!sentenceStart || nextIsReportingVerb(c.tokens, c.nameEnd, lex));
    if (!titled && !roleA && !age && !lowerRole && !who && !spokeFirst) return false;
    if (!titled && isCommonNoun(core[0] as WordToken, lex)) return false;
  } else if (
    !(given || roleB !== undefined || roleA !== undefined || nearVerb || age || titled) &&
    !spoken.has(lowerCore[lowerCore.length - 1] ?? '') &&
    !describedAfter(c.tokens, c.nameEnd)
  ) {
    return false;
  }
  const entry = builder.add(words, 'person', displayName(c.text, words));
  for (const role of [roleB, roleA]) if (role && !entry.roles.includes(role)) entry.roles.push(role);
  const byTitle =
    genderOfWord(titleWord, lex) ??
    (start < c.nameStart ? genderOfWord(words[0]?.lower ?? '', lex) : undefined);
  const byName = genderOfWord(core[0]?.lower ?? '', lex);
  if (byTitle && (!entry.gender || entry.weakGender)) {
    entry.gender = byTitle;
    entry.weakGender = false;
  } else if (byName && !entry.gender) {
    entry.gender = byName;
    entry.weakGender = true;
  }
  return true;
}

/**
 * Builds the article's name table: every person (and organization) in document order, captions
 * included, with the roles that titles and appositives state; then every later mention in the body
 * (full name, surname, title + surname) is linked to its entry.
 */
export function buildNameTable(input: TableInput): NameTable {
  const lex = lexicon();
  const builder = new TableBuilder();
  const units: Array<{ text: string; paragraph: number }> = [
    ...input.captions.map((text) => ({ text, paragraph: -1 })),
    ...input.paragraphs.map((text, paragraph) => ({ text, paragraph })),
  ];
  const candidates: Candidate[] = [];
  const excluded = new Set(
    (input.exclude ?? [])
      .flatMap((names) => names.split(/,|\band\b/))
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name.includes(' ')),
  );
  const tokenized = [
    ...input.captions.map(wordTokens),
    ...(input.tokens ?? input.paragraphs.map(wordTokens)),
  ];
  units.forEach((unit, u) => {
    const tokens = tokenized[u] as WordToken[];
    for (const run of capitalizedRuns(tokens, lex)) {
      const nameStart = nameStartIn(tokens, run, lex);
      const nameEnd = run[1];
      candidates.push({
        tokens,
        runStart: run[0],
        nameStart,
        nameEnd,
        text: unit.text,
      });
    }
  });

  // Surnames that speak on their own ("Nowak said", "said Mr. Nowak"): a full name ending in one of them
  // is a person, however plainly the article introduced it ("Tomasz Nowak runs a bakery").
  const spoken = new Set<string>();
  for (const c of candidates) {
    if (c.nameEnd - c.nameStart !== 1) continue;
    const before = c.tokens[c.nameStart - 1];
    const honorific = !!before && lex.honorifics.has(before.lower.replace(/\.$/, ''));
    const nearVerb =
      nextIsReportingVerb(c.tokens, c.nameEnd, lex) || prevIsReportingVerb(c.tokens, c.nameStart, lex);
    const who =
      c.tokens[c.nameEnd]?.text === ',' && /^(?:who|whose)$/.test(c.tokens[c.nameEnd + 1]?.lower ?? '');
    if (honorific || nearVerb || who) spoken.add(c.tokens[c.nameStart]?.lower ?? '');
  }

  // Pass 1: full names of people, and organizations, with their roles.
  let orgSpan = { tokens: [] as WordToken[], end: -1 };
  for (const c of candidates) {
    // A run already inside an organization's name ("... for Human Rights").
    if (c.tokens === orgSpan.tokens && c.runStart < orgSpan.end) continue;
    if (
      excluded.has(
        c.tokens
          .slice(c.nameStart, c.nameEnd)
          .map((t) => t.lower)
          .join(' '),
      )
    )
      continue;
    if (c.nameStart < c.nameEnd && addPerson(builder, c, lex, spoken)) continue;
    const [from, to] = orgSpanOf(c.tokens, c.runStart, c.nameEnd, lex);
    const run = c.tokens.slice(from, to);
    const nearVerb = nextIsReportingVerb(c.tokens, to, lex) || prevIsReportingVerb(c.tokens, from, lex);
    const hasOrgWord =
      run.some((t) => lex.orgWords.has(t.lower)) ||
      (to - from > 1 && run.some((t) => lex.nonName.has(t.lower)));
    const acronym =
      run.length === 1 &&
      run[0] !== undefined &&
      isAcronym(run[0]) &&
      nearVerb &&
      !lex.places.has(run[0].lower);
    // A lone generic word ("Police", "Ministry") names no particular organization, nor does a title.
    const title =
      isTitleWord(c.tokens[c.nameEnd - 1]?.lower ?? '', lex) &&
      !lex.orgWords.has(c.tokens[c.nameEnd - 1]?.lower ?? '');
    // "Central American": a place adjective names no organization.
    const lastWord = run[run.length - 1]?.lower ?? '';
    const adjective = lex.demonyms.has(lastWord) && !lex.orgWords.has(lastWord);
    if (
      (hasOrgWord && !title && !adjective && run.length >= 2 && !run.every((t) => lex.places.has(t.lower))) ||
      acronym
    ) {
      builder.add(run, 'org', displayName(c.text, run));
      orgSpan = { tokens: c.tokens, end: to };
    }
  }

  // Pass 2: roles stated for a titled surname or a later appositive ("Posner, the assistant secretary,").
  for (const c of candidates) {
    const core = c.tokens.slice(c.nameStart, c.nameEnd).map((t) => t.lower);
    if (core.length === 0) continue;
    const entry = builder.find(core, 'person');
    if (entry?.kind !== 'person') continue;
    const roleB = roleBefore(c.text, c.tokens, c.nameStart, lex);
    const roleA =
      roleAfter(c.text, c.tokens, c.nameEnd, lex) ?? rolePredicate(c.text, c.tokens, c.nameEnd, lex);
    for (const role of [roleB, roleA]) if (role && !entry.roles.includes(role)) entry.roles.push(role);
  }
  for (const entry of builder.entries) {
    const role = mergeRoles(entry.roles);
    if (role) entry.role = role;
    const byRole = roleGender(entry.role, lex);
    if (byRole && (!entry.gender || entry.weakGender)) {
      entry.gender = byRole;
      entry.weakGender = false;
    }
  }

  // Mentions: every body occurrence of an entry, outside quotes.
  const mentions: Mention[] = [];
  input.paragraphs.forEach((text, paragraph) => {
    const tokens = tokenized[input.captions.length + paragraph] as WordToken[];
    const spans = sentenceSpans(text);
    const subjectTaken = new Set<number>();
    let skipTo = -1;
    for (const run of capitalizedRuns(tokens, lex)) {
      if (run[0] < skipTo) continue;
      const nameStart = nameStartIn(tokens, run, lex);
      const startToken = tokens[Math.min(nameStart, run[1] - 1)] as WordToken;
      if (inRanges(input.quoted[paragraph], startToken.start)) continue;
      const [from, to] = orgSpanOf(tokens, run[0], run[1], lex);
      const orgKey = tokens
        .slice(from, to)
        .map((t) => t.lower)
        .join(' ');
      const org = builder.entries.find((e) => e.kind === 'org' && e.words.join(' ') === orgKey);
      if (org) skipTo = to;
      const entry =
        org ??
        resolveWords(builder, tokens.slice(nameStart, run[1]), lex) ??
        resolveWords(builder, tokens.slice(run[0], run[1]), lex);
      if (!entry) continue;
      const sentence = Math.max(
        0,
        spans.findIndex((s) => startToken.start >= s.start && startToken.start < s.end),
      );
      const subject = entry.kind === 'person' && !subjectTaken.has(sentence);
      if (subject) subjectTaken.add(sentence);
      mentions.push({
        entry,
        paragraph,
        start: startToken.start,
        end: tokens[run[1] - 1]?.end ?? startToken.end,
        sentence,
        subject,
      });
    }
  });
  inferGenders(builder.entries, mentions, input.paragraphs, lex);
  return { entries: builder.entries, mentions };
}

function roleGender(role: string | undefined, lex: Lexicon): 'm' | 'f' | undefined {
  if (!role) return undefined;
  for (const word of role.toLowerCase().split(/[^\p{L}]+/u)) {
    if (lex.femaleRoles.has(word) && !lex.maleRoles.has(word)) return 'f';
    if (lex.maleRoles.has(word) && !lex.femaleRoles.has(word)) return 'm';
  }
  return undefined;
}

function resolveWords(builder: TableBuilder, words: WordToken[], lex: Lexicon): NameEntry | undefined {
  const core = words.filter(
    (t) => !lex.honorifics.has(t.lower.replace(/\.$/, '')) && !isTitleWord(t.lower, lex),
  );
  if (core.length === 0) return undefined;
  return builder.find(core.map((t) => t.lower));
}

/** Looks a mention's words up in the table: full name, surname, or title + surname. */
export function lookupName(table: NameTable, words: string[]): NameEntry | undefined {
  const lex = lexicon();
  // "Ministry of Home Affairs": the whole name first, before title words are set aside.
  if (words.length > 1) {
    const whole = words.join(' ');
    const full = table.entries.find((e) => e.words.join(' ') === whole);
    if (full) return full;
  }
  const core = words.filter(
    (w) => !lex.honorifics.has(w.replace(/\.$/, '')) && !isTitleWord(w, lex) && !lex.keepTitles.has(w),
  );
  if (core.length === 0) return undefined;
  const key = core.join(' ');
  const exact = table.entries.find((e) => e.words.filter((w) => !lex.keepTitles.has(w)).join(' ') === key);
  if (exact) return exact;
  if (core.length === 1) {
    const word = core[0] ?? '';
    return (
      table.entries.find((e) => e.kind === 'person' && e.words[e.words.length - 1] === word) ??
      byGivenName(table.entries, word) ??
      onlyOne(table.entries.filter((e) => e.kind === 'person' && e.words.includes(word)))
    );
  }
  for (let k = 1; k < core.length; k += 1) {
    const tail = core.slice(k).join(' ');
    const hit = table.entries.find((e) => e.words.join(' ') === tail);
    if (hit) return hit;
  }
  // A compound surname on its own: "Luz Tavares" or "da Luz Tavares" for "Maria da Luz Tavares".
  const suffix = table.entries.find((e) => e.kind === 'person' && e.words.join(' ').endsWith(` ${key}`));
  if (suffix) return suffix;
  const last = core[core.length - 1];
  return table.entries.find(
    (e) =>
      e.kind === 'person' &&
      e.words[e.words.length - 1] === last &&
      sameFirst(e.words[0] ?? '', core[0] ?? ''),
  );
}

function inferGenders(entries: NameEntry[], mentions: Mention[], paragraphs: string[], lex: Lexicon): void {
  // Unknown genders, and guesses from a first name, are settled by the first pronoun after a mention.
  const unknown = new Set(
    entries.filter((e) => e.kind === 'person' && (!e.gender || e.weakGender)).map((e) => e.id),
  );
  if (unknown.size === 0) return;
  mentions.forEach((mention, i) => {
    // Only a sentence subject is a safe antecedent for the next pronoun.
    if (!unknown.has(mention.entry.id) || !mention.subject) return;
    const next = mentions
      .slice(i + 1)
      .find((m) => m.entry.kind === 'person' && m.entry.id !== mention.entry.id);
    const text = paragraphs[mention.paragraph] ?? '';
    let window = text.slice(
      mention.end,
      next && next.paragraph === mention.paragraph ? next.start : undefined,
    );
    // A guess from the first name gives way only to a pronoun in the same paragraph.
    if ((!next || next.paragraph > mention.paragraph) && !mention.entry.weakGender)
      window += ` ${paragraphs[mention.paragraph + 1] ?? ''}`.slice(0, 200);
    // Only a subject pronoun: "since her arrest" in "Niyonzima said ... since her arrest" is someone else.
    const plain = window.replace(/["“][^"”]*["”]/g, ' ');
    const firstPronoun = /\b(he|she)\b/i.exec(plain);
    if (!firstPronoun?.[1]) return;
    // "Bah, whose son was sentenced, said he ...": a relative named before the pronoun may be its antecedent.
    const between = plain
      .slice(0, firstPronoun.index)
      .toLowerCase()
      .split(/[^\p{L}]+/u);
    if (between.some((w) => lex.maleRoles.has(w) || lex.femaleRoles.has(w))) return;
    const word = firstPronoun[1].toLowerCase();
    mention.entry.gender = lex.malePronouns.has(word) ? 'm' : 'f';
    mention.entry.weakGender = false;
    unknown.delete(mention.entry.id);
  });
}
