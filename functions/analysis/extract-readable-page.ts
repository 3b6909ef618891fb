import { Readability } from '@mozilla/readability';
import { cleanBody } from './clean-body.ts';
import { dropDuplicates, normalizeSpace } from './clean-text.ts';
import { type BlockElement, blockTexts, removeAll } from './html-blocks.ts';
import { MAX_PAGE_ELEMENTS } from './page-budget.ts';
import { readPageMetadata } from './page-metadata.ts';
import { parseHtmlDocument } from './parse-html.ts';
import type { ExtractedArticle } from './types.ts';
import { detectWire } from './wire-copy.ts';

type ReadableResult = ReturnType<Readability<BlockElement>['parse']>;

function readable(document: unknown): ReadableResult {
  try {
    return new Readability<BlockElement>(document as never, {
      // A second guard behind the caller's budget: Readability refuses a larger document outright.
      maxElemsToParse: MAX_PAGE_ELEMENTS,
      serializer: (node) => node as unknown as BlockElement,
    }).parse();
  } catch {
    // Readability gives up on documents it cannot make sense of; the caller falls back.
    return null;
  }
}

/**
 * Extracts an arbitrary news page with Mozilla Readability on a linkedom document. Figure captions
 * are taken out first, so that they can never become body text, quotes or summary.
 */
export function extractReadablePage(html: string): ExtractedArticle | undefined {
  // A fragment without <html> gives linkedom no document element, which Readability needs.
  const document = parseHtmlDocument(
    /<html[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`,
  );
  const root = document as unknown as BlockElement;
  const captions = dropDuplicates(removeAll(root, 'figcaption, [class*="caption"]'));
  removeAll(root, '.wsw__embed, [class*="related"], [class*="newsletter"], [class*="share"]');
  const result = readable(document);
  if (!result) return undefined;
  let raw = result.content ? blockTexts(result.content) : [];
  if (raw.length === 0) raw = (result.textContent ?? '').split(/\n\s*\n/).map(normalizeSpace);
  const body = cleanBody(raw, captions);
  if (body.paragraphs.length === 0) return undefined;
  const meta = readPageMetadata(html);
  const byline = normalizeSpace(result.byline ?? '').replace(/^by\s+/i, '') || body.byline;
  const wire = detectWire([meta.author, byline], body.paragraphs[0]);
  const title = meta.title ?? normalizeSpace(result.title ?? '');
  const published = meta.published;
  return {
    title,
    paragraphs: body.paragraphs,
    captions: body.captions,
    ...(byline ? { byline } : {}),
    ...(meta.author ? { author: meta.author } : {}),
    ...(meta.section ? { section: meta.section } : {}),
    ...(published ? { published } : {}),
    ...(meta.description ? { description: meta.description } : {}),
    source: 'readability',
    ...(wire ? { wire } : {}),
  };
}
