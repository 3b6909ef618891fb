import { cleanBody } from './clean-body.ts';
import { dropDuplicates, normalizeSpace } from './clean-text.ts';
import { type BlockElement, blockTexts, removeAll } from './html-blocks.ts';
import { decodeEntities } from './html-entities.ts';
import { elementsNamed, findTagWith, sliceElement } from './html-fragment.ts';
import { readPageMetadata } from './page-metadata.ts';
import { parseHtmlDocument } from './parse-html.ts';
import type { ExtractedArticle } from './types.ts';
import { detectWire } from './wire-copy.ts';

const CAPTIONS = 'figcaption, .caption, [class*="caption"]';
const JUNK =
  '.wsw__embed, figure, script, style, noscript, iframe, object, aside, form, button, .c-author, .media-block, .c-mmp, .wsw__related, [class*="related"], [class*="share"], [class*="player"]';

const BYLINE_LINK = /\sclass\s*=\s*["'][^"'<>]*links__item-link/i;

/** Text of an HTML fragment: tags dropped, entities decoded, spaces collapsed. */
function textOf(html: string): string {
  return normalizeSpace(decodeEntities(html.replace(/<[^<>]*>/g, ' ')));
}

/** True when the page has VOA's (Pangea CMS) article body container. */
export function isVoaPage(html: string): boolean {
  return findTagWith(html, 'class', 'wsw') >= 0;
}

export interface BodyFragment {
  html: string;
  /** Where the article ends in the page; captions before it belong to the story. */
  end: number;
}

/** The article body of a VOA page (`#article-content .wsw`), undefined when the page has neither. */
export function voaBodyFragment(html: string): BodyFragment | undefined {
  const content = findTagWith(html, 'id', 'article-content');
  const scope = content >= 0 ? sliceElement(html, content) : html;
  const offset = Math.max(content, 0);
  const wsw = findTagWith(scope, 'class', 'wsw');
  if (wsw >= 0) {
    const body = sliceElement(scope, wsw);
    return { html: body, end: offset + wsw + body.length };
  }
  return content >= 0 ? { html: scope, end: content + scope.length } : undefined;
}

/** Captions of the lead image and other figures above the body, outside `.wsw`. */
function captionsBefore(html: string, end: number): string[] {
  const captions: string[] = [];
  for (const figcaption of elementsNamed(html.slice(0, end), 'figcaption')) {
    const text = textOf(figcaption.inner);
    if (text) captions.push(text);
  }
  return captions;
}

function readByline(html: string): string | undefined {
  const details = findTagWith(html, 'class', 'publishing-details');
  const scope = details >= 0 ? sliceElement(html, details) : '';
  const names: string[] = [];
  for (const link of elementsNamed(scope, 'a')) {
    if (!BYLINE_LINK.test(link.tag)) continue;
    const name = textOf(link.inner).replace(/^by\s+/i, '');
    if (name && !/^\d|comments?$/i.test(name) && !names.includes(name)) names.push(name);
  }
  if (names.length === 0) {
    const byline = findTagWith(html, 'class', 'byline');
    if (byline >= 0) {
      const name = textOf(sliceElement(html, byline)).replace(/^by\s+/i, '');
      if (name && name.length < 120) names.push(name);
    }
  }
  return names.length > 0 ? names.join(', ') : undefined;
}

/**
 * Extracts a VOA article page: metadata from JSON-LD (meta tags as fallbacks), the body from
 * `#article-content .wsw` with embeds, captions, the glossary and the author box removed.
 * Only the body fragment is parsed, which keeps large pages cheap and sidebars out.
 */
export function extractVoaPage(
  html: string,
  fragment: BodyFragment | undefined = voaBodyFragment(html),
): ExtractedArticle | undefined {
  if (fragment === undefined) return undefined;
  const document = parseHtmlDocument(
    `<!doctype html><html><body>${fragment.html.replace(/<br\s*\/?>/gi, '\n')}</body></html>`,
  );
  const root = document.body as unknown as BlockElement;
  const captions = dropDuplicates([...captionsBefore(html, fragment.end), ...removeAll(root, CAPTIONS)]);
  removeAll(root, JUNK);
  let raw = blockTexts(root);
  if (raw.length === 0) raw = (root.textContent ?? '').split(/\n+/);
  const body = cleanBody(raw, captions);
  const meta = readPageMetadata(html);
  const byline = readByline(html) ?? body.byline;
  const wire = detectWire([meta.author, byline], body.paragraphs[0]);
  return {
    title: meta.title ?? '',
    paragraphs: body.paragraphs,
    captions: body.captions,
    ...(byline ? { byline } : {}),
    ...(meta.author ? { author: meta.author } : {}),
    ...(meta.section ? { section: meta.section } : {}),
    ...(meta.published ? { published: meta.published } : {}),
    ...(meta.description ? { description: meta.description } : {}),
    source: 'voa',
    ...(wire ? { wire } : {}),
  };
}
