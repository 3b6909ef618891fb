import { expandAcronym } from './acronyms.ts';
import type { QuoteSpan, TextPoint } from './find-quotes.ts';
import { isTitleWord, type Lexicon, lexicon } from './name-lexicon.ts';
import {
  isNameWord,
  lookupName,
  type Mention,
  type NameEntry,
  type NameTable,
  particlesEnd,
  plausibleName,
} from './name-table.ts';
import { type SentenceSpan, sentenceSpans } from './sentence-splitter.ts';
import { type WordToken, wordTokens } from './word-tokens.ts';

/** Who said a quote, as resolved against the name table. */
export interface Speaker {
  name: string | null;
  role: string | null;
  mention: string | null;
  kind: 'person' | 'org' | 'descriptive' | 'unknown';
}

/** A quote with its speaker. */
export interface AttributedQuote {
  span: QuoteSpan;
  speaker: Speaker;
  /** Starts mid-sentence ("calling on the U.S. to "take an unbiased look""). */
  partial: boolean;
  /** The speaker was carried over from an earlier quote or statement. */
  inherited: boolean;
}

type NounPhrase =
  | { type: 'name'; tokens: WordToken[] }
  | { type: 'pronoun'; token: WordToken }
  | { type: 'descriptive'; tokens: WordToken[]; head: string; org: boolean }
  | { type: 'document'; tokens: WordToken[]; owner?: NounPhrase };

const INDEFINITE = /^(?:a|an|one|another|some|two|three|several)$/;
const ANONYMOUS =
  /anonymity|not to be (?:named|identified)|declined to be (?:named|identified)|not authori[sz]ed to/i;
const MASS_ORGS = new Set(
  'police government authorities military army navy officials prosecutors prosecution court junta regime kremlin pentagon taliban cabinet presidency palace forces militia rebels insurgents fighters media'.split(
    ' ',
  ),
);
const GENERIC_ORGS = new Set(
  'group organization organisation agency watchdog body coalition network alliance campaign'.split(' '),
);
const PARTICLE = /^(?:bin|bint|ibn|al|el|de|del|della|der|den|van|von|da|di|du|la|le|dos|das|ter|ten)$/;
const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you']);
const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'one',
  'another',
  'his',
  'her',
  'its',
  'their',
  'our',
  'this',
  'that',
  'some',
  'several',
  'two',
  'three',
]);
const ADVERB =
  /^(?:also|later|then|further|previously|recently|again|once|still|too|repeatedly|earlier|now|often|has|have|had|would|will|was|is|had|simply|flatly|\p{Ll}+ly)$/u;
const TIME_WORDS =
  /^(?:on|late|earlier|later|again|also|then|today|tonight|yesterday|recently|this|last|week|month|year|morning|afternoon|evening|night|in|an|a|interview|statement|recent)$/i;
const INTRO_WORDS = new Set(
  'for in on at during after before meanwhile however but still also earlier later separately speaking asked last this while when as since although despite on yesterday today moreover instead then now for nevertheless yet and so'.split(
    ' ',
  ),
);
const STOP_MODIFIER = new Set(
  'of for to from in on at by with as and or but that which who said says told'.split(' '),
);

interface Context {
  paragraphs: string[];
  tokens: WordToken[][];
  sentences: SentenceSpan[][];
  table: NameTable;
  lex: Lexicon;
  quotes: QuoteSpan[];
}

function isVerb(token: WordToken | undefined, lex: Lexicon): boolean {
  return !!token && token.word && !token.cap && lex.reportingVerbs.has(token.lower);
}

function isParticiple(token: WordToken | undefined, lex: Lexicon): boolean {
  return !!token && token.word && !token.cap && lex.reportingParticiples.has(token.lower);
}

function isInitialToken(token: WordToken | undefined): boolean {
  return !!token && /^\p{Lu}\.$/u.test(token.text);
}

const CONNECTOR = /^(?:of|to|for|on|the|de|du)$/;

function joinsName(token: WordToken, lex: Lexicon): boolean {
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
    if (joinsName(prev, lex) || (prev.word && PARTICLE.test(prev.lower) && (before?.cap || !before?.word))) {
      j -= 1;
      continue;
    }
    // "van der Merwe": a second particle before the first.
    if (prev.word && PARTICLE.test(prev.lower) && before?.word && PARTICLE.test(before.lower)) {
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

function nameRunForward(ts: WordToken[], k: number, lex: Lexicon): WordToken[] {
  let j = k;
  while (j + 1 < ts.length) {
    const next = ts[j + 1] as WordToken;
    const after = ts[j + 2];
    if (next.possessive && next.cap) {
      j += 1;
      break;
    }
    if (joinsName(next, lex)) {
      j += 1;
      continue;
    }
    const particles = particlesEnd(ts, j + 1, lex);
    if (particles > j + 1) {
      j = particles;
      continue;
    }
    if (next.word && CONNECTOR.test(next.lower) && after) {
      if (joinsName(after, lex)) {
        j += 2;
        continue;
      }
      const further = ts[j + 3];
      if (after.word && CONNECTOR.test(after.lower) && further && joinsName(further, lex)) {
        j += 3;
        continue;
      }
    }
    break;
  }
  return ts.slice(k, j + 1);
}

function isSpeakerNoun(word: string, lex: Lexicon): boolean {
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
    if (!prev.word || STOP_MODIFIER.has(prev.lower) || PRONOUNS.has(prev.lower) || isVerb(prev, lex)) break;
    j -= 1;
    if (DETERMINERS.has(prev.lower)) break;
  }
  const tokens = ts.slice(j, k + 1);
  if (document) return { type: 'document', tokens };
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
      joinsName(t, lex) ||
      (t.word && (CONNECTOR.test(t.lower) || t.lower === 'and' || PARTICLE.test(t.lower))),
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

function npBackward(ts: WordToken[], from: number, lex: Lexicon): NounPhrase | undefined {
  let k = from;
  while (k >= 0 && ts[k]?.word && !ts[k]?.cap && ADVERB.test(ts[k]?.lower ?? '')) k -= 1;
  if (ts[k]?.text === ',') {
    let j = k - 1;
    while (j >= 0 && ts[j]?.text !== ',' && k - j < 30) j -= 1;
    if (j < 0 || ts[j]?.text !== ',') return undefined;
    // "his brother, Omar Khalid, told VOA": the name in the commas is the speaker.
    const enclosed = ts.slice(j + 1, k);
    if (
      enclosed.length >= 2 &&
      enclosed.every((t) => isNameWord(t, lex) || isInitialToken(t) || PARTICLE.test(t.lower))
    ) {
      return { type: 'name', tokens: enclosed };
    }
    // "Kamrul Hasan, a spokesman for the Special Branch, which runs the checks, said": the name that
    // opens the sentence, before all its appositives, is the subject.
    const opening = openingName(ts, j, lex);
    if (opening) return opening;
    k = j - 1;
  }
  const t = ts[k];
  if (!t?.word) return undefined;
  if (PRONOUNS.has(t.lower) && (!t.cap || k === 0 || !ts[k - 1]?.word)) return { type: 'pronoun', token: t };
  if (t.cap && !lex.common.has(t.lower)) {
    const run = nameRunBackward(ts, k, lex);
    if (run.length === 1 && isSpeakerNoun(t.lower, lex))
      return descriptiveBackward(ts, k, lex) ?? { type: 'name', tokens: run };
    return headOfComplement(ts, ts.indexOf(run[0] as WordToken), run, lex);
  }
  if (!t.cap) return descriptiveBackward(ts, k, lex);
  return undefined;
}

function npForward(ts: WordToken[], from: number, lex: Lexicon): NounPhrase | undefined {
  let k = from;
  while (
    k < ts.length &&
    ts[k]?.word &&
    (TIME_WORDS.test(ts[k]?.text ?? '') || lex.monthsAndDays.has(ts[k]?.lower ?? ''))
  )
    k += 1;
  // "said the Rev. Samuel Adeyemi": the article belongs to the courtesy title, not to a description.
  if (
    ts[k]?.lower === 'the' &&
    ts[k + 1]?.cap &&
    lex.honorifics.has(ts[k + 1]?.lower.replace(/\.$/, '') ?? '')
  )
    k += 1;
  // "Singapore's Ministry of Home Affairs said": the possessive place is not part of the name.
  const owner = ts[k];
  if (owner?.possessive && ts[k + 1]?.cap && (lex.places.has(owner.lower) || lex.demonyms.has(owner.lower)))
    k += 1;
  const t = ts[k];
  if (!t?.word) return undefined;
  if (PRONOUNS.has(t.lower)) return { type: 'pronoun', token: t };
  if (t.cap && !lex.common.has(t.lower) && !DETERMINERS.has(t.lower)) {
    const run = nameRunForward(ts, k, lex);
    const last = run[run.length - 1];
    // "Human Rights Watch researcher Maya Wang", "Government spokesman Leonce Bizimana": a name after a
    // role noun wins.
    if (last && !last.possessive) {
      const after = ts.slice(k + run.length);
      const roleNoun = after[0];
      if (roleNoun?.word && !roleNoun.cap && lex.roleNouns.has(roleNoun.lower) && after[1]?.cap)
        return { type: 'name', tokens: nameRunForward(after, 1, lex) };
    }
    if (run.length === 1 && isSpeakerNoun(t.lower, lex))
      return { type: 'descriptive', tokens: run, head: t.lower, org: lex.orgNouns.has(t.lower) };
    return { type: 'name', tokens: run };
  }
  let j = k;
  while (j < ts.length && j - k < 6) {
    const cur = ts[j] as WordToken;
    if (!cur.word) return undefined;
    if (lex.documentNouns.has(cur.lower)) {
      const tokens = ts.slice(k, j + 1);
      const link = ts[j + 1];
      const owner = link && /^(?:from|by|of)$/.test(link.lower) ? npForward(ts, j + 2, lex) : undefined;
      return owner ? { type: 'document', tokens, owner } : { type: 'document', tokens };
    }
    if (isSpeakerNoun(cur.lower, lex)) {
      while (j + 1 < ts.length && ts[j + 1]?.word && isSpeakerNoun(ts[j + 1]?.lower ?? '', lex)) j += 1;
      const tokens = ts.slice(k, j + 1);
      const head = ts[j] as WordToken;
      // "said media analyst Jordan Pike": the name right after the role is the speaker.
      const following = ts[j + 1];
      if (following?.cap && following.word && !head.cap && lex.roleNouns.has(head.lower)) {
        const run = nameRunForward(ts, j + 1, lex);
        if (run.every((x) => isNameWord(x, lex) || isInitialToken(x) || PARTICLE.test(x.lower)))
          return { type: 'name', tokens: run };
      }
      // "the spokesman, Ned Price," or "the mayor of the town, Pedro Alves" names the person.
      for (let c = j + 1; c < Math.min(ts.length - 1, j + 7); c += 1) {
        if (ts[c]?.text !== ',') continue;
        if (!ts[c + 1]?.cap) break;
        const run = nameRunForward(ts, c + 1, lex);
        const after = ts[c + 1 + run.length];
        if (run.length >= 2 && (!after || /^[,.;]$/.test(after.text))) return { type: 'name', tokens: run };
        break;
      }
      return {
        type: 'descriptive',
        tokens,
        head: head.lower,
        org: lex.orgNouns.has(head.lower) && !lex.roleNouns.has(head.lower),
      };
    }
    if (STOP_MODIFIER.has(cur.lower) || isVerb(cur, lex)) return undefined;
    j += 1;
  }
  return undefined;
}

function tokensIn(ctx: Context, paragraph: number, from: number, to: number): WordToken[] {
  return (ctx.tokens[paragraph] ?? []).filter((t) => t.start >= from && t.end <= to);
}

/** Attribution after a quote (`"...," said Posner.`, `"...," he said.`), within its sentence. */
function tailAttribution(ts: WordToken[], lex: Lexicon, newSentence: boolean): NounPhrase | undefined {
  const limit = newSentence ? 7 : 16;
  for (let i = 0; i < Math.min(ts.length, limit); i += 1) {
    const t = ts[i] as WordToken;
    if (!t.word && /^[.!?]$/.test(t.text) && i > 0) return undefined;
    if (!t.word && /^["“”]$/.test(t.text)) return undefined;
    if (t.lower === 'according' && ts[i + 1]?.lower === 'to') return npForward(ts, i + 2, lex);
    if (isParticiple(t, lex)) return undefined;
    if (!isVerb(t, lex)) continue;
    const before = ts.slice(0, i).filter((x) => x.word);
    // "... and urged Iran to": a second verb of the same subject, not an attribution of its own.
    if (before.length === 1 && /^(?:and|but|or|then)$/.test(before[0]?.lower ?? '')) return undefined;
    if (newSentence) {
      const end = ts.slice(i + 1).findIndex((x) => /^[.!?]$/.test(x.text));
      if (end > 3) return undefined;
    }
    if (before.length > 0)
      return npBackward(ts, i - 1, lex) ?? (before.length <= 1 ? npForward(ts, i + 1, lex) : undefined);
    return npForward(ts, i + 1, lex);
  }
  return undefined;
}

/** Attribution before a quote (`Posner said:`, `According to Kelly,`, `X told VOA`). */
function headAttribution(ts: WordToken[], lex: Lexicon): NounPhrase | 'subject' | undefined {
  for (let i = ts.length - 1; i >= 0; i -= 1) {
    const t = ts[i] as WordToken;
    if (t.lower === 'according' && ts[i + 1]?.lower === 'to') return npForward(ts, i + 2, lex);
    // "State media quoted spokesman Kim Chol as saying": the one quoted speaks, not the outlet.
    if (t.lower === 'saying' && ts[i - 1]?.lower === 'as') {
      const quoted = ts.slice(0, i).findLastIndex((x) => /^(?:quoted|cited)$/.test(x.lower));
      if (quoted >= 0) return npForward(ts, quoted + 1, lex) ?? 'subject';
    }
    if (isParticiple(t, lex)) return 'subject';
    if (!isVerb(t, lex)) continue;
    const np = npBackward(ts, i - 1, lex);
    if (np) return np;
    return npForward(ts, i + 1, lex);
  }
  return undefined;
}

/** The subject of a sentence, after an introductory phrase ("For its part, the Chinese delegation ..."). */
function sentenceSubject(ts: WordToken[], lex: Lexicon): NounPhrase | undefined {
  let k = 0;
  for (let round = 0; round < 2; round += 1) {
    const first = ts[k];
    if (!first) return undefined;
    if (INTRO_WORDS.has(first.lower) || lex.monthsAndDays.has(first.lower)) {
      const comma = ts.slice(k, k + 10).findIndex((t) => t.text === ',');
      if (comma > 0) k += comma + 1;
      else if (/^(?:but|and|yet|so|still|meanwhile|however|also|now)$/.test(first.lower)) k += 1;
    }
  }
  return npForward(ts, k, lex);
}

function position(point: TextPoint): number {
  return point.paragraph * 1_000_000 + point.offset;
}

function mentionPosition(m: Mention): number {
  return m.paragraph * 1_000_000 + m.start;
}

function inQuote(ctx: Context, paragraph: number, offset: number): boolean {
  return ctx.quotes.some((q) =>
    q.ranges.some((r) => r.paragraph === paragraph && offset >= r.start && offset < r.end),
  );
}

function compatible(entry: NameEntry, pronoun: string, lex: Lexicon): boolean {
  if (lex.malePronouns.has(pronoun)) return entry.gender !== 'f';
  if (lex.femalePronouns.has(pronoun)) return entry.gender !== 'm';
  return true;
}

function resolvePronoun(
  ctx: Context,
  pronoun: string,
  at: number,
  events: Array<{ at: number; entry: NameEntry; sentence: number; subject: boolean }>,
): NameEntry | undefined {
  const paragraph = Math.floor(at / 1_000_000);
  const kind = pronoun === 'it' ? 'org' : 'person';
  const nearby = [
    ...ctx.table.mentions.map((m) => ({
      at: mentionPosition(m),
      entry: m.entry,
      sentence: m.paragraph * 1000 + m.sentence,
      subject: m.subject,
    })),
    ...events,
  ]
    .filter((c) => c.at < at && Math.floor(c.at / 1_000_000) >= paragraph - 3 && c.entry.kind === kind)
    .sort((a, b) => a.at - b.at);
  // A gender guessed from a first name gives way when nobody else fits.
  let candidates = nearby.filter((c) => compatible(c.entry, pronoun, ctx.lex));
  if (candidates.length === 0) candidates = nearby.filter((c) => c.entry.weakGender);
  const last = candidates[candidates.length - 1];
  if (!last) return undefined;
  const sameSentence = candidates.filter((c) => c.sentence === last.sentence);
  return (sameSentence.find((c) => c.subject) ?? last).entry;
}

function displayText(ctx: Context, paragraph: number, tokens: WordToken[]): string {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (!first || !last) return '';
  return (ctx.paragraphs[paragraph] ?? '').slice(first.start, last.end).replace(/['’]s$/, '');
}

function withoutDeterminer(text: string): string {
  return text.replace(/^(?:the|a|an|one|another)\s+/i, '');
}

function isAcronymText(text: string): boolean {
  const plain = text.replace(/\./g, '');
  if (plain.length >= 2 && plain.length <= 6 && plain === plain.toUpperCase() && /^\p{Lu}+$/u.test(plain))
    return true;
  // A mixed-case short name ("NiMet", "FedEx"): one word, two capitals or more, one of them inside.
  return /^\p{Lu}\p{L}{1,8}$/u.test(plain) && /^\p{Lu}\p{Ll}*\p{Lu}/u.test(plain);
}

/** The organization an acronym stands for, by the full name that the article gives. */
function acronymOrg(ctx: Context, acronym: string, mention: string): Speaker | undefined {
  const names = ctx.table.entries.filter((e) => e.kind === 'org').map((e) => e.name);
  const name = expandAcronym(acronym, names, ctx.paragraphs);
  return name ? { name, role: null, mention, kind: 'org' } : undefined;
}

function fromEntry(entry: NameEntry, mention: string | null): Speaker {
  return {
    name: entry.name,
    role: entry.kind === 'person' ? (entry.role ?? null) : null,
    mention,
    kind: entry.kind === 'person' ? 'person' : 'org',
  };
}

function latestEntry(ctx: Context, at: number, test: (e: NameEntry) => boolean): NameEntry | undefined {
  let best: { at: number; entry: NameEntry } | undefined;
  for (const m of ctx.table.mentions) {
    const pos = mentionPosition(m);
    if (pos < at && test(m.entry) && (!best || pos > best.at)) best = { at: pos, entry: m.entry };
  }
  return best?.entry ?? ctx.table.entries.find(test);
}

function isTitleLike(token: WordToken, lex: Lexicon): boolean {
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

function resolveName(ctx: Context, paragraph: number, tokens: WordToken[]): Speaker | undefined {
  const lex = ctx.lex;
  const text = displayText(ctx, paragraph, tokens);
  // Split at connectors: "Kelly of China Policy", "Secretary of State Antony Blinken".
  const segments: WordToken[][] = [[]];
  for (const token of tokens) {
    if (token.word && CONNECTOR.test(token.lower)) segments.push([]);
    else segments[segments.length - 1]?.push(token);
  }
  const parts = segments.filter((segment) => segment.length > 0);
  // A short form the article spells out ("NiMet", "HRW") is that organization, even if the table holds it.
  if (tokens.length === 1 && isAcronymText(text)) {
    const full = acronymOrg(ctx, text, text);
    if (full) return full;
  }
  for (const part of parts) {
    const entry = lookupName(
      ctx.table,
      part.map((t) => t.lower),
    );
    if (entry?.kind === 'person') {
      const start = part.findIndex((t) => !isTitleLike(t, lex));
      return fromEntry(entry, displayText(ctx, paragraph, start >= 0 ? part.slice(start) : part));
    }
  }
  const whole = lookupName(
    ctx.table,
    tokens.map((t) => t.lower),
  );
  if (whole && isAcronymText(whole.name)) {
    const full = acronymOrg(ctx, whole.name, text);
    if (full) return full;
  }
  if (whole) return fromEntry(whole, text);
  if (tokens.length === 1 && isAcronymText(text)) {
    return acronymOrg(ctx, text, text) ?? { name: text, role: null, mention: text, kind: 'org' };
  }
  for (const part of [...parts].reverse()) {
    const start = part.findIndex((t) => !isTitleLike(t, lex));
    if (start < 0) continue;
    const core = part.slice(start);
    const titled = start > 0 || parts.length > 1;
    if (
      (core.length >= 2 || (core.length === 1 && titled)) &&
      core.every((t) => joinsName(t, lex) || PARTICLE.test(t.lower)) &&
      plausibleName(core, lex)
    ) {
      const role = displayText(ctx, paragraph, tokens.slice(0, tokens.indexOf(core[0] as WordToken))).trim();
      const name = displayText(ctx, paragraph, core);
      return { name, role: role || null, mention: name, kind: 'person' };
    }
  }
  if (
    tokens.some(
      (t) => lex.orgWords.has(t.lower) || lex.nonName.has(t.lower) || (t.word && CONNECTOR.test(t.lower)),
    )
  ) {
    return { name: withoutDeterminer(text), role: null, mention: text, kind: 'org' };
  }
  if (tokens.every((t) => lex.places.has(t.lower) || lex.demonyms.has(t.lower))) {
    return { name: text, role: null, mention: text, kind: 'org' };
  }
  return undefined;
}

function resolve(
  ctx: Context,
  paragraph: number,
  np: NounPhrase,
  at: number,
  events: Array<{ at: number; entry: NameEntry; sentence: number; subject: boolean }>,
  anonymous = false,
): Speaker | undefined {
  switch (np.type) {
    case 'name':
      return resolveName(ctx, paragraph, np.tokens);
    case 'pronoun': {
      const word = np.token.lower;
      if (word === 'they' || word === 'we' || word === 'i' || word === 'you')
        return { name: null, role: null, mention: np.token.text, kind: 'unknown' };
      const entry = resolvePronoun(ctx, word, at, events);
      return entry
        ? fromEntry(entry, np.token.text)
        : { name: null, role: null, mention: np.token.text, kind: 'unknown' };
    }
    case 'descriptive': {
      const text = displayText(ctx, paragraph, np.tokens);
      const head = np.head;
      const modifiers = np.tokens.filter((t) => !DETERMINERS.has(t.lower) && t.lower !== head);
      // "a senior official" or an anonymous source is someone new: never a table entry.
      const indefinite = INDEFINITE.test(np.tokens[0]?.lower ?? '') || anonymous;
      if (!np.org) {
        const headRe = new RegExp(`\\b${head.replace(/(?:man|woman|person)$/, '')}`, 'i');
        const entry = indefinite
          ? undefined
          : latestEntry(ctx, at, (e) => e.kind === 'person' && !!e.role && headRe.test(e.role));
        if (entry) return fromEntry(entry, text);
        return {
          name: modifiers.length > 0 ? withoutDeterminer(text) : null,
          role: null,
          mention: text,
          kind: modifiers.length > 0 ? 'descriptive' : 'unknown',
        };
      }
      if (modifiers.some((t) => t.cap))
        return { name: withoutDeterminer(text), role: null, mention: text, kind: 'org' };
      const named = latestEntry(ctx, at, (e) => e.kind === 'org' && e.words.includes(head));
      if (named) return fromEntry(named, text);
      if (MASS_ORGS.has(head) || modifiers.length > 0)
        return { name: withoutDeterminer(text), role: null, mention: text, kind: 'org' };
      const anyOrg = GENERIC_ORGS.has(head) ? latestEntry(ctx, at, (e) => e.kind === 'org') : undefined;
      return anyOrg ? fromEntry(anyOrg, text) : { name: null, role: null, mention: text, kind: 'unknown' };
    }
    case 'document': {
      if (np.owner) {
        const owner = resolve(ctx, paragraph, np.owner, at, events, anonymous);
        if (owner?.name) return owner;
      }
      const entry = latestEntry(ctx, at, (e) => e.kind === 'org');
      const text = displayText(ctx, paragraph, np.tokens);
      return entry && ctx.table.mentions.some((m) => m.entry === entry && m.paragraph >= paragraph - 1)
        ? fromEntry(entry, text)
        : undefined;
    }
  }
  return undefined;
}

function sentenceStart(ctx: Context, point: TextPoint): number {
  const spans = ctx.sentences[point.paragraph] ?? [];
  let start = 0;
  for (const span of spans) if (span.start <= point.offset) start = span.start;
  return start;
}

/** Statements in reported speech ("Rosenzweig says ..."), which a following bare quote may continue. */
function reportedSpeech(ctx: Context): Array<{ at: number; entry: NameEntry }> {
  const out: Array<{ at: number; entry: NameEntry }> = [];
  for (const m of ctx.table.mentions) {
    if (m.entry.kind !== 'person' || !m.subject) continue;
    const tokens = ctx.tokens[m.paragraph] ?? [];
    const span = ctx.sentences[m.paragraph]?.[m.sentence];
    if (!span) continue;
    const verb = tokens.find(
      (t) =>
        t.start >= span.start &&
        t.end <= span.end &&
        isVerb(t, ctx.lex) &&
        !inQuote(ctx, m.paragraph, t.start),
    );
    if (verb) out.push({ at: mentionPosition(m), entry: m.entry });
  }
  return out;
}

/**
 * Attributes each quote: an attribution after the quote ("said X", "X said") or before it ("X said:",
 * "according to X"), the subject of the sentence for a partial quote, or, failing those, the previous
 * speaker. Mentions (surname, title + surname, pronoun, "the spokesman") resolve to the name table.
 */
export function attributeQuotes(
  paragraphs: string[],
  quotes: QuoteSpan[],
  table: NameTable,
  tokens: WordToken[][] = paragraphs.map(wordTokens),
): AttributedQuote[] {
  const lex = lexicon();
  const ctx: Context = {
    paragraphs,
    tokens,
    sentences: paragraphs.map(sentenceSpans),
    table,
    lex,
    quotes,
  };
  const events: Array<{ at: number; entry: NameEntry; sentence: number; subject: boolean }> = [];
  const statements = reportedSpeech(ctx);
  const result: AttributedQuote[] = [];
  let previous: { at: number; speaker: Speaker } | undefined;

  quotes.forEach((quote, index) => {
    const p = quote.open.paragraph;
    const text = paragraphs[p] ?? '';
    const prior = quotes[index - 1];
    const headFrom = Math.max(
      sentenceStart(ctx, quote.open),
      prior && prior.close.paragraph === p ? prior.close.offset : 0,
    );
    const head = tokensIn(ctx, p, headFrom, quote.open.offset);
    const headWords = head.filter((t) => t.word);
    const cp = quote.close.paragraph;
    const next = quotes[index + 1];
    const tailEnd = next && next.open.paragraph === cp ? next.open.offset : (paragraphs[cp] ?? '').length;
    const tail = tokensIn(ctx, cp, quote.close.offset, tailEnd);
    const endsSentence =
      /[.!?]["'”’]?$/.test(quote.text) &&
      /^\s*\p{Lu}/u.test((paragraphs[cp] ?? '').slice(quote.close.offset));
    const partial = headWords.length > 0 || /^\p{Ll}/u.test(quote.text);
    const at = position(quote.open);

    let np: NounPhrase | undefined;
    let npParagraph = p;
    if (quote.between) {
      np = tailAttribution(
        tokensIn(ctx, quote.between.paragraph, quote.between.start, quote.between.end),
        lex,
        false,
      );
      npParagraph = quote.between.paragraph;
    }
    if (!np && headWords.length === 0) {
      np = tailAttribution(tail, lex, endsSentence);
      npParagraph = cp;
    }
    if (!np && headWords.length > 0) {
      const trimmed = text.slice(headFrom, quote.open.offset).trim();
      const direct = /[:,]$/.test(trimmed) || /\bthat$/i.test(trimmed);
      let fromHead = direct ? headAttribution(head, lex) : undefined;
      if (!fromHead) {
        const fromTail = tailAttribution(tail, lex, endsSentence);
        if (fromTail) {
          np = fromTail;
          npParagraph = cp;
        }
      }
      if (!np) {
        fromHead ??= headAttribution(head, lex);
        if (fromHead === 'subject' || (!fromHead && (partial || trimmed.endsWith(':')))) {
          const sentence = tokensIn(ctx, p, sentenceStart(ctx, quote.open), quote.open.offset);
          np = sentenceSubject(sentence, lex);
        } else {
          np = fromHead;
        }
        npParagraph = p;
      }
    }

    const around = `${text.slice(headFrom, quote.open.offset)} ${(paragraphs[cp] ?? '').slice(quote.close.offset, tailEnd)}`;
    let speaker = np ? resolve(ctx, npParagraph, np, at, events, ANONYMOUS.test(around)) : undefined;
    let inherited = false;
    if (!speaker || (speaker.name === null && speaker.mention === null)) {
      const candidates: Array<{ at: number; speaker: Speaker }> = [];
      if (previous && Math.floor(previous.at / 1_000_000) >= p - 2) candidates.push(previous);
      for (const s of statements) {
        const sp = Math.floor(s.at / 1_000_000);
        if (s.at < at && sp >= p - 1) candidates.push({ at: s.at, speaker: fromEntry(s.entry, null) });
      }
      candidates.sort((a, b) => a.at - b.at);
      const chosen =
        candidates[candidates.length - 1] ??
        (previous && Math.floor(previous.at / 1_000_000) >= p - 3 ? previous : undefined);
      speaker = chosen
        ? { ...chosen.speaker, mention: null }
        : { name: null, role: null, mention: null, kind: 'unknown' };
      inherited = chosen !== undefined;
    }
    if (speaker.name !== null) {
      previous = { at, speaker };
      const entry = table.entries.find((e) => e.name === speaker?.name && e.kind === 'person');
      if (entry) events.push({ at, entry, sentence: p * 1000 + 999, subject: true });
    }
    result.push({ span: quote, speaker, partial, inherited });
  });
  return result;
}
