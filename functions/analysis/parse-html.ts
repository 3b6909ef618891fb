import { parseHTML } from 'linkedom';

/**
 * Parses HTML into a DOM document. This is the only file that knows which DOM implementation is
 * used (linkedom), so that it can be swapped without touching the extractors.
 */
export function parseHtmlDocument(html: string): ReturnType<typeof parseHTML>['document'] {
  return parseHTML(html).document;
}
