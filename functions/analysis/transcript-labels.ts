import type { Speaker } from './attribute-quotes.ts';
import type { Lexicon } from './lexicon/index.ts';
import type { NameTable } from './name-entries.ts';
import { lookupName } from './name-lookup.ts';

// A transcript or interview labels each turn with its speaker: `MARIA DELGADO: "We lost the harvest."`,
// `Delgado: "..."`. The label is the whole of the paragraph before the quote.
const LABEL = /^\s*((?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}.'’-]*)\s*:\s*$/u;

/** The most words a speaker's label has ("MARIA DEL CARMEN LOPEZ"). */
const MAX_LABEL_WORDS = 4;

function titleCase(word: string): string {
  if (word !== word.toUpperCase()) return word;
  return word
    .toLowerCase()
    .replace(/(^|[-'’])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** The names that the labels of one article have given, so that a later "DELGADO:" finds "Maria Delgado". */
export type LabelNames = Map<string, string>;

/**
 * The speaker a transcript label names, or undefined when the text before the quote is not a label.
 * Labels resolve to the article's name table first, then to an earlier, longer label.
 */
export function labelSpeaker(
  head: string,
  table: NameTable,
  labels: LabelNames,
  lex: Lexicon,
): Speaker | undefined {
  const label = LABEL.exec(head)?.[1];
  if (!label) return undefined;
  const words = label.split(/\s+/);
  if (words.length > MAX_LABEL_WORDS) return undefined;
  const lower = words.map((w) => w.toLowerCase());
  // "Q:", "FILE:", "WATCH:", "VOA:": not a person's name.
  if (lower.length === 1 && ((lower[0]?.length ?? 0) < 2 || !/\p{Ll}|^\p{Lu}{2,}$/u.test(words[0] ?? '')))
    return undefined;
  if (
    lower.some(
      (w) => lex.orgWords.has(w) || lex.common.has(w) || lex.documentNouns.has(w) || lex.platforms.has(w),
    )
  )
    return undefined;
  const entry = lookupName(table, lower);
  if (entry) return { name: entry.name, role: entry.role ?? null, mention: label, kind: entry.kind };
  const key = lower.join(' ');
  const known = labels.get(key) ?? labels.get(lower[lower.length - 1] ?? '');
  const name = known ?? words.map(titleCase).join(' ');
  if (!known) {
    labels.set(key, name);
    const last = lower[lower.length - 1];
    if (last && !labels.has(last)) labels.set(last, name);
  }
  return { name, role: null, mention: label, kind: 'person' };
}
