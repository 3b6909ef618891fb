import { cleanBody } from './clean-body.ts';
import { countWords, normalizeSpace } from './clean-text.ts';
import { decodeEntities } from './html-entities.ts';
import { findTagWith, sliceElement } from './html-fragment.ts';
import { RAW_TEXT, skipRawText } from './page-budget.ts';
import { readPageMetadata } from './page-metadata.ts';
import type { ExtractedArticle } from './types.ts';
import { detectWire } from './wire-copy.ts';

/** The most text a page read as plain text may give: a long article is 40,000 characters. */
export const MAX_PLAIN_TEXT_CHARS = 60_000;
/** A block longer than this is cut into pieces at sentence ends, so that no paragraph is a whole page. */
export const MAX_PLAIN_BLOCK_CHARS = 4_000;
/** Fewer words than this in the body, and the page says too little to decide on: the caller falls back. */
export const MIN_PLAIN_TEXT_WORDS = 40;

/** Tags that end a block of text. */
const BLOCK =
  /^(?:p|div|h[1-6]|li|ul|ol|br|tr|td|th|table|section|article|main|blockquote|pre|dd|dt|dl|hr|figure)$/;
/** Tags whose whole content is chrome, not article text. */
const CHROME = /^(?:nav|header|footer|aside|form|figure|figcaption|button|select|noscript|svg|template)$/;

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*>?/y;

/** Cuts a block into pieces of at most MAX_PLAIN_BLOCK_CHARS, at a sentence end where there is one. */
function splitLongBlock(text: string): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > MAX_PLAIN_BLOCK_CHARS) {
    const head = rest.slice(0, MAX_PLAIN_BLOCK_CHARS);
    const end = Math.max(head.lastIndexOf('. '), head.lastIndexOf('? '), head.lastIndexOf('! '));
    const cut = end > MAX_PLAIN_BLOCK_CHARS / 2 ? end + 1 : MAX_PLAIN_BLOCK_CHARS;
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/**
 * Text blocks of a fragment of HTML, in order, in one linear pass with no DOM: block tags end a
 * block, chrome elements (nav, header, footer, aside, forms, figures) and raw-text elements are left
 * out, and reading stops after `maxChars` of text.
 */
export function plainTextBlocks(html: string, maxChars = MAX_PLAIN_TEXT_CHARS): string[] {
  const blocks: string[] = [];
  let total = 0;
  let pending = '';
  let chrome = 0;
  const flush = (): void => {
    const text = normalizeSpace(decodeEntities(pending.slice(0, maxChars - total)));
    pending = '';
    for (const piece of splitLongBlock(text)) {
      blocks.push(piece);
      total += piece.length;
    }
  };
  let i = 0;
  while (i < html.length && total < maxChars) {
    const lt = html.indexOf('<', i);
    if (chrome === 0) pending += html.slice(i, lt < 0 ? html.length : lt);
    if (lt < 0) break;
    if (pending.length > maxChars) flush();
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end < 0) break;
      i = end + 3;
      continue;
    }
    TAG.lastIndex = lt;
    const tag = TAG.exec(html);
    if (!tag) {
      if (chrome === 0) pending += '<';
      i = lt + 1;
      continue;
    }
    const name = (tag[2] ?? '').toLowerCase();
    i = TAG.lastIndex;
    if (RAW_TEXT.has(name) && !tag[1]) {
      i = skipRawText(html, name, i);
      continue;
    }
    if (CHROME.test(name)) chrome = Math.max(0, chrome + (tag[1] ? -1 : 1));
    if (BLOCK.test(name) || CHROME.test(name)) flush();
  }
  flush();
  return blocks;
}

/** The part of a page that holds the story: VOA's body, an `<article>` or `<main>`, else the body. */
function storyScope(html: string): string {
  for (const [attribute, value] of [
    ['class', 'wsw'],
    ['itemprop', 'articleBody'],
  ] as const) {
    const at = findTagWith(html, attribute, value);
    if (at >= 0) return sliceElement(html, at);
  }
  for (const name of ['article', 'main', 'body']) {
    const at = html.search(new RegExp(`<${name}\\b`, 'i'));
    if (at >= 0) return sliceElement(html, at);
  }
  return html;
}

/**
 * Reads a page that is over the parse budget (too deep or too many elements for a DOM and
 * Readability) as plain text: the story's container, its prose blocks, the page's metadata.
 * Undefined when that gives too little text to decide on, so that the caller can use the feed's
 * description instead.
 */
export function extractPlainPage(html: string): ExtractedArticle | undefined {
  const blocks = plainTextBlocks(storyScope(html)).filter(
    (block) => countWords(block) >= 8 || /[.!?]["”’)]?$/.test(block),
  );
  const body = cleanBody(blocks);
  const words = body.paragraphs.reduce((sum, paragraph) => sum + countWords(paragraph), 0);
  if (words < MIN_PLAIN_TEXT_WORDS) return undefined;
  const meta = readPageMetadata(html);
  const wire = detectWire([meta.author, body.byline], body.paragraphs[0]);
  return {
    title: meta.title ?? '',
    paragraphs: body.paragraphs,
    captions: body.captions,
    ...(body.byline ? { byline: body.byline } : {}),
    ...(meta.author ? { author: meta.author } : {}),
    ...(meta.section ? { section: meta.section } : {}),
    ...(meta.published ? { published: meta.published } : {}),
    ...(meta.description ? { description: meta.description } : {}),
    source: 'plain',
    ...(wire ? { wire } : {}),
  };
}
