import { analyzeArticle, type Quote } from '../../../functions/analysis/index.ts';

// The analysis of a few invented paragraphs, as a plain-text story: what the shape tests look at.

/** Every quote the analysis finds in these paragraphs. */
export function quotesOf(paragraphs: string[]): Quote[] {
  return analyzeArticle({ title: 'A Story', paragraphs, captions: [], source: 'text' }).quotes;
}

/** The speaker of each quote, in order. */
export function speakersOf(paragraphs: string[]): Array<string | null> {
  return quotesOf(paragraphs).map((q) => q.speaker);
}

/** The text of each quote, in order. */
export function textsOf(paragraphs: string[]): string[] {
  return quotesOf(paragraphs).map((q) => q.text);
}
