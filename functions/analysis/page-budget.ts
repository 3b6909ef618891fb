/**
 * How much page a DOM parse and Readability may be given. Readability on linkedom costs about the
 * number of elements times their depth, and up to four passes when it finds little text: a 66 KB page
 * of 6,000 nested `<div>`s ran past two minutes, 300 nested levels around one sentence take most of a
 * second, and 5,000 elements at depth 40 with little text take seconds. Real pages sit far below the
 * caps (the web's median page has well under 1,000 elements, at a depth of about 15; VOA's article
 * body is a few hundred). A page over any cap is read as plain text, in one linear pass.
 */
export const MAX_PAGE_DEPTH = 64;
/** Elements (start tags) a page may open. */
export const MAX_PAGE_ELEMENTS = 6_000;
/** The sum of every element's depth: what Readability's walks up and down the tree cost. */
export const MAX_PAGE_LEVELS = 60_000;
/** Characters of text outside tags and scripts: a long article is 40,000, a whole page rarely 200,000. */
export const MAX_PAGE_TEXT = 500_000;

/**
 * Readability's own `charThreshold`: with less text than this in the whole page, it can never accept
 * its first pass and runs all four, for nothing. Such a page is read as plain text.
 */
export const MIN_READABLE_TEXT = 500;

/** Elements that never hold children. */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/** Elements whose content is raw text up to their own end tag. */
export const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noembed']);

/** An element of this name closes an open sibling of the same name (`<p>a<p>b`, `<li>a<li>b`). */
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th']);

/** What a page costs to parse, and whether it fits the budget. */
export interface PageCost {
  elements: number;
  depth: number;
  levels: number;
  text: number;
  /** Set when the page is over a cap; the scan stops there, so the figures are lower bounds. */
  over?: 'depth' | 'elements' | 'levels' | 'text';
}

/** The caps a page must fit before it is parsed into a DOM. */
export interface PageLimits {
  depth: number;
  elements: number;
  levels: number;
  text: number;
}

export const PAGE_LIMITS: PageLimits = {
  depth: MAX_PAGE_DEPTH,
  elements: MAX_PAGE_ELEMENTS,
  levels: MAX_PAGE_LEVELS,
  text: MAX_PAGE_TEXT,
};

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)(>?)/y;

/**
 * Offset just past the end tag `</name>` from `from`, or the end of `html` when there is none. One
 * regex scan, so a page of unclosed `<script>`s stays linear.
 */
export function skipRawText(html: string, name: string, from: number): number {
  const end = new RegExp(`</${name}\\s*>`, 'gi');
  end.lastIndex = from;
  return end.exec(html) ? end.lastIndex : html.length;
}

/**
 * Counts elements and nesting depth in one linear scan of the markup, without building a DOM. End
 * tags close the nearest open element of their name, as parsers do; void, self-closed and raw-text
 * elements never nest. The scan stops as soon as a cap is passed.
 */
export function measurePage(html: string, limits: PageLimits = PAGE_LIMITS): PageCost {
  const open: string[] = [];
  let elements = 0;
  let depth = 0;
  let levels = 0;
  let text = 0;
  const cost = (over?: PageCost['over']): PageCost =>
    over ? { elements, depth, levels, text, over } : { elements, depth, levels, text };
  let i = html.indexOf('<');
  let textFrom = 0;
  while (i >= 0 && i < html.length) {
    text += i - textFrom;
    textFrom = i;
    if (text > limits.text) return cost('text');
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      if (end < 0) break;
      textFrom = end + 3;
      i = html.indexOf('<', textFrom);
      continue;
    }
    TAG.lastIndex = i;
    const tag = TAG.exec(html);
    if (!tag) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    const [, slash, rawName = '', attributes = ''] = tag;
    const name = rawName.toLowerCase();
    let next = TAG.lastIndex;
    if (slash) {
      const at = open.lastIndexOf(name);
      if (at >= 0) open.length = at;
    } else {
      elements += 1;
      if (elements > limits.elements) return cost('elements');
      if (RAW_TEXT.has(name)) next = skipRawText(html, name, next);
      else if (!VOID.has(name) && !attributes.endsWith('/')) {
        if (SELF_CLOSING_SIBLINGS.has(name) && open[open.length - 1] === name) open.pop();
        open.push(name);
        depth = Math.max(depth, open.length);
        levels += open.length;
        if (levels > limits.levels) return cost('levels');
        if (depth > limits.depth) return cost('depth');
      }
    }
    textFrom = next;
    i = html.indexOf('<', next);
  }
  text += (i < 0 ? html.length : i) - textFrom;
  return cost(text > limits.text ? 'text' : undefined);
}
