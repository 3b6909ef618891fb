import type { Lexicon } from './lexicon/index.ts';
import type { Mention, NameEntry } from './name-entries.ts';

export function genderOfWord(word: string, lex: Lexicon): 'm' | 'f' | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  const male = lex.male.has(w) || lex.maleRoles.has(w);
  const female = lex.female.has(w) || lex.femaleRoles.has(w);
  if (male && !female) return 'm';
  if (female && !male) return 'f';
  return undefined;
}

export function roleGender(role: string | undefined, lex: Lexicon): 'm' | 'f' | undefined {
  if (!role) return undefined;
  for (const word of role.toLowerCase().split(/[^\p{L}]+/u)) {
    if (lex.femaleRoles.has(word) && !lex.maleRoles.has(word)) return 'f';
    if (lex.maleRoles.has(word) && !lex.femaleRoles.has(word)) return 'm';
  }
  return undefined;
}

export function inferGenders(
  entries: NameEntry[],
  mentions: Mention[],
  paragraphs: string[],
  lex: Lexicon,
): void {
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
