import { lexicon } from './lexicon/index.ts';

/** A sentence as a half-open range of character offsets in its paragraph. */
export interface SentenceSpan {
  start: number;
  end: number;
}

// A boundary is punctuation before a space; in the rare text that has one, also a full stop fused to the
// next sentence ("minister.That"), which the slower pattern finds.
const BOUNDARY = /[.!?…]+["'”’)\]]*(?=\s)/g;
const BOUNDARY_OR_FUSED = /[.!?…]+["'”’)\]]*(?=\s)|(?<=\p{Ll}{2})\.(?=\p{Lu}\p{Ll})/gu;
const FUSED = /\p{Ll}\.\p{Lu}/u;

/** Paragraphs are split by several steps of the analysis: the last few results are kept. */
const CACHE_SIZE = 512;
const cache = new Map<string, SentenceSpan[]>();

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
  const lex = lexicon();
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
  if (lex.neverFinal.has(lower) && !/[”"’)]$/.test(marks)) return false;
  if (lex.beforeNumber.has(lower) && /^\d/.test(after)) return false;
  // A single capital is an initial ("John F. Kennedy").
  if (/^\p{Lu}$/u.test(bare)) return false;
  // Dotted acronyms ("U.S.", "a.m.") and company suffixes end a sentence only before a sentence starter.
  if (/^(?:\p{L}\.)+\p{L}$/u.test(bare) || lex.maybeFinal.has(lower))
    return lex.sentenceStarters.has(following);
  return true;
}

/** Splits a paragraph into sentence ranges; knows abbreviations such as "U.S.", "Mr." and "Jan.". */
export function sentenceSpans(text: string): SentenceSpan[] {
  const known = cache.get(text);
  if (known) return known;
  const spans = split(text);
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(text, spans);
  return spans;
}

function split(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  const boundary = FUSED.test(text) ? BOUNDARY_OR_FUSED : BOUNDARY;
  boundary.lastIndex = 0;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
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
