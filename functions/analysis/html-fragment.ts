import { skipRawText } from './page-budget.ts';

/**
 * Returns the outer HTML of the element whose start tag begins at `start`, by counting nested tags
 * of the same name; comments, scripts and styles are skipped. Falls back to the rest of the page
 * when the element is never closed. One pass: every pattern stops at the next `<`, and an unclosed
 * comment or script ends the scan, so hostile markup stays linear.
 */
export function sliceElement(html: string, start: number): string {
  const name = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(start, start + 40))?.[1]?.toLowerCase();
  if (!name) return '';
  const tag = new RegExp(`<(/?)${name}\\b[^<>]*>`, 'iy');
  const raw = /<(script|style)\b/iy;
  let depth = 0;
  let i = start;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end < 0) break;
      i = end + 3;
      continue;
    }
    raw.lastIndex = lt;
    const rawText = raw.exec(html);
    if (rawText && name !== rawText[1]?.toLowerCase()) {
      i = skipRawText(html, rawText[1] ?? '', raw.lastIndex);
      continue;
    }
    tag.lastIndex = lt;
    const match = tag.exec(html);
    if (match) {
      const selfClosing = match[0].endsWith('/>');
      if (match[1] === '/') depth -= 1;
      else if (!selfClosing) depth += 1;
      i = lt + match[0].length;
      if (depth === 0) return html.slice(start, i);
      continue;
    }
    i = lt + 1;
  }
  return html.slice(start);
}

/** Index of the first start tag whose `attribute` holds `value` as a whole word, or -1. */
export function findTagWith(
  html: string,
  attribute: 'id' | 'class' | 'itemprop',
  value: string,
  from = 0,
): number {
  const re = new RegExp(
    `<[a-zA-Z][a-zA-Z0-9]*\\b[^<>]*\\s${attribute}\\s*=\\s*["'](?:[^"'<>]*\\s)?${value}(?:\\s[^"'<>]*)?["'][^<>]*>`,
    'gi',
  );
  re.lastIndex = from;
  const match = re.exec(html);
  return match ? match.index : -1;
}

/** One element's start tag, inner HTML and where it ends. */
export interface ElementContent {
  start: number;
  tag: string;
  inner: string;
  end: number;
}

/**
 * Every `<name ...>...</name>` in `html`, in order, inner HTML up to the first end tag (no nesting).
 * Linear: a start tag with no end tag after it ends the search.
 */
export function* elementsNamed(html: string, name: string, from = 0): Generator<ElementContent> {
  const open = new RegExp(`<${name}\\b[^<>]*>`, 'gi');
  const close = new RegExp(`</${name}\\s*>`, 'gi');
  open.lastIndex = from;
  for (let match = open.exec(html); match; match = open.exec(html)) {
    close.lastIndex = open.lastIndex;
    const end = close.exec(html);
    if (!end) return;
    yield {
      start: match.index,
      tag: match[0],
      inner: html.slice(open.lastIndex, end.index),
      end: close.lastIndex,
    };
    open.lastIndex = close.lastIndex;
  }
}
