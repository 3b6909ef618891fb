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

/** How far after a mention its gender-telling pronoun is looked for: two or three sentences. */
const PRONOUN_WINDOW_CHARS = 400;

/** For each mention, the index of the next mention of another person (-1 for none), in one backward pass. */
function nextOtherPerson(mentions: Mention[]): number[] {
  const out = new Array<number>(mentions.length).fill(-1);
  let nearest = -1;
  let nearestOther = -1;
  for (let i = mentions.length - 1; i >= 0; i -= 1) {
    const id = (mentions[i] as Mention).entry.id;
    const near = mentions[nearest];
    out[i] = near && near.entry.id !== id ? nearest : nearestOther;
    if ((mentions[i] as Mention).entry.kind !== 'person') continue;
    if (near && near.entry.id !== id) nearestOther = nearest;
    nearest = i;
  }
  return out;
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
  const nextOther = nextOtherPerson(mentions);
  mentions.forEach((mention, i) => {
    // Only a sentence subject is a safe antecedent for the next pronoun.
    if (!unknown.has(mention.entry.id) || !mention.subject) return;
    const next = mentions[nextOther[i] ?? -1];
    const text = paragraphs[mention.paragraph] ?? '';
    const end = next && next.paragraph === mention.paragraph ? next.start : text.length;
    let window = text.slice(mention.end, Math.min(end, mention.end + PRONOUN_WINDOW_CHARS));
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
