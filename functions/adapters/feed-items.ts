/** Where one `<item>` (RSS) or `<entry>` (Atom) stands in a feed's text: `[start, end)`. */
export interface ItemSpan {
  start: number;
  end: number;
}

/**
 * Finds the outermost items of a feed without parsing it: a single pass over the tags that skips CDATA,
 * comments, processing instructions and declarations, so an `</item>` inside a CDATA description is not
 * taken for the end of one. It is linear in the text, and it lets the parser see only the items Herald will
 * keep: xml2js builds an object for every element, which for 50,000 items took seconds and hundreds of MB.
 * An item that is not closed is not found; the parser then reports the feed as malformed.
 */
export function findItems(xml: string): ItemSpan[] {
  const spans: ItemSpan[] = [];
  let depth = 0;
  let start = -1;
  let i = xml.indexOf('<');
  while (i !== -1) {
    const next = xml.charCodeAt(i + 1);
    if (next === 33 || next === 63) {
      // '!' or '?': CDATA, a comment, a declaration or a processing instruction.
      const skip = skipMarkup(xml, i);
      if (skip === -1) break;
      i = xml.indexOf('<', skip);
      continue;
    }
    const closing = next === 47; // '/'
    const nameStart = closing ? i + 2 : i + 1;
    let localStart = nameStart;
    let nameEnd = nameStart;
    for (; nameEnd < xml.length; nameEnd++) {
      const code = xml.charCodeAt(nameEnd);
      if (isNameEnd(code)) break;
      if (code === 58) localStart = nameEnd + 1; // ':'
    }
    // Only item tags need their end found: no other tag's attributes or text can hold a raw '<'.
    if (isItemName(xml, localStart, nameEnd)) {
      const tagEnd = endOfTag(xml, nameEnd);
      if (tagEnd === -1) break;
      if (closing) {
        if (depth > 0 && --depth === 0) spans.push({ start, end: tagEnd + 1 });
      } else if (xml.charCodeAt(tagEnd - 1) !== 47) {
        if (depth++ === 0) start = i;
      }
      i = xml.indexOf('<', tagEnd + 1);
    } else {
      i = xml.indexOf('<', nameEnd);
    }
  }
  return spans;
}

function isItemName(xml: string, from: number, to: number): boolean {
  const length = to - from;
  return (length === 4 && xml.startsWith('item', from)) || (length === 5 && xml.startsWith('entry', from));
}

/** The index after a CDATA section, comment, `<?...?>` or `<!...>` at `i`; -1 when unterminated. */
function skipMarkup(xml: string, i: number): number {
  const pair = xml.startsWith('<![CDATA[', i)
    ? ']]>'
    : xml.startsWith('<!--', i)
      ? '-->'
      : xml.startsWith('<?', i)
        ? '?>'
        : '>';
  const end = xml.indexOf(pair, i + 2);
  return end === -1 ? -1 : end + pair.length;
}

function isNameEnd(code: number): boolean {
  // whitespace, '/', '>'
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 47 || code === 62;
}

/** The index of the `>` that ends a tag, past quoted attribute values (which may hold `>`). */
function endOfTag(xml: string, from: number): number {
  let quote = 0;
  for (let j = from; j < xml.length; j++) {
    const code = xml.charCodeAt(j);
    if (quote) {
      if (code === quote) quote = 0;
    } else if (code === 34 || code === 39) quote = code;
    else if (code === 62) return j;
  }
  return -1;
}

const DATE_TAG = /<(?:pubDate|published|updated|dc:date)[^>]*>\s*(?:<!\[CDATA\[)?([^<\]]{1,100})/;

function itemDate(xml: string, span: ItemSpan): number {
  const found = DATE_TAG.exec(xml.slice(span.start, span.end))?.[1];
  const time = found ? Date.parse(found.trim()) : Number.NaN;
  return Number.isNaN(time) ? 0 : time;
}

/** A feed cut down to some of its items: the text around them is kept as it was. */
export interface FeedShell {
  /** Everything before the first item: the XML declaration, `<rss>`, the channel's own elements. */
  head: string;
  /** Everything after the last item: the closing tags. */
  tail: string;
  items: string[];
}

/**
 * The newest `max` items of a feed, with the text around them. Feeds list newest first, but some list
 * oldest first: when the last item is dated after the first, the last `max` are the newest.
 */
export function newestItems(xml: string, spans: readonly ItemSpan[], max: number): FeedShell {
  const first = spans[0];
  const last = spans[spans.length - 1];
  if (!first || !last) return { head: xml, tail: '', items: [] };
  let kept = spans;
  if (spans.length > max) {
    // Undated ends say nothing about the order: then the feed's own order (newest first) stands.
    const firstDate = itemDate(xml, first);
    const oldestFirst = firstDate > 0 && itemDate(xml, last) > firstDate;
    kept = oldestFirst ? spans.slice(spans.length - max) : spans.slice(0, max);
  }
  return {
    head: xml.slice(0, first.start),
    tail: xml.slice(last.end),
    items: kept.map((span) => xml.slice(span.start, span.end)),
  };
}
