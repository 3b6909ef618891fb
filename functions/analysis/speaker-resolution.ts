import { expandAcronym } from './acronyms.ts';
import type { Budget } from './analysis-budget.ts';
import type { Speaker } from './attribute-quotes.ts';
import { resolveDescription } from './description-resolution.ts';
import type { Referent } from './discourse-referents.ts';
import type { QuoteSpan, TextPoint } from './find-quotes.ts';
import type { Lexicon } from './lexicon/index.ts';
import type { Mention, NameEntry, NameTable } from './name-entries.ts';
import { lookupName } from './name-lookup.ts';
import { isAcronymName, plausibleName } from './name-words.ts';
import { CONNECTOR, isParticle, isTitleLike, joinsName, type NounPhrase } from './noun-phrases.ts';
import type { SentenceSpan } from './sentence-splitter.ts';
import { inSortedRanges, lastBelow, tokensBetween } from './text-index.ts';
import type { WordToken } from './word-tokens.ts';

export interface Context {
  paragraphs: string[];
  tokens: WordToken[][];
  sentences: SentenceSpan[][];
  table: NameTable;
  lex: Lexicon;
  quotes: QuoteSpan[];
  /** Per paragraph, the sorted inner ranges of its quotes. */
  quoted: Array<Array<[number, number]>>;
  /** The mentions' positions, in document order (the table's mentions are in that order). */
  mentionAt: number[];
  /** Full names found for acronyms, per article. */
  acronyms: Map<string, string | undefined>;
  budget: Budget;
  /** Everyone the sentences are about, named or not, in document order. */
  referents: Referent[];
}

/** How many earlier mentions a pronoun or a "the spokesman" looks back over before giving up. */
const LOOKBACK_MENTIONS = 200;

export function position(point: TextPoint): number {
  return point.paragraph * 1_000_000 + point.offset;
}

export function mentionPosition(m: Mention): number {
  return m.paragraph * 1_000_000 + m.start;
}

function compatible(entry: NameEntry, pronoun: string, lex: Lexicon): boolean {
  if (entry.plural) return false;
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
  const nearby: Array<{ at: number; entry: NameEntry; sentence: number; subject: boolean }> = [];
  const keep = (c: { at: number; entry: NameEntry; sentence: number; subject: boolean }): boolean => {
    if (Math.floor(c.at / 1_000_000) < paragraph - 3) return false;
    if (c.entry.kind === kind && !isOutlet(c.entry, ctx)) nearby.push(c);
    return true;
  };
  const referents = ctx.referents;
  for (let i = lastBelow(referents, at, (r) => r.at), n = 0; i >= 0 && n < LOOKBACK_MENTIONS; i -= 1, n += 1)
    if (!keep(referents[i] as Referent)) break;
  for (let i = lastBelow(events, at, (e) => e.at), n = 0; i >= 0 && n < LOOKBACK_MENTIONS; i -= 1, n += 1)
    if (!keep(events[i] as (typeof events)[number])) break;
  nearby.sort((a, b) => a.at - b.at);
  // A gender guessed from a first name gives way when nobody else fits.
  let candidates = nearby.filter((c) => compatible(c.entry, pronoun, ctx.lex));
  if (candidates.length === 0) candidates = nearby.filter((c) => c.entry.weakGender);
  const last = candidates[candidates.length - 1];
  if (!last) return undefined;
  const sameSentence = candidates.filter((c) => c.sentence === last.sentence);
  return (sameSentence.find((c) => c.subject) ?? last).entry;
}

export function displayText(ctx: Context, paragraph: number, tokens: WordToken[]): string {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (!first || !last) return '';
  return (ctx.paragraphs[paragraph] ?? '').slice(first.start, last.end).replace(/['’]s$/, '');
}

export function withoutDeterminer(text: string): string {
  return text.replace(/^(?:the|a|an|one|another)\s+/i, '');
}

/** The organization an acronym stands for, by the full name that the article gives. */
function acronymOrg(ctx: Context, acronym: string, mention: string): Speaker | undefined {
  const names = ctx.table.entries.filter((e) => e.kind === 'org').map((e) => e.name);
  let name = ctx.acronyms.get(acronym);
  if (!ctx.acronyms.has(acronym)) {
    name = expandAcronym(acronym, names, ctx.paragraphs);
    ctx.acronyms.set(acronym, name);
  }
  return name ? { name, role: null, mention, kind: 'org' } : undefined;
}

export function fromEntry(entry: NameEntry, mention: string | null): Speaker {
  if (entry.anonymous) return { name: null, role: null, mention, kind: 'descriptive' };
  return {
    name: entry.name,
    role: entry.kind === 'person' ? (entry.role ?? null) : null,
    mention,
    kind: entry.kind === 'person' ? 'person' : 'org',
  };
}

/** A news outlet ("VOA", "Reuters"): it carries others' words, so it is never what "it" or "the report" means. */
function isOutlet(entry: NameEntry, ctx: Context): boolean {
  return entry.words.length > 0 && entry.words.every((w) => ctx.lex.newsOutlets.has(w) || w === 'news');
}

/**
 * A country in the table as an organization ("United States", "Czech Republic", "Russia"): the
 * government may speak under its name, but "the organisation" or "the group" never means it.
 */
export function isState(entry: NameEntry, lex: Lexicon): boolean {
  const placeWord = (w: string) => lex.places.has(w) || lex.demonyms.has(w);
  if (entry.words.every(placeWord)) return true;
  return (
    entry.words.some((w) => lex.stateHeads.has(w)) &&
    entry.words.every(
      (w) => placeWord(w) || lex.stateHeads.has(w) || lex.nonName.has(w) || /^(?:of|the|and)$/.test(w),
    )
  );
}

export function latestEntry(
  ctx: Context,
  at: number,
  wanted: (e: NameEntry) => boolean,
): NameEntry | undefined {
  const test = (e: NameEntry): boolean => wanted(e) && !isOutlet(e, ctx);
  const mentions = ctx.table.mentions;
  for (
    let i = lastBelow(ctx.mentionAt, at, (x) => x), n = 0;
    i >= 0 && n < LOOKBACK_MENTIONS;
    i -= 1, n += 1
  ) {
    const entry = (mentions[i] as Mention).entry;
    if (test(entry)) return entry;
  }
  return ctx.table.entries.find(test);
}

/** How many paragraphs back "the statement" looks for the organization that spoke. */
const STATEMENT_OWNER_REACH = 1;

/** The latest organization that was the subject or the speaker of a sentence, within reach. */
function speakingOrg(ctx: Context, at: number): NameEntry | undefined {
  const paragraph = Math.floor(at / 1_000_000);
  const referents = ctx.referents;
  for (let i = lastBelow(referents, at, (r) => r.at); i >= 0; i -= 1) {
    const r = referents[i] as Referent;
    if (Math.floor(r.at / 1_000_000) < paragraph - STATEMENT_OWNER_REACH) return undefined;
    if (r.subject && r.entry.kind === 'org' && !isOutlet(r.entry, ctx)) return r.entry;
  }
  return undefined;
}

/** The position just after a paragraph's last character, for "latest mention before" look-ups. */
function mentionAtParagraph(paragraph: number): number {
  return (paragraph + 1) * 1_000_000 - 1;
}

/** How many mentions before a phrase's end are checked for one that covers it. */
const OVERLAP_LOOKBACK = 4;

/** The organization whose mention in the body covers the last word of these tokens. */
function orgMentionOver(ctx: Context, paragraph: number, tokens: WordToken[]): NameEntry | undefined {
  const last = tokens[tokens.length - 1];
  if (!last) return undefined;
  const end = paragraph * 1_000_000 + last.end;
  const mentions = ctx.table.mentions;
  for (
    let i = lastBelow(ctx.mentionAt, end, (x) => x), n = 0;
    i >= 0 && n < OVERLAP_LOOKBACK;
    i -= 1, n += 1
  ) {
    const m = mentions[i] as Mention;
    if (m.paragraph !== paragraph) return undefined;
    if (m.entry.kind === 'org' && m.start < last.end && m.end >= last.end) return m.entry;
  }
  return undefined;
}

export function resolveName(ctx: Context, paragraph: number, tokens: WordToken[]): Speaker | undefined {
  const lex = ctx.lex;
  const text = displayText(ctx, paragraph, tokens);
  // Split at connectors: "Kelly of China Policy", "Secretary of State Antony Blinken".
  const segments: WordToken[][] = [[]];
  for (const token of tokens) {
    if (token.word && CONNECTOR.test(token.lower)) segments.push([]);
    else segments[segments.length - 1]?.push(token);
  }
  const parts = segments.filter((segment) => segment.length > 0);
  // "the NGO said": an acronym of a common noun refers back to the organization last named.
  if (tokens.length === 1 && lex.genericAcronyms.has(text.toLowerCase().replace(/s$/, ''))) {
    const org = latestEntry(ctx, mentionAtParagraph(paragraph), (e) => e.kind === 'org');
    return org ? fromEntry(org, text) : { name: null, role: null, mention: text, kind: 'unknown' };
  }
  // A short form the article spells out ("NiMet", "HRW") is that organization, even if the table holds it.
  if (tokens.length === 1 && isAcronymName(text)) {
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
  // The table read this organization's whole name at this very place ("the Ministry of Information and
  // Social Development said"): the mention there gives it, however the phrase was cut.
  const there = orgMentionOver(ctx, paragraph, tokens);
  if (there) return fromEntry(there, text);
  const whole = lookupName(
    ctx.table,
    tokens.map((t) => t.lower),
  );
  if (whole && isAcronymName(whole.name)) {
    const full = acronymOrg(ctx, whole.name, text);
    if (full) return full;
  }
  if (whole) return fromEntry(whole, text);
  if (tokens.length === 1 && isAcronymName(text)) {
    return acronymOrg(ctx, text, text) ?? { name: text, role: null, mention: text, kind: 'org' };
  }
  for (const part of [...parts].reverse()) {
    const start = part.findIndex((t) => !isTitleLike(t, lex));
    if (start < 0) continue;
    const core = part.slice(start);
    const titled = start > 0 || parts.length > 1;
    if (
      (core.length >= 2 || (core.length === 1 && titled)) &&
      core.every((t) => joinsName(t, lex) || isParticle(t.lower)) &&
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

export function resolve(
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
      // "It said he had been caught at the airport with "...": the pronoun's antecedent comes before the
      // pronoun, not before the quote.
      const entry = resolvePronoun(ctx, word, Math.min(at, paragraph * 1_000_000 + np.token.start), events);
      return entry
        ? fromEntry(entry, np.token.text)
        : { name: null, role: null, mention: np.token.text, kind: 'unknown' };
    }
    case 'descriptive':
      return resolveDescription(ctx, paragraph, np, at, anonymous);
    case 'document': {
      if (np.owner) {
        const owner = resolve(ctx, paragraph, np.owner, at, events, anonymous);
        if (owner?.name) return owner;
      }
      // "the statement said": the organization that last spoke, else the one last named.
      const text = displayText(ctx, paragraph, np.tokens);
      const spoke = speakingOrg(ctx, at);
      if (spoke) return fromEntry(spoke, text);
      const entry = latestEntry(ctx, at, (e) => e.kind === 'org');
      // Named in this paragraph or the one before: a body first named further on is not referred back to.
      const near = (m: Mention) =>
        m.entry === entry && m.paragraph >= paragraph - 1 && m.paragraph <= paragraph;
      return entry && ctx.table.mentions.some(near) ? fromEntry(entry, text) : undefined;
    }
  }
  return undefined;
}

export function tokensIn(ctx: Context, paragraph: number, from: number, to: number): WordToken[] {
  return tokensBetween(ctx.tokens[paragraph] ?? [], from, to);
}

export function inQuote(ctx: Context, paragraph: number, offset: number): boolean {
  return inSortedRanges(ctx.quoted[paragraph] ?? [], offset);
}
