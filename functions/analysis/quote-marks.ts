// Pairing quote marks within one paragraph: double marks, curly single marks, straight single marks.

/** One pair of marks in a paragraph. */
export interface RawSpan {
  open: number;
  innerStart: number;
  innerEnd: number;
  /** Index just after the closing mark, or -1 when the paragraph ends inside the quote. */
  close: number;
}

export const DOUBLE_OPEN = new Set(['“', '„', '‟', '«']);
const DOUBLE_CLOSE = new Set(['”', '»']);
const STRAIGHT = new Set(['"', '″']);

function isSpaceOrStart(ch: string | undefined): boolean {
  return ch === undefined || /[\s([{—–\-/]/.test(ch);
}

function isSpaceOrEnd(ch: string | undefined): boolean {
  return ch === undefined || /[\s.,;:!?)\]}—–\-…]/.test(ch);
}

const DOUBLE_MARKS = /["″“”„‟«»]/g;

/** The words of a quote up to a second opening mark: at least a sentence, ended by its full stop. */
const REOPENED = /\p{L}[^"“”]*\s\p{L}[^"“”]*[.!?…]\s+$/u;

function doubleSpans(text: string): RawSpan[] {
  const spans: RawSpan[] = [];
  let openAt = -1;
  DOUBLE_MARKS.lastIndex = 0;
  for (let match = DOUBLE_MARKS.exec(text); match; match = DOUBLE_MARKS.exec(text)) {
    const i = match.index;
    const ch = match[0];
    const curlyOpen = DOUBLE_OPEN.has(ch);
    const curlyClose = DOUBLE_CLOSE.has(ch);
    const straight = STRAIGHT.has(ch);
    if (openAt < 0) {
      if (curlyClose && !isSpaceOrStart(text[i - 1])) continue;
      openAt = i;
      continue;
    }
    const closes = curlyClose || (straight && (isSpaceOrEnd(text[i + 1]) || !isSpaceOrStart(text[i - 1])));
    if (closes || (straight && !curlyOpen)) {
      spans.push({ open: openAt, innerStart: openAt + 1, innerEnd: i, close: i + 1 });
      openAt = -1;
    } else if (curlyOpen && !REOPENED.test(text.slice(openAt + 1, i))) {
      // A second opening mark: the first was never closed; restart here. After a full sentence of the
      // quote, it marks the quote's next paragraph, run into this one.
      openAt = i;
    }
  }
  if (openAt >= 0) spans.push({ open: openAt, innerStart: openAt + 1, innerEnd: text.length, close: -1 });
  return spans;
}

function singleSpans(text: string): RawSpan[] {
  const spans: RawSpan[] = [];
  let openAt = -1;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '‘' && openAt < 0 && isSpaceOrStart(text[i - 1])) openAt = i;
    else if (ch === '’' && openAt >= 0 && !/\p{L}/u.test(text[i + 1] ?? '')) {
      spans.push({ open: openAt, innerStart: openAt + 1, innerEnd: i, close: i + 1 });
      openAt = -1;
    }
  }
  return spans;
}

/**
 * Straight single marks, as British copy uses them ('We will appeal,' she said). An apostrophe is told
 * apart by where it stands: an opening mark follows a space and precedes a letter ("'90s" and "rock 'n'
 * roll" do not open); a closing mark follows punctuation inside the quote, or precedes punctuation or the
 * end, so "the workers' rights" does not close one.
 */
function straightSingleSpans(text: string): RawSpan[] {
  const spans: RawSpan[] = [];
  let openAt = -1;
  for (let i = text.indexOf("'"); i >= 0; i = text.indexOf("'", i + 1)) {
    const before = text[i - 1];
    const after = text[i + 1];
    if (openAt < 0) {
      if (
        isSpaceOrStart(before) &&
        after !== undefined &&
        /[\p{L}]/u.test(after) &&
        !/^'n'/.test(text.slice(i, i + 3))
      )
        openAt = i;
      continue;
    }
    const closes =
      before !== undefined &&
      !/\s/.test(before) &&
      (after === undefined || !/[\p{L}\p{N}]/u.test(after)) &&
      (/[.,!?;:…]/.test(before) ||
        after === undefined ||
        /[,.;:!?)\]—–]/.test(after) ||
        // "'Las Acacias' from Argentina": a title in marks closes at the end of its capitalized words.
        shortTitle(text.slice(openAt + 1, i)));
    if (closes) {
      spans.push({ open: openAt, innerStart: openAt + 1, innerEnd: i, close: i + 1 });
      openAt = -1;
    }
  }
  if (openAt >= 0 && openAt === text.search(/\S/))
    spans.push({ open: openAt, innerStart: openAt + 1, innerEnd: text.length, close: -1 });
  return spans;
}

/** How many words a title in straight single marks may have, for its closing mark to be told apart. */
const MAX_TITLE_WORDS = 6;

/** Words of a title that keep a small letter ("of", "the"). */
const TITLE_MINOR = /^(?:a|an|the|of|in|on|at|to|for|and|or|with|from|by)$/;

/** "Las Acacias", "The Salesman", "Michael": a few words, every one but the small ones capitalized. */
function shortTitle(inner: string): boolean {
  const words = inner.trim().split(/\s+/);
  if (/[.!?,;:]/.test(inner) || words.length > MAX_TITLE_WORDS || !/^\p{Lu}/u.test(words[0] ?? ''))
    return false;
  return words.every((w) => /^\p{Lu}/u.test(w) || TITLE_MINOR.test(w));
}

/**
 * Quote spans of one paragraph: double marks; curly single marks when a paragraph has no double ones;
 * straight single marks when it has neither.
 */
export function paragraphSpans(text: string): RawSpan[] {
  const spans = doubleSpans(text);
  if (spans.length > 0) return spans;
  if (text.includes('‘')) return singleSpans(text);
  return text.includes("'") ? straightSingleSpans(text) : spans;
}

export function startsWithOpening(text: string): boolean {
  const first = text.trimStart()[0];
  return (
    first !== undefined && (DOUBLE_OPEN.has(first) || STRAIGHT.has(first) || first === '‘' || first === "'")
  );
}
