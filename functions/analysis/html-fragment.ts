const SKIPPED = /<!--[\s\S]*?-->|<script\b[\s\S]*?<\/script\s*>|<style\b[\s\S]*?<\/style\s*>/iy;

/**
 * Returns the outer HTML of the element whose start tag begins at `start`, by counting nested tags
 * of the same name; comments, scripts and styles are skipped. Falls back to the rest of the page
 * when the element is never closed.
 */
export function sliceElement(html: string, start: number): string {
  const name = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(start, start + 40))?.[1]?.toLowerCase();
  if (!name) return '';
  const tag = new RegExp(`<(/?)${name}\\b[^>]*>`, 'iy');
  let depth = 0;
  let i = start;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    SKIPPED.lastIndex = lt;
    const skipped = SKIPPED.exec(html);
    if (skipped) {
      i = lt + skipped[0].length;
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
export function findTagWith(html: string, attribute: 'id' | 'class', value: string, from = 0): number {
  const re = new RegExp(
    `<[a-zA-Z][a-zA-Z0-9]*\\b[^>]*\\s${attribute}\\s*=\\s*["'](?:[^"']*\\s)?${value}(?:\\s[^"']*)?["'][^>]*>`,
    'gi',
  );
  re.lastIndex = from;
  const match = re.exec(html);
  return match ? match.index : -1;
}
