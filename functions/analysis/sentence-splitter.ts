/** A sentence as a half-open range of character offsets in its paragraph. */
export interface SentenceSpan {
  start: number;
  end: number;
}

// Abbreviations after which a period never ends a sentence: titles and months come before a name or a day.
const NEVER_FINAL = new Set(
  'mr mrs ms dr prof gen lt col maj capt sgt cpl pvt adm cmdr brig gov sen rep reps pres rev hon amb supt insp det fr st mt vs v cf jan feb mar apr jun jul aug sep sept oct nov dec messrs mme mlle'.split(
    ' ',
  ),
);
// Abbreviations that are not final when a number follows ("No. 5", "Art. 23").
const BEFORE_NUMBER = new Set('no nos vol art fig ca approx p pp para sec ch'.split(' '));
// Abbreviations that may also end a sentence: the next word decides.
const MAYBE_FINAL = new Set('inc ltd co corp bros llc plc etc al jr sr'.split(' '));

// Words that, capitalized after an ambiguous abbreviation ("U.S.", "p.m.", "Inc."), start a new sentence.
const SENTENCE_STARTERS = new Set(
  "the a an but and or so yet he she it they we i you his her its their our my this that these those there here in on at for from with by as if when while after before since during although though because however meanwhile still also then now some many most several both each all no not one two three four five what who why how where which officials police authorities critics analysts experts he's she's it's".split(
    ' ',
  ),
);

const BOUNDARY = /[.!?…]+["'”’)\]]*(?=\s)/g;

function previousWord(text: string, end: number): string {
  let i = end - 1;
  while (i >= 0 && !/\s/.test(text[i] ?? ' ')) i -= 1;
  return text.slice(i + 1, end);
}

function nextWord(text: string, start: number): string {
  const match = /^\s*(["'“‘([]?)([^\s]*)/.exec(text.slice(start, start + 40));
  return match?.[2] ?? '';
}

function isBoundary(text: string, punctStart: number, punctEnd: number): boolean {
  const marks = text.slice(punctStart, punctEnd);
  const after = text.slice(punctEnd).trimStart();
  const first = after[0];
  if (first === undefined) return false;
  const opensSentence = /[\p{Lu}\p{N}"“‘'([]/u.test(first);
  if (!opensSentence) return false;
  if (!marks.startsWith('.') || marks.startsWith('...')) return true;
  const word = previousWord(text, punctStart + 1);
  const bare = word.replace(/^["'“‘([]+/, '').replace(/\.$/, '');
  const lower = bare.toLowerCase();
  const following = nextWord(text, punctEnd)
    .replace(/[^\p{L}']/gu, '')
    .toLowerCase();
  if (NEVER_FINAL.has(lower) && !/[”"’)]$/.test(marks)) return false;
  if (BEFORE_NUMBER.has(lower) && /^\d/.test(after)) return false;
  // A single capital is an initial ("John F. Kennedy").
  if (/^\p{Lu}$/u.test(bare)) return false;
  // Dotted acronyms ("U.S.", "a.m.") and company suffixes end a sentence only before a sentence starter.
  if (/^(?:\p{L}\.)+\p{L}$/u.test(bare) || MAYBE_FINAL.has(lower)) return SENTENCE_STARTERS.has(following);
  return true;
}

/** Splits a paragraph into sentence ranges; knows abbreviations such as "U.S.", "Mr." and "Jan.". */
export function sentenceSpans(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let match = BOUNDARY.exec(text); match; match = BOUNDARY.exec(text)) {
    const end = match.index + match[0].length;
    if (isBoundary(text, match.index, end)) {
      spans.push({ start, end });
      start = end;
      while (start < text.length && /\s/.test(text[start] ?? '')) start += 1;
    }
  }
  if (start < text.length && text.slice(start).trim() !== '') spans.push({ start, end: text.length });
  return spans.map((span) => {
    let { start: s, end: e } = span;
    while (s < e && /\s/.test(text[s] ?? '')) s += 1;
    while (e > s && /\s/.test(text[e - 1] ?? '')) e -= 1;
    return { start: s, end: e };
  });
}

/** Splits a paragraph into sentences; knows abbreviations such as "U.S.", "Mr." and "Jan.". */
export function splitSentences(text: string): string[] {
  return sentenceSpans(text).map((span) => text.slice(span.start, span.end));
}
