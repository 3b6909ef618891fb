import type { TermToken } from './term-matcher.ts';
import type { CompiledRule } from './topic-compile.ts';

/** A hit of one of a rule's groups in a window: token offsets and the words as written. */
export interface GroupHit {
  start: number;
  end: number;
  surface: string;
}

/** The window a rule is tested in: its tokens, its text, and where words for state agents stand. */
export interface RuleWindow {
  tokens: TermToken[];
  text: string;
  agentStarts: number[];
}

/** Auxiliaries that make the act passive or perfect: "was detained", "had been arrested". */
const PASSIVE = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being', 'get', 'got', 'gets', 'getting']);
/** Object pronouns: "detaining her" has a doer before it. */
const OBJECT_PRONOUNS = new Set(['her', 'him', 'them', 'me', 'us']);
/** Words that open the object of an active verb: "detained the official". */
const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'his',
  'their',
  'its',
  'our',
  'my',
  'your',
  'this',
  'that',
  'these',
  'those',
  'several',
  'dozens',
  'hundreds',
]);
/** A determiner followed by one of these opens a time adverbial, not an object: "detained a second time". */
const TIME_WORDS = new Set([
  'second',
  'third',
  'day',
  'week',
  'month',
  'year',
  'time',
  'same',
  'next',
  'previous',
  'following',
  'few',
  'night',
  'morning',
  'evening',
  'weekend',
]);
/** "held for detaining an official", "accused of kidnapping": a gerund after these is what the person did. */
const GERUND_AFTER = new Set(['for', 'of', 'with']);
/** Punctuation between an act and the next word ends the act's clause: "arrested, her lawyer said". */
const CLAUSE_BREAK = /[,;:.!?()\u2013\u2014"\u201c\u201d]/;

/** The word before an act, past adverbs ("for illegally detaining"), not reaching back before `floor`. */
function wordBefore(tokens: TermToken[], act: GroupHit, floor: number): string | undefined {
  let before = act.start - 1;
  while (before >= floor && tokens[before]?.word.endsWith('ly')) before -= 1;
  return before >= floor ? tokens[before]?.word : undefined;
}

/** True for an act told as a reason, a gerund after "for", "of" or "with": "held for detaining an official". */
function isReason(tokens: TermToken[], act: GroupHit, floor: number): boolean {
  const previous = wordBefore(tokens, act, floor);
  return (tokens[act.end - 1]?.word ?? '').endsWith('ing') && !!previous && GERUND_AFTER.has(previous);
}

/**
 * True when a person named before an act is its doer, not its target: the act is active with an object of
 * its own ("the villagers surrounded the inspector, detaining him") or a gerund after "for", "of" or "with" ("held for
 * illegally detaining the collector"). A passive ("were detained"), a state agent named in between
 * ("critics say police beat them") or an act named after the person keep the person as the target.
 */
function doneByPerson(window: RuleWindow, act: GroupHit, person: GroupHit): boolean {
  if (person.start >= act.start) return false;
  if (window.agentStarts.some((at) => at >= person.end && at < act.start)) return false;
  const { tokens } = window;
  const previous = wordBefore(tokens, act, person.end);
  if (previous && PASSIVE.has(previous)) return false;
  if (isReason(tokens, act, person.end)) return true;
  const last = tokens[act.end - 1];
  const next = tokens[act.end];
  if (!last || !next || CLAUSE_BREAK.test(window.text.slice(last.end, next.start))) return false;
  if (OBJECT_PRONOUNS.has(next.word)) return true;
  const after = tokens[act.end + 1]?.word ?? '';
  return DETERMINERS.has(next.word) && !TIME_WORDS.has(after.replace(/s$/, ''));
}

/**
 * True when the act answers what the person did: a later act of the same group, told as the reason with
 * the person before it, is the person's own ("police arrested an activist for illegally detaining a clerk").
 */
function answersPersonsAct(acts: GroupHit[], act: GroupHit, person: GroupHit, tokens: TermToken[]): boolean {
  return acts.some(
    (reason) => reason.start > act.start && reason.start > person.end && isReason(tokens, reason, person.end),
  );
}

/**
 * The surfaces of a rule's first firing in a window, or undefined: every group has a hit, distinct from
 * the others' and within the rule's window of the first group's hit. A rule with a `target` also needs
 * its person to be the target of its act.
 */
export function ruleFires(hits: GroupHit[][], rule: CompiledRule, window: RuleWindow): string[] | undefined {
  const [anchorHits, ...others] = hits;
  if (!anchorHits) return undefined;
  const { target } = rule;
  for (const anchor of anchorHits) {
    const chosen: GroupHit[] = [anchor];
    const used = new Set([anchor.start]);
    let ok = true;
    for (const [i, group] of others.entries()) {
      const g = i + 1;
      const hit = group.find((h) => {
        if (used.has(h.start)) return false;
        if (rule.window !== 'sentence' && Math.abs(h.start - anchor.start) > rule.window) return false;
        if (!target || (g !== target.act && g !== target.person)) return true;
        const act = g === target.act ? h : chosen[target.act];
        const person = g === target.person ? h : chosen[target.person];
        if (!act || !person) return true;
        const acts = hits[target.act] ?? [];
        return !doneByPerson(window, act, person) && !answersPersonsAct(acts, act, person, window.tokens);
      });
      if (!hit) {
        ok = false;
        break;
      }
      used.add(hit.start);
      chosen.push(hit);
    }
    if (ok) return chosen.map((h) => h.surface);
  }
  return undefined;
}
