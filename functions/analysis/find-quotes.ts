import { countWords } from './clean-text.ts';
import { isNamedCharge } from './named-charge.ts';
import { sentenceSpans } from './sentence-splitter.ts';

/** A position in the article: paragraph index and character offset. */
export interface TextPoint {
  paragraph: number;
  offset: number;
}

/** A direct quotation found in the body, possibly over several paragraphs or in two parts. */
export interface QuoteSpan {
  text: string;
  /** The opening mark. */
  open: TextPoint;
  /** Just after the closing mark (or the paragraph end when the quote is never closed). */
  close: TextPoint;
  /** Inner character ranges per paragraph, for masking names inside quotes. */
  ranges: Array<{ paragraph: number; start: number; end: number }>;
  /** For a split quote ("A," he said, "B."): the attribution between the parts. */
  between?: { paragraph: number; start: number; end: number };
}

interface RawSpan {
  open: number;
  innerStart: number;
  innerEnd: number;
  /** Index just after the closing mark, or -1 when the paragraph ends inside the quote. */
  close: number;
}

const DOUBLE_OPEN = new Set(['“', '„', '‟', '«']);
const DOUBLE_CLOSE = new Set(['”', '»']);
const STRAIGHT = new Set(['"', '″']);

function isSpaceOrStart(ch: string | undefined): boolean {
  return ch === undefined || /[\s([{—–\-/]/.test(ch);
}

function isSpaceOrEnd(ch: string | undefined): boolean {
  return ch === undefined || /[\s.,;:!?)\]}—–\-…]/.test(ch);
}

const DOUBLE_MARKS = /["″“”„‟«»]/g;

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
    } else if (curlyOpen) {
      // A second opening mark: the first was never closed; restart here.
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
      (/[.,!?;:…]/.test(before) || after === undefined || /[,.;:!?)\]—–]/.test(after));
    if (closes) {
      spans.push({ open: openAt, innerStart: openAt + 1, innerEnd: i, close: i + 1 });
      openAt = -1;
    }
  }
  if (openAt >= 0 && openAt === text.search(/\S/))
    spans.push({ open: openAt, innerStart: openAt + 1, innerEnd: text.length, close: -1 });
  return spans;
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

function startsWithOpening(text: string): boolean {
  const first = text.trimStart()[0];
  return (
    first !== undefined && (DOUBLE_OPEN.has(first) || STRAIGHT.has(first) || first === '‘' || first === "'")
  );
}

const WORK_NOUNS =
  /\b(?:book|books|film|movie|documentary|song|single|album|novel|memoir|series|show|program|programme|play|poem|painting|exhibition|opera|musical|anthem|hashtag|slogan|podcast|episode|game|app|magazine|newsletter|report|article|essay|column|op-ed|editorial|speech|campaign|lecture|course|titled|entitled|called|named|dubbed)\s*(?:[,:]\s*)?(?:titled|entitled|called|named)?\s*$/i;

/** True for the title of a work ("a film called "Prisoners"", "the report "China's Dark Side""). */
export function isTitleOfWork(inner: string, before: string): boolean {
  // The comma before a closing mark is American punctuation, not the end of a sentence.
  const text = inner.trim().replace(/,$/, '');
  if (isNickname(text, before)) return true;
  if (/[.!?,;:]["'”’]?$/.test(text) || /[.!?;]\s/.test(text)) return false;
  if (WORK_NOUNS.test(before))
    return (
      /^(?:titled|entitled|called|named|dubbed)\s*$/i.test(before.trim().split(/\s+/).pop() ?? '') ||
      titleCase(text)
    );
  return titleCase(text) && countWords(text) <= 12 && !/^[\p{Lu}][\p{Ll}]+ [\p{Ll}]/u.test(text);
}

const NICKNAME_CONTEXT =
  /\b(?:(?:known|referred to)(?:\s+\S+){0,3}\s+as|nicknamed|so-called|self-styled|a\.k\.a\.|aka)\s*$/i;
const MAX_NICKNAME_WORDS = 8;

/** True for a nickname ("known to supporters as "the Lion of the North""): a name, not words spoken. */
function isNickname(text: string, before: string): boolean {
  if (/[.!?;]/.test(text) || countWords(text) > MAX_NICKNAME_WORDS) return false;
  return NICKNAME_CONTEXT.test(before);
}

const MINOR_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'and',
  'or',
  'but',
  'with',
  'from',
  'by',
  'as',
  'is',
]);

function titleCase(text: string): boolean {
  const words = text.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  const content = words.filter((w) => !MINOR_WORDS.has(w.toLowerCase()));
  if (content.length < 2) return false;
  const capitalized = content.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalized / content.length >= 0.8;
}

const MAX_SUBHEAD_WORDS = 10;

/**
 * True for a subhead made of a quoted phrase ("‘A Message to Every Writer’"): the whole paragraph is a
 * short closed quote without sentence punctuation. A quote that stands as its own paragraph ends with
 * a full stop, a question or an exclamation.
 */
function isQuotedSubhead(text: string, span: RawSpan): boolean {
  if (span.close < 0 || text.slice(0, span.open).trim() !== '' || text.slice(span.close).trim() !== '')
    return false;
  const inner = text.slice(span.innerStart, span.innerEnd).trim();
  return !/[.!?…,;:]$/.test(inner) && countWords(inner) <= MAX_SUBHEAD_WORDS;
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const MIN_WORDS = 4;

/** What stands between two terms of one list of charges: `"A" and "B"`, `"A", "B"`, `"A" and of "B"`. */
const CHARGE_LIST = /^\s*(?:,\s*)?(?:and|or)?\s*(?:of|for|with)?\s*$/;

/**
 * Finds every direct quotation of four words or more, in document order. A quote whose paragraph
 * ends while it is open continues in the next paragraph when that one opens with a quote mark;
 * a split quote ("A," he said, "B.") becomes one quote. Scare quotes and titles of works are left out.
 */
export function findQuotes(paragraphs: string[]): QuoteSpan[] {
  const perParagraph = paragraphs.map(paragraphSpans);
  const quotes: QuoteSpan[] = [];
  let lastChargeParagraph = -1;
  let lastChargeClose = -1;
  for (let p = 0; p < paragraphs.length; p += 1) {
    const spans = perParagraph[p] ?? [];
    for (let s = 0; s < spans.length; s += 1) {
      const span = spans[s] as RawSpan;
      const text = paragraphs[p] ?? '';
      const ranges = [{ paragraph: p, start: span.innerStart, end: span.innerEnd }];
      const parts = [text.slice(span.innerStart, span.innerEnd)];
      let close: TextPoint = { paragraph: p, offset: span.close < 0 ? text.length : span.close };
      let last = span;
      let q = p;
      // A quote over several paragraphs: open at the end of one, reopened at the start of the next.
      while (
        last.close < 0 &&
        s === spans.length - 1 &&
        q + 1 < paragraphs.length &&
        startsWithOpening(paragraphs[q + 1] ?? '')
      ) {
        const next = perParagraph[q + 1]?.[0];
        if (!next) break;
        q += 1;
        const nextText = paragraphs[q] ?? '';
        ranges.push({ paragraph: q, start: next.innerStart, end: next.innerEnd });
        parts.push(nextText.slice(next.innerStart, next.innerEnd));
        close = { paragraph: q, offset: next.close < 0 ? nextText.length : next.close };
        perParagraph[q] = (perParagraph[q] ?? []).slice(1);
        last = next;
      }
      const inner = clean(parts.join(' '));
      const before = text.slice(Math.max(0, span.open - 60), span.open);
      // `convicted of "A" and "B"`: a second term in a list continues the first.
      const listed =
        lastChargeParagraph === p &&
        lastChargeClose >= 0 &&
        CHARGE_LIST.test(text.slice(lastChargeClose, span.open));
      if (isNamedCharge(inner, before) || (listed && isNamedCharge(inner, 'charged with '))) {
        lastChargeParagraph = p;
        lastChargeClose = span.close;
        continue;
      }
      if (isTitleOfWork(inner, before) || isQuotedSubhead(text, span)) continue;
      quotes.push({ text: inner, open: { paragraph: p, offset: span.open }, close, ranges });
      if (q !== p) {
        p = q - 1;
        break;
      }
    }
  }
  return joinSplitQuotes(quotes, paragraphs).filter((quote) => countWords(quote.text) >= MIN_WORDS);
}

const SPLIT_ATTRIBUTION = /^\s*,?\s*[^.!?"“”]{1,100}?,\s*$/;
const HAS_VERB =
  /\b(?:said|says|say|added|adds|told|tells|asked|asks|continued|continues|noted|explained|insisted|argued|recalled|wrote|writes|warned|stressed|declared|according to|went on)\b/i;
// A bare attribution sentence between two quotes: `"A," said X. "B."`, `"A," X told VOA. "B."`. A second
// verb, a colon or a "that" clause means the reporter is saying something of their own.
const SENTENCE_ATTRIBUTION = /^\s*,?\s*[^"“”:;]{1,140}?[.]\s*$/;
// Reported speech ("said that"), a contrast, or a clause with a subject of its own ("after she left"); a
// phrase such as "after the meeting" or "who runs the clinic" still belongs to the attribution.
const OWN_STATEMENT =
  /\b(?:(?:said|says|told\s+\S+|added|noted)\s+that|but|while|whereas|although|because|(?:after|before|when|as|since|until)\s+(?:he|she|they|it|we|i|you)\b)/i;
const MAX_ATTRIBUTION_WORDS = 22;

/**
 * True for `"A," said X. "B."`: the attribution is one short sentence, and the second quote opens a new
 * sentence and has no attribution of its own, so it continues the first speaker's words.
 */
function continuesAfterAttribution(
  previous: QuoteSpan,
  quote: QuoteSpan,
  between: string,
  after: string,
): boolean {
  // `'...,'"`: the closing mark of a quote nested at the end does not hide the comma before it.
  const first = previous.text.replace(/[\s'’"”]+$/, '');
  if (!/[,?!]$/.test(first) && !/^\s*,/.test(between)) return false;
  if (!SENTENCE_ATTRIBUTION.test(between) || !HAS_VERB.test(between) || OWN_STATEMENT.test(between))
    return false;
  if (countWords(between) > MAX_ATTRIBUTION_WORDS || sentenceSpans(between.trim()).length !== 1) return false;
  if (!/^\p{Lu}/u.test(quote.text.trimStart())) return false;
  // `"B," she added.`: the second quote carries its own attribution.
  return !/[,;—–-]$/.test(quote.text) && !/^\s*,/.test(after);
}

function joinSplitQuotes(quotes: QuoteSpan[], paragraphs: string[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  for (const quote of quotes) {
    const previous = out[out.length - 1];
    if (previous && previous.close.paragraph === quote.open.paragraph && !previous.between) {
      const text = paragraphs[quote.open.paragraph] ?? '';
      const between = text.slice(previous.close.offset, quote.open.offset);
      const commaBefore = /[,;—–-]$/.test(previous.text) || /^\s*,/.test(between);
      const midSentence = commaBefore && SPLIT_ATTRIBUTION.test(between) && HAS_VERB.test(between);
      const after = quote.close.paragraph === quote.open.paragraph ? text.slice(quote.close.offset) : '';
      if (midSentence || continuesAfterAttribution(previous, quote, between, after)) {
        // The comma that closed the first part stood for a full stop when a new sentence follows.
        const first = midSentence ? previous.text : previous.text.replace(/,$/, '.');
        out[out.length - 1] = {
          text: `${first} ${quote.text}`,
          open: previous.open,
          close: quote.close,
          ranges: [...previous.ranges, ...quote.ranges],
          between: { paragraph: quote.open.paragraph, start: previous.close.offset, end: quote.open.offset },
        };
        continue;
      }
    }
    out.push(quote);
  }
  return out;
}
