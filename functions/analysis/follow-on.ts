import type { Speaker } from './attribute-quotes.ts';
import type { Referent } from './discourse-referents.ts';
import type { NameEntry } from './name-entries.ts';
import { isVerb } from './noun-phrases.ts';
import { type Context, fromEntry, inQuote } from './speaker-resolution.ts';
import { lastBelow, tokensBetween } from './text-index.ts';

// A quote with no attribution of its own carries on the words of whoever spoke last, or of the person a
// statement in reported speech was about, unless the story has turned to someone else in between.

/** A statement in reported speech: who it is about, and where. */
export interface Statement {
  at: number;
  entry: NameEntry;
}

/** How many paragraphs back the previous quote's speaker carries on. */
const CARRY_REACH = 2;
/** How far back the previous speaker still carries on when nothing nearer does. */
const CARRY_FALLBACK_REACH = 3;
/** How many paragraphs back a statement in reported speech carries on. */
const STATEMENT_REACH = 1;

const paragraphOf = (at: number) => Math.floor(at / 1_000_000);

/** Statements in reported speech ("Rosenzweig says ..."), which a following bare quote may continue. */
export function reportedSpeech(ctx: Context): Statement[] {
  const out: Statement[] = [];
  let last = -1;
  for (const r of ctx.referents) {
    // One statement per sentence: its subject (a name, a pronoun, or a person the article does not name).
    if (r.entry.kind !== 'person' || !r.subject || r.sentence === last) continue;
    const paragraph = Math.floor(r.sentence / 1000);
    const tokens = ctx.tokens[paragraph] ?? [];
    const span = ctx.sentences[paragraph]?.[r.sentence % 1000];
    if (!span) continue;
    const verb = tokensBetween(tokens, span.start, span.end).find(
      (t) => isVerb(t, ctx.lex) && !inQuote(ctx, paragraph, t.start),
    );
    if (verb) {
      out.push({ at: r.at, entry: r.entry });
      last = r.sentence;
    }
  }
  return out;
}

/**
 * The latest person, other than `speaker`, whom a sentence between `from` and `to` is about: "Residents
 * of the lower town were still waiting" after an official's quote. A bare quote after it is not the
 * official's.
 */
function someoneElse(ctx: Context, from: number, to: number, speaker: Speaker): Referent | undefined {
  const referents = ctx.referents;
  for (let i = lastBelow(referents, to, (r) => r.at); i >= 0; i -= 1) {
    const r = referents[i] as Referent;
    if (r.at <= from) return undefined;
    if (r.subject && r.entry.kind === 'person' && (r.entry.anonymous || r.entry.name !== speaker.name))
      if (!reportedBy(referents, i, speaker)) return r;
  }
  return undefined;
}

/**
 * "She says organizers Ann Lee and Jo Park have drawn up a schedule.": the people named after the
 * speaker's own verb in one sentence are what she says, not someone the story turned to.
 */
function reportedBy(referents: Referent[], i: number, speaker: Speaker): boolean {
  const sentence = (referents[i] as Referent).sentence;
  for (let k = i - 1; k >= 0 && referents[k]?.sentence === sentence; k -= 1) {
    const r = referents[k] as Referent;
    if (r.subject && !r.entry.anonymous && r.entry.name === speaker.name) return true;
  }
  return false;
}

/** How many paragraphs back the person the story turned to may stand for a bare quote to be theirs. */
const TURN_REACH = 1;

/**
 * The speaker a bare quote at `at` carries on: the previous quote's, or a recent statement's. When the
 * story has turned to someone else since ("In the camp we met Hasina Begum."), the quote is theirs,
 * named or not.
 */
export function carriedSpeaker(
  ctx: Context,
  at: number,
  previous: { at: number; speaker: Speaker } | undefined,
  statements: Statement[],
): { at: number; speaker: Speaker } | undefined {
  const p = paragraphOf(at);
  const candidates: Array<{ at: number; speaker: Speaker }> = [];
  const statement = statements[lastBelow(statements, at, (s) => s.at)];
  const said = statement ? { at: statement.at, speaker: fromEntry(statement.entry, null) } : undefined;
  const turnedFrom = [previous, said].filter((c) => c !== undefined);
  const latest = turnedFrom.sort((a, b) => a.at - b.at)[turnedFrom.length - 1];
  const turned = latest ? someoneElse(ctx, latest.at, at, latest.speaker) : undefined;
  if (turned && paragraphOf(turned.at) >= p - TURN_REACH)
    return { at: turned.at, speaker: fromEntry(turned.entry, null) };
  if (turned) return undefined;
  if (previous && paragraphOf(previous.at) >= p - CARRY_REACH) candidates.push(previous);
  // The latest statement in reported speech before the quote, in its paragraph or the one before.
  if (said && paragraphOf(said.at) >= p - STATEMENT_REACH) candidates.push(said);
  candidates.sort((a, b) => a.at - b.at);
  return (
    candidates[candidates.length - 1] ??
    (previous && paragraphOf(previous.at) >= p - CARRY_FALLBACK_REACH ? previous : undefined)
  );
}
