import { isTitleWord, type Lexicon, lexicon } from './lexicon/index.ts';
import type { EntityKind, NameEntry, NameTable } from './name-entries.ts';
import type { WordToken } from './word-tokens.ts';

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

/**
 * The one organization that a single word opens ("Amnesty" for Amnesty International, "Meridian" for
 * Meridian Mining), when that word is its own: not a word of organizations, places or peoples.
 */
function byOrgFirstWord(entries: NameEntry[], word: string): NameEntry | undefined {
  const lex = lexicon();
  if ([lex.orgWords, lex.nonName, lex.places, lex.demonyms, lex.common].some((set) => set.has(word)))
    return undefined;
  return onlyOne(entries.filter((e) => e.kind === 'org' && e.words.length >= 2 && e.words[0] === word));
}

function sameFirst(a: string, b: string): boolean {
  if (a === b) return true;
  const ia = /^\p{L}\.$/u.test(a);
  const ib = /^\p{L}\.$/u.test(b);
  return (ia && b.startsWith(a[0] ?? '')) || (ib && a.startsWith(b[0] ?? ''));
}

export class TableBuilder {
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
      return (
        this.entries.find((e) => e.kind === 'person' && e.words.includes(word)) ??
        (kind === 'person' ? undefined : byOrgFirstWord(this.entries, word))
      );
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

export function resolveWords(builder: TableBuilder, words: WordToken[], lex: Lexicon): NameEntry | undefined {
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
      onlyOne(table.entries.filter((e) => e.kind === 'person' && e.words.includes(word))) ??
      byOrgFirstWord(table.entries, word)
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
