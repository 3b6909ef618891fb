// An acronym used as a speaker ("UNAMA said", "CAF said") stands for a name that the article spells out
// earlier. The speaker is that full name, never the acronym, so the acronym has to be expanded.

import { lexicon } from './lexicon/index.ts';

const DOTTED = /^(?:\p{Lu}\.)+$/u;
const LINK_WORDS = /^(?:of|for|in|on|and|the|to|against|de|du|des|la|le)$/i;

const CAPITALIZED_RUN =
  /\p{Lu}[\p{L}.'’-]*(?:\s+(?:(?:of|for|in|on|and|the|to|against)\s+)*\p{Lu}[\p{L}.'’-]*)*/gu;

/** The letters an acronym takes from a name: each capitalized word's first, every letter of "U.N.". */
export function initialsOf(name: string): string {
  let letters = '';
  for (const word of name.split(/\s+/)) {
    if (DOTTED.test(word)) letters += word.replace(/\./g, '');
    else if (/^\p{Lu}/u.test(word)) letters += word[0];
  }
  return letters.toUpperCase();
}

/** The shortest run of words ending the phrase whose initials spell the acronym. */
function trailingMatch(words: string[], plain: string): string | undefined {
  for (let start = words.length - 1; start >= 0; start -= 1) {
    const first = words[start] ?? '';
    if (LINK_WORDS.test(first)) continue;
    const candidate = words.slice(start).join(' ');
    const initials = initialsOf(candidate);
    if (initials === plain) return candidate;
    if (initials.length > plain.length) return undefined;
  }
  return undefined;
}

/**
 * Whether a short form abbreviates a name: its letters appear in order, the first one starting the name's
 * first word ("NiMet" in "Nigerian Meteorological Agency", "UNHCR" in "U.N. High Commissioner for Refugees").
 */
export function abbreviates(short: string, name: string): boolean {
  const letters = short.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
  const words = name.split(/\s+/).filter((w) => !LINK_WORDS.test(w));
  if (!letters || words.length < 2 || !words.every((w) => /^[\p{Lu}\p{N}]/u.test(w))) return false;
  if ((words[0]?.[0] ?? '').toLowerCase() !== letters[0]) return false;
  const long = words.join(' ').toLowerCase();
  let at = 0;
  for (const letter of letters) {
    at = long.indexOf(letter, at);
    if (at < 0) return false;
    at += 1;
  }
  return true;
}

/** A name the article defines a short form for: "the Name (SHORT)", "the Name, known as SHORT". */
/** How many characters before a definition ("... (NDEA)") the name it defines may start. */
const DEFINITION_WINDOW = 200;

function definedAlias(short: string, body: string): string | undefined {
  const escaped = short.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(
    `(\\p{Lu}[\\p{L}.'’-]*(?:\\s+(?:(?:of|for|in|on|and|the|to|de)\\s+)*\\p{Lu}[\\p{L}.'’-]*){0,7})\\s*(?:\\(${escaped}\\)|,\\s+(?:also\\s+|better\\s+|widely\\s+)?known\\s+as\\s+${escaped}\\b)`,
    'u',
  );
  // Only the text just before the short form's definition can hold the name.
  const at = Math.max(
    body.indexOf(`(${short})`),
    body.search(new RegExp(`known\\s+as\\s+${escaped}\\b`, 'u')),
  );
  if (at < 0) return undefined;
  const window = body.slice(Math.max(0, at - DEFINITION_WINDOW), at + short.length + 40);
  const run = pattern.exec(window)?.[1]?.trim();
  if (!run) return undefined;
  const words = run.replace(/,$/, '').split(/\s+/);
  // The shortest tail of the run that the short form abbreviates.
  for (let start = words.length - 2; start >= 0; start -= 1) {
    if (LINK_WORDS.test(words[start] ?? '')) continue;
    const candidate = words.slice(start).join(' ');
    if (abbreviates(short, candidate) && /^\p{Lu}/u.test(short)) {
      const first = short.replace(/[^\p{L}]/gu, '')[0]?.toLowerCase();
      if (candidate[0]?.toLowerCase() === first) return candidate;
    }
  }
  return undefined;
}

/**
 * The full name an acronym stands for: a known organization whose initials spell it ("Confederation of
 * African Football" for "CAF"), or whose name the article continues ("U.N. Assistance Mission" in
 * "Afghanistan" for "UNAMA"), or the name given before the acronym in parentheses.
 */
/**
 * "U.K. Border and Customs Force" for "BCF": a country's short form in front of the words the
 * acronym spells is part of the agency's name.
 */
function countryPrefixed(before: string | undefined, name: string): string {
  const country = !!before && /^(?:(?:\p{Lu}\.){2,3}|\p{Lu}{2,3})$/u.test(before);
  return country && lexicon().places.has((before as string).toLowerCase()) ? `${before} ${name}` : name;
}

export function expandAcronym(acronym: string, names: string[], paragraphs: string[]): string | undefined {
  const plain = acronym.replace(/\./g, '').toUpperCase();
  if (plain.length < 2) return undefined;
  const defined = definedAlias(acronym, paragraphs.join('\n'));
  // "The Office of the United Nations High Commissioner for Refugees (UNHCR)": the name the article gives
  // before the brackets is the whole organization, though the letters spell only its tail.
  if (defined) return names.find((name) => name !== defined && name.endsWith(` ${defined}`)) ?? defined;
  for (const name of names) if (name !== acronym && initialsOf(name) === plain) return name;
  const body = paragraphs.join('\n');
  for (const name of names) {
    const initials = initialsOf(name);
    if (name === acronym || initials.length < 2 || !plain.startsWith(initials)) continue;
    let from = body.indexOf(name);
    while (from >= 0) {
      const rest = body.slice(from + name.length, from + name.length + 80);
      const tail = /^\s+((?:(?:of|for|in|on|and|the|to)\s+)+(?:[\p{Lu}][\p{L}.'’-]*\s*)+)/u.exec(rest)?.[1];
      if (tail) {
        const words = tail.trim().split(/\s+/);
        for (let end = words.length; end > 0; end -= 1) {
          const full = `${name} ${words.slice(0, end).join(' ')}`;
          if (initialsOf(full) === plain) return full;
        }
      }
      from = body.indexOf(name, from + name.length);
    }
  }
  // A name the table missed ("Confederation of African Football"): any capitalized run that spells it.
  const runs = body.match(CAPITALIZED_RUN) ?? [];
  for (const run of runs) {
    const words = run.split(/\s+/);
    for (let start = 0; start < words.length; start += 1) {
      if (LINK_WORDS.test(words[start] ?? '')) continue;
      for (let end = words.length; end > start; end -= 1) {
        const candidate = words.slice(start, end).join(' ');
        if (
          !LINK_WORDS.test(words[end - 1] ?? '') &&
          initialsOf(candidate) === plain &&
          candidate !== acronym
        )
          return countryPrefixed(words[start - 1], candidate);
      }
    }
  }
  // The words just before "(ACRONYM)", found by position rather than by a pattern over the whole body.
  const at = body.indexOf(`(${acronym})`);
  if (at < 0) return undefined;
  const before = /([^.;:()"“”]{3,120})$/u.exec(body.slice(Math.max(0, at - 120), at))?.[1];
  return before ? trailingMatch(before.trim().split(/\s+/), plain) : undefined;
}
