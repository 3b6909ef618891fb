import { sentenceSubject, tailAttribution } from './attribution-cues.ts';
import { isTitleWord } from './lexicon/index.ts';
import type { Mention, NameEntry } from './name-entries.ts';
import { lookupName } from './name-lookup.ts';
import { npForward } from './noun-phrase-forward.ts';
import { isVerb, type NounPhrase } from './noun-phrases.ts';
import {
  type Context,
  inQuote,
  isState,
  latestEntry,
  mentionPosition,
  tokensIn,
} from './speaker-resolution.ts';
import type { WordToken } from './word-tokens.ts';

/** Someone a sentence is about: a table entry, or a person the article does not name. */
export interface Referent {
  at: number;
  entry: NameEntry;
  /** Paragraph * 1000 + sentence index. */
  sentence: number;
  subject: boolean;
}

/** How many paragraphs back a definite description ("the man", "the Spaniard") looks for its person. */
const DESCRIPTION_REACH = 1;

/** The endings of nouns for a people's members ("Spaniard", "Nigerian", "Congolese", "Iraqi", "Dane"). */
const DEMONYM_NOUN = /\p{L}{3}(?:ian|ean|ese|ard|ish|i|an)$/u;

let anonymousIds = -1;

/** A person the article describes but does not name ("a resident who asked not to be named"). */
export function anonymousPerson(gender: 'm' | 'f' | undefined, plural = false): NameEntry {
  anonymousIds -= 1;
  return {
    id: anonymousIds,
    name: '',
    words: [],
    kind: 'person',
    roles: [],
    anonymous: true,
    ...(plural ? { plural } : {}),
    ...(gender ? { gender } : {}),
  };
}

function genderOfHead(np: NounPhrase, ctx: Context): 'm' | 'f' | undefined {
  if (np.type !== 'descriptive') return undefined;
  for (const t of np.tokens) {
    if (ctx.lex.femaleRoles.has(t.lower)) return 'f';
    if (ctx.lex.maleRoles.has(t.lower)) return 'm';
  }
  return undefined;
}

function fromMention(mention: Mention): Referent {
  return {
    at: mentionPosition(mention),
    entry: mention.entry,
    sentence: mention.paragraph * 1000 + mention.sentence,
    subject: mention.subject,
  };
}

/**
 * "Residents", "villagers", "relatives": a plural of a role noun stands for people the article does not
 * name. "Officials" is left out: it speaks for a body, which the organizations take care of.
 */
function peopleNoun(word: string, ctx: Context): boolean {
  return word !== 'officials' && word.endsWith('s') && ctx.lex.roleNouns.has(word.slice(0, -1));
}

/** The person a definite description refers back to: the latest subject within reach. */
export function describedPerson(referents: Referent[], at: number): NameEntry | undefined {
  const paragraph = Math.floor(at / 1_000_000);
  for (let i = referents.length - 1; i >= 0; i -= 1) {
    const r = referents[i] as Referent;
    if (r.at >= at) continue;
    if (Math.floor(r.at / 1_000_000) < paragraph - DESCRIPTION_REACH) return undefined;
    if (r.subject && r.entry.kind === 'person') return r.entry;
  }
  return undefined;
}

/**
 * The subjects that are not names, sentence by sentence, in document order: "A resident who asked not
 * to be named said ..." brings in a person without a name, who may then be the "he" of the next quote;
 * "Her brother said ..." is the person whose role is her brother; "The Spaniard, in his first season,
 * was ..." is the person the story was just about. Names are the name table's mentions.
 */
export function sentenceReferents(ctx: Context): Referent[] {
  const out: Referent[] = [];
  const mentions = ctx.table.mentions;
  let m = 0;
  ctx.sentences.forEach((spans, paragraph) => {
    spans.forEach((span, index) => {
      ctx.budget.tick('referents');
      const at = paragraph * 1_000_000 + span.start;
      // The name table's subject mentions up to here keep the list in document order.
      while (m < mentions.length && mentionPosition(mentions[m] as Mention) < at) {
        out.push(fromMention(mentions[m] as Mention));
        m += 1;
      }
      if (inQuote(ctx, paragraph, span.start)) return;
      const tokens = tokensIn(ctx, paragraph, span.start, span.end);
      const np = sentenceSubject(tokens, ctx.lex);
      const entry = referentOf(ctx, np, at, out);
      const sentence = paragraph * 1000 + index;
      if (entry) out.push({ at, entry, sentence, subject: true });
      // "X was put to death in Jeddah, the ministry said in a statement.": the one who says the sentence
      // is a subject of it too, after the subject of what is said.
      const speaker = closingSpeaker(ctx, tokens, at, out);
      if (speaker && speaker !== entry) out.push({ at, entry: speaker, sentence, subject: true });
    });
  });
  for (; m < mentions.length; m += 1) out.push(fromMention(mentions[m] as Mention));
  return out;
}

/** The noun phrase after the verb at the clause's start, when it ends the sentence. */
function endingPhrase(clause: WordToken[], ctx: Context): NounPhrase | undefined {
  const np = npForward(clause, 1, ctx.lex);
  if (np?.type !== 'name' && np?.type !== 'descriptive') return undefined;
  const last = np.tokens[np.tokens.length - 1];
  const after = clause[clause.indexOf(last as WordToken) + 1];
  return !after || /^[.!?]$/.test(after.text) ? np : undefined;
}

/** The speaker of a sentence that ends in its attribution: `..., the ministry said.`, `..., police said.` */
function closingSpeaker(
  ctx: Context,
  tokens: WordToken[],
  at: number,
  so: Referent[],
): NameEntry | undefined {
  const comma = tokens.findLastIndex((t) => t.text === ',');
  if (comma < 0) return undefined;
  const clause = tokens.slice(comma + 1);
  if (!clause[0]?.word) return undefined;
  // "..., said Minister Rahim Osman." names the speaker; "..., said the family had been ..." reports a clause.
  const np = isVerb(clause[0], ctx.lex) ? endingPhrase(clause, ctx) : tailAttribution(clause, ctx.lex, false);
  if (np?.type === 'name')
    return lookupName(
      ctx.table,
      np.tokens.map((t) => t.lower),
    );
  return np?.type === 'descriptive' ? referentOf(ctx, np, at, so) : undefined;
}

/** How many paragraphs back a subject pronoun looks for its person. */
const PRONOUN_REACH = 2;

/** The latest person before `at` whom a subject "he" or "she" can mean. */
function pronounReferent(ctx: Context, pronoun: string, at: number, so: Referent[]): NameEntry | undefined {
  const male = ctx.lex.malePronouns.has(pronoun);
  if (!male && !ctx.lex.femalePronouns.has(pronoun)) return undefined;
  const paragraph = Math.floor(at / 1_000_000);
  for (let i = so.length - 1; i >= 0; i -= 1) {
    const r = so[i] as Referent;
    if (Math.floor(r.at / 1_000_000) < paragraph - PRONOUN_REACH) return undefined;
    const e = r.entry;
    if (e.kind === 'person' && (!e.gender || e.gender === (male ? 'm' : 'f'))) return e;
  }
  return undefined;
}

/** "The ministry said ...": the organization the head names, so that a later "it" can mean it. */
function bodyReferent(ctx: Context, head: string, at: number): NameEntry | undefined {
  const generic = ctx.lex.genericOrgs.has(head);
  return latestEntry(
    ctx,
    at,
    (e) => e.kind === 'org' && (e.words.includes(head) || (generic && !isState(e, ctx.lex))),
  );
}

function referentOf(
  ctx: Context,
  np: NounPhrase | undefined,
  at: number,
  so: Referent[],
): NameEntry | undefined {
  if (!np) return undefined;
  // "In an interview he described what he saw": the pronoun's person is the sentence's subject again.
  if (np.type === 'pronoun') return pronounReferent(ctx, np.token.lower, at, so);
  if (np.type === 'name') {
    // "The Spaniard", "The Kenyan": a people's word for the person just spoken of.
    const [word] = np.tokens;
    if (np.tokens.length !== 1 || !word || lookupName(ctx.table, [word.lower])) return undefined;
    if (peopleNoun(word.lower, ctx)) return anonymousPerson(undefined, true);
    const epithet = ctx.lex.demonyms.has(word.lower) || DEMONYM_NOUN.test(word.lower);
    return epithet && !isTitleWord(word.lower, ctx.lex) ? describedPerson(so, at) : undefined;
  }
  if (np.type === 'descriptive' && np.org) return bodyReferent(ctx, np.head, at);
  if (np.type !== 'descriptive') return undefined;
  const first = np.tokens[0]?.lower ?? '';
  if (ctx.lex.indefinites.has(first) || peopleNoun(np.head, ctx))
    return anonymousPerson(genderOfHead(np, ctx), peopleNoun(np.head, ctx));
  const head = np.head;
  const byRole = latestEntry(
    ctx,
    at,
    (e) =>
      e.kind === 'person' &&
      !e.anonymous &&
      (e.words.includes(head) || !!e.role?.toLowerCase().includes(head)),
  );
  return byRole ?? describedPerson(so, at);
}
