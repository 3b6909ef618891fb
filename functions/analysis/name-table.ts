import { expandAcronym } from './acronyms.ts';
import { type Budget, UNLIMITED } from './analysis-budget.ts';
import { isTitleWord, type Lexicon, lexicon } from './lexicon/index.ts';
import type { Mention, NameEntry, NameTable } from './name-entries.ts';
import {
  AGE_ADJECTIVE,
  afterPlacePreposition,
  appositiveThenVerb,
  type Candidate,
  companyShaped,
  nextIsReportingVerb,
  objectOfMeeting,
  officeName,
  ownsRole,
  placeOrModifier,
  prevIsReportingVerb,
  subjectOfVerb,
} from './name-evidence.ts';
import { genderOfWord, inferGenders, roleGender } from './name-gender.ts';
import { resolveWords, TableBuilder } from './name-lookup.ts';
import { mergeRoles, roleAfter, roleBefore, rolePredicate } from './name-roles.ts';
import {
  capitalizedRuns,
  describedAfter,
  displayName,
  isAcronym,
  isAcronymName,
  isCommonNoun,
  isGivenName,
  nameStartIn,
  plausibleName,
} from './name-words.ts';
import { orgSpanOf } from './org-names.ts';
import { sentenceSpans } from './sentence-splitter.ts';
import { inSortedRanges } from './text-index.ts';
import { type WordToken, wordTokens } from './word-tokens.ts';

/** A paragraph's tokens and the character ranges of its quotes. */
export interface TableInput {
  paragraphs: string[];
  captions: string[];
  /** Quote ranges per paragraph; names inside them make no mentions. */
  quoted: Array<Array<[number, number]>>;
  /** The paragraphs' tokens, when the caller already has them. */
  tokens?: WordToken[][];
  /** The analysis's deadline. */
  budget?: Budget;
  /** Reporters (byline, author): never entries, so never speakers or antecedents. */
  exclude?: string[];
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
  if (!plausibleName(core, lex) || companyShaped(c, lex)) return false;
  const titleBefore = c.tokens[start - 1];
  const titleWord = titleBefore?.lower.replace(/\.$/, '') ?? '';
  const titled =
    start < c.nameStart ||
    (titleBefore?.cap === true && (lex.honorifics.has(titleWord) || isTitleWord(titleBefore.lower, lex)));
  const roleB = roleBefore(c.text, c.tokens, start, lex);
  const roleA = roleAfter(c.text, c.tokens, c.nameEnd, lex);
  const first = core[0];
  // "Ban So-ra", "Kim Jong-su": a family name and a hyphenated given name are a person's name.
  const familyFirst = core.length === 2 && /^\p{Lu}\p{Ll}*-\p{Ll}+$/u.test(core[1]?.text ?? '');
  const given = first !== undefined && core.length >= 2 && (isGivenName(first, lex) || familyFirst);
  // "a resident of Dunmore said", "a Marlow resident said": the verb's subject is the resident.
  const nearVerb =
    !(placeOrModifier(c, lex) && !given) &&
    (nextIsReportingVerb(c.tokens, c.nameEnd, lex) ||
      prevIsReportingVerb(c.tokens, c.nameStart, lex) ||
      (core.length >= 2 && subjectOfVerb(c.tokens, start, c.nameEnd, lex)) ||
      (core.length >= 2 && appositiveThenVerb(c.tokens, c.nameEnd, lex)));
  // "Rofika, 32,", "Ann Lee, 41." state an age; "Pukhrayan, 65 km south" a distance.
  const age =
    (c.tokens[c.nameEnd]?.text === ',' &&
      /^\d{1,3}$/.test(c.tokens[c.nameEnd + 1]?.text ?? '') &&
      !c.tokens[c.nameEnd + 2]?.word) ||
    AGE_ADJECTIVE.test(c.tokens[start - 1]?.text ?? '');
  const lowerCore = core.map((t) => t.lower);
  // "at the Galerie Paulsen": a capitalized run after "the", with no title, names a place or a body.
  if (!titled && c.tokens[c.runStart - 1]?.lower === 'the') return false;
  if (core.length === 1) {
    // "Amnesty's regional director Joanna Pike": a possessive before a role owns the role; it is no person.
    if (core[0]?.possessive && ownsRole(c.tokens, c.nameEnd, lex)) return false;
    // "phone maker Vantor" came first: "Vantor said" is the body again.
    if (builder.entries.some((e) => e.kind === 'org' && e.words.join(' ') === lowerCore[0])) return false;
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
    // "in Ndop, the regional capital": one word after a preposition of place is where, whatever follows.
    if (!titled && afterPlacePreposition(c)) return false;
    const who = c.tokens[c.nameEnd]?.text === ',' && c.tokens[c.nameEnd + 1]?.lower === 'who';
    const spokeFirst = nearVerb && (!sentenceStart || nextIsReportingVerb(c.tokens, c.nameEnd, lex));
    if (!titled && !roleA && !age && !lowerRole && !who && !spokeFirst) return false;
    if (!titled && isCommonNoun(core[0] as WordToken, lex)) return false;
  } else if (
    !(given || roleB !== undefined || roleA !== undefined || nearVerb || age || titled) &&
    !objectOfMeeting(c.tokens, start) &&
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
  const budget = input.budget ?? UNLIMITED;
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
    // "De Haan said": a capitalized particle opens the surname.
    const particle = c.nameEnd - c.nameStart === 2 && lex.particles.has(c.tokens[c.nameStart]?.lower ?? '');
    if (c.nameEnd - c.nameStart !== 1 && !particle) continue;
    const before = c.tokens[c.nameStart - 1];
    const honorific = !!before && lex.honorifics.has(before.lower.replace(/\.$/, ''));
    const nearVerb =
      nextIsReportingVerb(c.tokens, c.nameEnd, lex) || prevIsReportingVerb(c.tokens, c.nameStart, lex);
    const who =
      c.tokens[c.nameEnd]?.text === ',' && /^(?:who|whose)$/.test(c.tokens[c.nameEnd + 1]?.lower ?? '');
    if (honorific || nearVerb || who) spoken.add(c.tokens[c.nameEnd - 1]?.lower ?? '');
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
    if (officeName(c, lex)) {
      const run = c.tokens.slice(c.runStart, c.nameEnd);
      builder.add(run, 'person', displayName(c.text, run));
      continue;
    }
    // "phone maker Vantor", "the firm Acme": one word after a noun for a body is that body.
    const kind = c.tokens[c.runStart - 1];
    if (c.nameEnd - c.runStart === 1 && kind?.word && !kind.cap && lex.genericOrgs.has(kind.lower)) {
      builder.add(
        c.tokens.slice(c.runStart, c.nameEnd),
        'org',
        displayName(c.text, c.tokens.slice(c.runStart, c.nameEnd)),
      );
      continue;
    }
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
      !lex.places.has(run[0].lower) &&
      !lex.genericAcronyms.has(run[0].lower.replace(/s$/, ''));
    // A lone generic word ("Police", "Ministry") names no particular organization, nor does a title.
    const title =
      isTitleWord(c.tokens[c.nameEnd - 1]?.lower ?? '', lex) &&
      !lex.orgWords.has(c.tokens[c.nameEnd - 1]?.lower ?? '');
    // "Central American": a place adjective names no organization.
    const lastWord = run[run.length - 1]?.lower ?? '';
    const adjective = lex.demonyms.has(lastWord) && !lex.orgWords.has(lastWord);
    // "Continental Rubber South Africa said": a body that speaks, which no person's name could be.
    const spokenBody = nearVerb && run.length >= 2 && companyShaped(c, lex);
    if (
      (hasOrgWord && !title && !adjective && run.length >= 2 && !run.every((t) => lex.places.has(t.lower))) ||
      acronym ||
      spokenBody
    ) {
      builder.add(run, 'org', displayName(c.text, run));
      orgSpan = { tokens: c.tokens, end: to };
    }
  }

  // An acronym the article spells out speaks under the full name ("HCLU" is the Hungarian Civil Liberties Union).
  const orgNames = builder.entries.filter((e) => e.kind === 'org').map((e) => e.name);
  for (const entry of builder.entries) {
    if (entry.kind !== 'org' || !isAcronymName(entry.name) || lex.newsOutlets.has(entry.words.join(' ')))
      continue;
    const full = expandAcronym(entry.name, orgNames, input.paragraphs);
    if (full) entry.name = full;
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
    // "Sheikh", "Pope": a title that is part of the name is not also its role.
    const inName = (role: string) =>
      role
        .split(/\s+/)
        .every(
          (w) =>
            entry.words.includes(w.toLowerCase()) || lex.honorifics.has(w.toLowerCase().replace(/\.$/, '')),
        );
    const role = mergeRoles(entry.roles.filter((r) => !inName(r)));
    if (role) entry.role = role;
    const byRole = roleGender(entry.role, lex);
    if (byRole && (!entry.gender || entry.weakGender)) {
      entry.gender = byRole;
      entry.weakGender = false;
    }
  }

  // Mentions: every body occurrence of an entry, outside quotes.
  const mentions: Mention[] = [];
  const orgs = new Map<string, NameEntry>();
  for (const e of builder.entries)
    if (e.kind === 'org' && !orgs.has(e.words.join(' '))) orgs.set(e.words.join(' '), e);
  input.paragraphs.forEach((text, paragraph) => {
    budget.check('name table');
    const tokens = tokenized[input.captions.length + paragraph] as WordToken[];
    const spans = sentenceSpans(text);
    const subjectTaken = new Set<number>();
    let skipTo = -1;
    let sentence = 0;
    for (const run of capitalizedRuns(tokens, lex)) {
      budget.tick('name table');
      if (run[0] < skipTo) continue;
      const nameStart = nameStartIn(tokens, run, lex);
      const startToken = tokens[Math.min(nameStart, run[1] - 1)] as WordToken;
      if (inSortedRanges(input.quoted[paragraph] ?? [], startToken.start)) continue;
      const [from, to] = orgSpanOf(tokens, run[0], run[1], lex);
      const orgKey = tokens
        .slice(from, to)
        .map((t) => t.lower)
        .join(' ');
      const org = orgs.get(orgKey);
      if (org) skipTo = to;
      const entry =
        org ??
        resolveWords(builder, tokens.slice(nameStart, run[1]), lex) ??
        resolveWords(builder, tokens.slice(run[0], run[1]), lex);
      if (!entry) continue;
      while (sentence + 1 < spans.length && (spans[sentence + 1]?.start ?? 0) <= startToken.start)
        sentence += 1;
      const subject = entry.kind === 'person' && !subjectTaken.has(sentence);
      if (subject) subjectTaken.add(sentence);
      mentions.push({
        entry,
        paragraph,
        start: startToken.start,
        end: tokens[(org ? to : run[1]) - 1]?.end ?? startToken.end,
        sentence,
        subject,
      });
    }
  });
  inferGenders(builder.entries, mentions, input.paragraphs, lex);
  return { entries: builder.entries, mentions };
}
