import { extractFromDescription } from './extract-from-description.ts';
import { extractReadablePage } from './extract-readable-page.ts';
import { extractTextDump } from './extract-text-dump.ts';
import { extractVoaPage, isVoaPage } from './extract-voa-page.ts';
import type { ArticleInput, ExtractedArticle } from './types.ts';
import { detectWire } from './wire-copy.ts';

/** The RSS item fills in what the page lacks: its title, its description, and the wire credit of its author. */
function withFallback(article: ExtractedArticle, input: ArticleInput): ExtractedArticle {
  const title = article.title || input.fallback?.title?.trim() || '';
  const description = article.description ?? input.fallback?.description?.trim();
  const wire = article.wire ?? detectWire([input.fallback?.author], undefined);
  return { ...article, title, ...(description ? { description } : {}), ...(wire ? { wire } : {}) };
}

/**
 * Turns a page, a text dump or an RSS item into clean article text. VOA pages are read from their
 * `.wsw` body; other pages go through Readability; with neither a page nor a dump, the RSS
 * description stands in and `source` says so.
 */
export function extractArticle(input: ArticleInput): ExtractedArticle {
  const html = input.html?.trim();
  if (html) {
    const voa = isVoaPage(html) ? extractVoaPage(html) : undefined;
    const article = voa && voa.paragraphs.length > 0 ? voa : extractReadablePage(html);
    if (article && article.paragraphs.length > 0) return withFallback(article, input);
  }
  if (input.text?.trim()) {
    const article = extractTextDump(input.text, input.fallback?.title);
    if (article.paragraphs.length > 0) return withFallback(article, input);
  }
  return withFallback(extractFromDescription(input.fallback), input);
}
