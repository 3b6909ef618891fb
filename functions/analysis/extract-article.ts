import { extractFromDescription } from './extract-from-description.ts';
import { extractPlainPage } from './extract-plain-page.ts';
import { extractReadablePage } from './extract-readable-page.ts';
import { extractTextDump } from './extract-text-dump.ts';
import { extractVoaPage, isVoaPage, voaBodyFragment } from './extract-voa-page.ts';
import { MIN_READABLE_TEXT, measurePage } from './page-budget.ts';
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
 * A page's article, or undefined when it has none. Whatever is handed to a DOM (VOA's body
 * fragment, or the whole page for Readability) must fit the parse budget first; a page over it
 * is read as plain text, in one linear pass.
 */
function extractPage(html: string): { article?: ExtractedArticle; overBudget: boolean } {
  const fragment = isVoaPage(html) ? voaBodyFragment(html) : undefined;
  if (fragment) {
    if (measurePage(fragment.html).over) return { article: extractPlainPage(html), overBudget: true };
    const voa = extractVoaPage(html, fragment);
    if (voa && voa.paragraphs.length > 0) return { article: voa, overBudget: false };
  }
  const cost = measurePage(html);
  if (cost.over) return { article: extractPlainPage(html), overBudget: true };
  if (cost.text < MIN_READABLE_TEXT) return { article: extractPlainPage(html), overBudget: false };
  return { article: extractReadablePage(html), overBudget: false };
}

/**
 * Turns a page, a text dump or an RSS item into clean article text. VOA pages are read from their
 * `.wsw` body; other pages go through Readability; pages over the parse budget are read as plain
 * text; with none of these, the RSS description stands in and `source` says so.
 */
export function extractArticle(input: ArticleInput): ExtractedArticle {
  const html = input.html?.trim();
  let overBudget = false;
  if (html) {
    const page = extractPage(html);
    overBudget = page.overBudget;
    if (page.article && page.article.paragraphs.length > 0) return withFallback(page.article, input);
  }
  if (input.text?.trim()) {
    const article = extractTextDump(input.text, input.fallback?.title);
    if (article.paragraphs.length > 0) return withFallback(article, input);
  }
  const described = withFallback(extractFromDescription(input.fallback), input);
  // A page over the parse budget with no readable text in it is not a page that may come back.
  return overBudget ? { ...described, overBudget: true } : described;
}
