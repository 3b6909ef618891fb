import { countWords } from './clean-text.ts';
import { isNamedCharge } from './named-charge.ts';
import { paragraphSpans, type RawSpan, startsWithOpening } from './quote-marks.ts';
import { inTermList, isInscription, isQuotedSubhead, isTitleOfWork } from './quoted-names.ts';
import { joinSplitQuotes } from './split-quotes.ts';

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

function clean(text: string): string {
  // A quote's next paragraph run into this one keeps no opening mark of its own inside the quote.
  return text
    .replace(/\s+/g, ' ')
    .replace(/([.!?…]) [“„]/g, '$1 ')
    .trim();
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
      if (
        isTitleOfWork(inner, before, text.slice(span.close)) ||
        isQuotedSubhead(text, span) ||
        isInscription(before)
      )
        continue;
      if (inTermList(text, spans, s)) continue;
      quotes.push({ text: inner, open: { paragraph: p, offset: span.open }, close, ranges });
      if (q !== p) {
        p = q - 1;
        break;
      }
    }
  }
  return joinSplitQuotes(quotes, paragraphs).filter((quote) => countWords(quote.text) >= MIN_WORDS);
}
