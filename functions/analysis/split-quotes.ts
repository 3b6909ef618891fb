import { countWords } from './clean-text.ts';
import type { QuoteSpan } from './find-quotes.ts';
import { lexicon } from './lexicon/index.ts';
import { sentenceSpans } from './sentence-splitter.ts';

// A quote split by its attribution ("A," he said, "B.") is one quote.

const SPLIT_ATTRIBUTION = /^\s*,?\s*[^.!?"“”]{1,100}?,\s*$/;
const PHRASAL_ATTRIBUTION = /\b(?:according to|went on)\b/i;

/** True when the words between two quotes hold a verb of saying ("said", "tweeted", "according to"). */
function hasReportingVerb(between: string): boolean {
  const verbs = lexicon().reportingVerbs;
  for (const word of between.toLowerCase().match(/\p{L}+/gu) ?? []) if (verbs.has(word)) return true;
  return PHRASAL_ATTRIBUTION.test(between);
}
// A bare attribution sentence between two quotes: `"A," said X. "B."`, `"A," X told VOA. "B."`. A second
// verb, a colon or a "that" clause means the reporter is saying something of their own.
const SENTENCE_ATTRIBUTION = /^\s*,?\s*[^"“”:;]{1,320}?[.]\s*$/;
// Reported speech ("said that"), a contrast, or a clause with a subject of its own ("after she left"); a
// phrase such as "after the meeting" or "who runs the clinic" still belongs to the attribution.
const OWN_STATEMENT =
  /\b(?:(?:said|says|told\s+\S+|added|noted)\s+that|but|while|whereas|although|because|(?:after|before|when|as|since|until)\s+(?:he|she|they|it|we|i|you)\b)/i;
/**
 * How long the attribution sentence between two parts may be: long enough for a speaker's appositive
 * with a clause of its own ("said X, a professor at Y who tested six of the detainees").
 */
const MAX_ATTRIBUTION_WORDS = 48;

/**
 * True for `"A," said X. "B."`: the attribution is one sentence, and the second quote opens a new
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
  if (!SENTENCE_ATTRIBUTION.test(between) || !hasReportingVerb(between) || OWN_STATEMENT.test(between))
    return false;
  if (countWords(between) > MAX_ATTRIBUTION_WORDS || sentenceSpans(between.trim()).length !== 1) return false;
  if (!/^\p{Lu}/u.test(quote.text.trimStart())) return false;
  // `"B," she added.`: the second quote carries its own attribution.
  return !/[,;—–-]$/.test(quote.text) && !/^\s*,/.test(after);
}

export function joinSplitQuotes(quotes: QuoteSpan[], paragraphs: string[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  for (const quote of quotes) {
    const previous = out[out.length - 1];
    if (previous && previous.close.paragraph === quote.open.paragraph && !previous.between) {
      const text = paragraphs[quote.open.paragraph] ?? '';
      const between = text.slice(previous.close.offset, quote.open.offset);
      const commaBefore = /[,;—–-]$/.test(previous.text) || /^\s*,/.test(between);
      const midSentence = commaBefore && SPLIT_ATTRIBUTION.test(between) && hasReportingVerb(between);
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
