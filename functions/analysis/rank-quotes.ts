import type { AttributedQuote } from './attribute-quotes.ts';
import { countWords } from './clean-text.ts';

/**
 * How much a quote deserves a place in the post: substantial length, a named speaker (better with
 * a role), a full sentence rather than a fragment, and an early position.
 */
export function salience(quote: AttributedQuote, paragraphCount: number): number {
  const words = countWords(quote.span.text);
  let score = (Math.min(words, 40) / 40) * 2;
  if (words > 70) score -= 0.5;
  if (quote.speaker.name) score += 2;
  if (quote.speaker.kind === 'person') score += 0.5;
  if (quote.speaker.role) score += 1;
  if (quote.inherited) score -= 0.25;
  if (quote.partial) score -= 1;
  else if (/^[\p{Lu}"'“‘]/u.test(quote.span.text) && /[.!?]["'”’]?$/.test(quote.span.text)) score += 0.5;
  score += 1 - quote.span.open.paragraph / Math.max(1, paragraphCount);
  return Math.round(score * 100) / 100;
}

/**
 * The key quotes: the best quote of each distinct speaker first, in order of salience, then the
 * best remaining quotes, up to `max`; returned as indexes in document order.
 */
export function pickKeyQuotes(saliences: number[], speakers: Array<string | null>, max = 3): number[] {
  const order = saliences.map((_, i) => i).sort((a, b) => (saliences[b] ?? 0) - (saliences[a] ?? 0) || a - b);
  const picked: number[] = [];
  const seen = new Set<string>();
  for (const i of order) {
    const speaker = speakers[i];
    if (picked.length >= max) break;
    if (speaker && !seen.has(speaker.toLowerCase())) {
      seen.add(speaker.toLowerCase());
      picked.push(i);
    }
  }
  for (const i of order) {
    if (picked.length >= Math.min(max, order.length)) break;
    if (!picked.includes(i)) picked.push(i);
  }
  return picked.sort((a, b) => a - b);
}
