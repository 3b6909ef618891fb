// A digest (a news summary, a roundup, a tag page) is a list of short unrelated items, each a headline
// line and a brief. A topic's evidence scattered over such items does not make the digest a story about it.

/** The fewest items that make a text a digest. */
const DIGEST_MIN_ITEMS = 3;
/** The most body paragraphs a digest's item has: its stories are briefs. */
const ITEM_MAX_PARAGRAPHS = 3;
/** An item's headline line has this many words. */
const HEADLINE_MIN_WORDS = 3;
const HEADLINE_MAX_WORDS = 16;

const BULLET = /^[•▪■●◆►*–-]\s*/u;
/** A headline starts with a capital or a digit and does not end like a sentence or a clause. */
const HEADLINE_START = /^[\p{Lu}\d]/u;
const SENTENCE_END = /[.!?:;,…]$/u;

function isHeadline(paragraph: string): boolean {
  const line = paragraph.trim().replace(BULLET, '');
  if (!HEADLINE_START.test(line) || SENTENCE_END.test(line)) return false;
  const words = line.split(/\s+/).length;
  return words >= HEADLINE_MIN_WORDS && words <= HEADLINE_MAX_WORDS;
}

/**
 * The items of a digest, as paragraph ranges [start, end): a run of headline lines (a headline, its date,
 * a caption) and the brief under it. Undefined when the text is not a digest: fewer than three items, or
 * an item longer than a brief (a feature with crossheads has long sections).
 */
export function digestItems(paragraphs: string[]): Array<[start: number, end: number]> | undefined {
  const items: Array<[start: number, end: number]> = [];
  let start = -1;
  let body = 0;
  const close = (end: number): boolean => {
    if (start >= 0 && body > 0) items.push([start, end]);
    return body <= ITEM_MAX_PARAGRAPHS;
  };
  for (let p = 0; p < paragraphs.length; p += 1) {
    if (!isHeadline(paragraphs[p] ?? '')) {
      if (start >= 0) body += 1;
      continue;
    }
    if (start >= 0 && body === 0) continue;
    if (!close(p)) return undefined;
    start = p;
    body = 0;
  }
  if (!close(paragraphs.length)) return undefined;
  return items.length >= DIGEST_MIN_ITEMS ? items : undefined;
}
