import { normalizeSpace } from './clean-text.ts';
import { decodeEntities } from './html-entities.ts';
import type { ExtractedArticle } from './types.ts';
import { detectWire } from './wire-copy.ts';

/**
 * Builds an article from an RSS item when the page is unavailable. VOA descriptions are the first
 * ~500 characters of the body, often with paragraph joins lost ("death.On Friday") and a cut-off
 * last sentence ending in "...": the joins are restored and the cut-off sentence is dropped.
 */
export function extractFromDescription(
  fallback: { title?: string; description?: string } | undefined,
): ExtractedArticle {
  const description = normalizeSpace(decodeEntities(fallback?.description ?? '').replace(/<[^<>]*>/g, ' '));
  let text = description.replace(/([\p{Ll}\d%)\]][.!?]["”’]?)(?=[\p{Lu}“"])/gu, '$1\n');
  if (/(?:\.\.\.|…)$/.test(text)) {
    const cut = text.replace(/(?:\.\.\.|…)$/, '');
    const lastEnd = Math.max(
      cut.lastIndexOf('. '),
      cut.lastIndexOf('.\n'),
      cut.lastIndexOf('." '),
      cut.lastIndexOf('.” '),
    );
    text = lastEnd > 0 ? cut.slice(0, lastEnd + 1) : `${cut}…`;
  }
  const paragraphs = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const wire = detectWire([], paragraphs[0]);
  return {
    title: normalizeSpace(decodeEntities(fallback?.title ?? '')),
    paragraphs,
    captions: [],
    ...(description ? { description } : {}),
    source: 'description',
    ...(wire ? { wire } : {}),
  };
}
