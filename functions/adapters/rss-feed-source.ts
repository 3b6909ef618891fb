import type { FeedFetchResult, FeedSource, Logger } from '../core/ports.ts';
import { redact } from '../core/redact.ts';
import { type FeedItem, normalizeUrl, storyKey } from '../core/story.ts';
import { findItems, newestItems } from './feed-items.ts';
import { type HttpLimits, httpGet } from './http-client.ts';

/** Titles beyond this are cut: a feed is untrusted and Discord allows 256 anyway. */
const MAX_TITLE = 1000;
const MAX_DESCRIPTION = 5000;

/** An item as rss-parser hands it over: any field may be an object when the feed nests markup in it. */
interface RawItem {
  title?: unknown;
  link?: unknown;
  guid?: unknown;
  pubDate?: unknown;
  content?: unknown;
  contentSnippet?: unknown;
  creator?: unknown;
  author?: unknown;
  categories?: unknown;
  enclosure?: unknown;
}

type ParseString = (xml: string) => Promise<{ items?: RawItem[] }>;
let parser: Promise<ParseString> | undefined;

/** rss-parser loads on the first feed that changed: a poll of 304s never pays for it. */
function loadParser(): Promise<ParseString> {
  parser ??= import('rss-parser').then(({ default: Parser }) => {
    // `defaultRSS: 2`: an `<rss>` without a `version` is read as RSS 2, as rss-parser's own tests do.
    const instance = new Parser({ timeout: 0, defaultRSS: 2 });
    return (xml: string) => instance.parseString(xml) as Promise<{ items?: RawItem[] }>;
  });
  return parser;
}

/** Only the newest this many items of a feed are read when its config says nothing. */
export const DEFAULT_MAX_ITEMS = 200;

/**
 * Feeds over HTTP: a conditional GET with the stored validators, then rss-parser's `parseString`
 * on the text (its `parseURL` can do neither 304 nor gzip), then normalization. Only the feed's newest
 * `maxItems` items reach the parser. One item that the parser or the normalization cannot take is
 * skipped, counted and logged; the feed's other items go on.
 */
export function createRssFeedSource(options: {
  fetch?: typeof fetch;
  limits: HttpLimits;
  logger?: Pick<Logger, 'warn'>;
}): FeedSource {
  const fetchImpl = options.fetch ?? fetch;
  return {
    async fetchFeed(feed, validators): Promise<FeedFetchResult> {
      const headers: Record<string, string> = {
        accept: 'application/rss+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1',
      };
      if (validators.etag) headers['if-none-match'] = validators.etag;
      if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
      // The feed's own origin is the operator's choice; its redirects elsewhere must reach public addresses.
      const response = await httpGet(fetchImpl, feed.url, options.limits, headers, {
        trustedOrigins: [feed.url],
      });
      if (response.kind === 'not-modified') return { kind: 'not-modified' };
      if (response.kind === 'error') return { kind: 'error', reason: response.reason };
      const problem = notAFeed(response.text, response.headers.get('content-type'));
      if (problem) return { kind: 'error', reason: problem };
      const parsed = await parseItems(response.text, feed.maxItems ?? DEFAULT_MAX_ITEMS);
      if (parsed.kind === 'error') return parsed;
      const items: FeedItem[] = [];
      const skipped = [...parsed.skipped];
      for (const [index, entry] of parsed.items.entries()) {
        const item = safely(() => normalizeItem(feed.id, entry));
        if (item.ok && item.value) items.push(item.value);
        else skipped.push({ index, reason: item.ok ? 'no usable link or guid' : item.reason });
      }
      for (const { index, reason } of skipped)
        options.logger?.warn('skipped a feed item', { feedId: feed.id, item: index, reason: redact(reason) });
      return {
        kind: 'ok',
        items,
        skippedItems: skipped.length,
        etag: response.headers.get('etag') ?? undefined,
        lastModified: response.headers.get('last-modified') ?? undefined,
      };
    },
  };
}

/** Characters of feed head and tail that parsing items one by one may go through: ample for real feeds. */
const MAX_ISOLATION_WORK = 20_000_000;

interface Skipped {
  /** The item's place among the items read, from 0. */
  index: number;
  reason: string;
}

type ParsedItems = { kind: 'ok'; items: RawItem[]; skipped: Skipped[] } | { kind: 'error'; reason: string };

/**
 * The feed's newest `max` items, parsed. When the whole feed does not parse, each item is parsed on its
 * own inside the feed's head and tail, so one broken item costs only itself; the feed is malformed only
 * when none of its items parses, or it has none.
 */
async function parseItems(xml: string, max: number): Promise<ParsedItems> {
  const parse = await loadParser();
  const spans = findItems(xml);
  const shell = newestItems(xml, spans, max);
  const cut = spans.length > max ? shell.head + shell.items.join('\n') + shell.tail : xml;
  let whole: unknown;
  try {
    return { kind: 'ok', items: itemsOf(await parse(cut)), skipped: [] };
  } catch (error) {
    whole = error;
  }
  // Each item is parsed inside the feed's head and tail: a feed with a huge head would make that costly.
  const shellSize = shell.head.length + shell.tail.length;
  if (shellSize * shell.items.length > MAX_ISOLATION_WORK)
    return { kind: 'error', reason: `malformed feed: ${firstLine(whole)}` };
  const items: RawItem[] = [];
  const skipped: Skipped[] = [];
  for (const [index, text] of shell.items.entries()) {
    try {
      const [item] = itemsOf(await parse(shell.head + text + shell.tail));
      if (item) items.push(item);
      else skipped.push({ index, reason: 'the parser found no item' });
    } catch (error) {
      skipped.push({ index, reason: `malformed item: ${firstLine(error)}` });
    }
  }
  if (items.length === 0) return { kind: 'error', reason: `malformed feed: ${firstLine(whole)}` };
  return { kind: 'ok', items, skipped };
}

function itemsOf(feed: { items?: unknown }): RawItem[] {
  return Array.isArray(feed.items) ? (feed.items as RawItem[]) : [];
}

function safely<T>(run: () => T): { ok: true; value: T } | { ok: false; reason: string } {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, reason: `malformed item: ${firstLine(error)}` };
  }
}

/** Catches what is plainly not RSS before the XML parser sees it: an empty body, an HTML page. */
function notAFeed(text: string, contentType: string | null): string | undefined {
  const head = text.slice(0, 2048).trimStart();
  if (!head) return 'empty body';
  if (
    /^<!doctype html|^<(?:html|head|body)[\s>]/i.test(head) ||
    (contentType?.includes('text/html') && !/<rss[\s>]/i.test(head))
  ) {
    const title = /<title>([^<]{0,120})/i.exec(text)?.[1]?.trim();
    return `got an HTML page, not a feed${title ? ` ("${title}")` : ''}`;
  }
  if (/<!ENTITY/i.test(head)) return 'refused a feed that declares XML entities';
  return undefined;
}

/** One RSS item in Herald's shape; undefined when it has no usable identity or link. */
export function normalizeItem(feedId: string, entry: RawItem): FeedItem | undefined {
  const guid = plainText(entry.guid, 'guid').trim() || undefined;
  const linkText = plainText(entry.link, 'link');
  const link = linkText ? normalizeLink(linkText) : guid ? normalizeLink(guid) : undefined;
  const key = storyKey(link, guid);
  if (!key || !link) return undefined;
  const title = collapse(textOf(entry.title)).slice(0, MAX_TITLE);
  const publishedRaw = plainText(entry.pubDate, 'pubDate').trim().slice(0, 100) || undefined;
  const parsed = publishedRaw ? new Date(publishedRaw) : undefined;
  const published = parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
  const enclosure = (entry.enclosure ?? {}) as { url?: unknown; type?: unknown };
  const enclosureUrl = typeof enclosure.url === 'string' ? enclosure.url.trim() : '';
  const enclosureType = typeof enclosure.type === 'string' ? enclosure.type : 'image/';
  const image = enclosureUrl && enclosureType.startsWith('image/') ? enclosureUrl : undefined;
  const description = textOf(entry.contentSnippet) || textOf(entry.content);
  const categories = Array.isArray(entry.categories) ? entry.categories : [];
  return {
    key,
    feedId,
    url: link,
    title: title || link,
    description: collapse(description).slice(0, MAX_DESCRIPTION),
    publishedRaw,
    published,
    image: image && normalizeUrl(image) ? image : undefined,
    author: collapse(textOf(entry.author) || textOf(entry.creator)).slice(0, MAX_TITLE) || undefined,
    categories: categories
      .slice(0, MAX_CATEGORIES)
      .map((c) => collapse(textOf(c)).slice(0, MAX_TITLE))
      .filter(Boolean),
    guid,
  };
}

const MAX_CATEGORIES = 50;
/** Enough for any real field; a field of more is cut, so nesting cannot make this slow. */
const MAX_FIELD = 20_000;

/**
 * The text of a field, whatever shape xml2js gave it: a string, a number, `{ _: text, $: attributes }`,
 * or, for a field with child elements (`<title>a <b>b</b></title>`), an object of them, whose text is
 * read in document order as far as xml2js keeps it. Attributes are not text. Iterative, and bounded.
 */
export function textOf(value: unknown): string {
  const parts: string[] = [];
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length && size < MAX_FIELD) {
    const next = stack.pop();
    if (typeof next === 'string' || typeof next === 'number') {
      const text = String(next);
      parts.push(text);
      size += text.length;
    } else if (Array.isArray(next)) {
      for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]);
    } else if (next && typeof next === 'object') {
      const entries = Object.entries(next).filter(([key]) => key !== '$');
      for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i]?.[1]);
    }
  }
  return parts.join(' ').slice(0, MAX_FIELD);
}

/**
 * A field that names the item (its link, guid or date) must be text: one with child elements
 * (`<link><a href="…">…</a></link>`) is not a link Herald can trust, so the item is skipped.
 */
function plainText(value: unknown, field: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const text = (value as { _?: unknown })._;
  const children = Object.keys(value).filter((key) => key !== '_' && key !== '$');
  if (children.length === 0 && (text === undefined || typeof text === 'string')) return text ?? '';
  throw new MalformedItemError(`<${field}> holds child elements (${children.slice(0, 3).join(', ')})`);
}

/** One item that cannot be read: it is skipped, its feed goes on. */
export class MalformedItemError extends Error {
  override readonly name = 'MalformedItemError';
}

/** The link as given (VOA's article URL), if it is http(s). */
function normalizeLink(raw: string): string | undefined {
  const trimmed = raw.trim();
  return normalizeUrl(trimmed) ? trimmed : undefined;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? message).slice(0, 200);
}
