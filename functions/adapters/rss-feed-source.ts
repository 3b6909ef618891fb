import type { FeedFetchResult, FeedSource } from '../core/ports.ts';
import { type FeedItem, normalizeUrl, storyKey } from '../core/story.ts';
import { type HttpLimits, httpGet } from './http-client.ts';

/** Titles beyond this are cut: a feed is untrusted and Discord allows 256 anyway. */
const MAX_TITLE = 1000;
const MAX_DESCRIPTION = 5000;

interface RawItem {
  title?: string;
  link?: string;
  guid?: string;
  pubDate?: string;
  content?: string;
  contentSnippet?: string;
  creator?: string;
  author?: string;
  categories?: unknown[];
  enclosure?: { url?: string; type?: string };
}

type ParseString = (xml: string) => Promise<{ items?: RawItem[] }>;
let parser: Promise<ParseString> | undefined;

/** rss-parser loads on the first feed that changed: a poll of 304s never pays for it. */
function loadParser(): Promise<ParseString> {
  parser ??= import('rss-parser').then(({ default: Parser }) => {
    const instance = new Parser({ timeout: 0 });
    return (xml: string) => instance.parseString(xml) as Promise<{ items?: RawItem[] }>;
  });
  return parser;
}

/**
 * Feeds over HTTP: a conditional GET with the stored validators, then rss-parser's `parseString`
 * on the text (its `parseURL` can do neither 304 nor gzip), then normalization.
 */
export function createRssFeedSource(options: { fetch?: typeof fetch; limits: HttpLimits }): FeedSource {
  const fetchImpl = options.fetch ?? fetch;
  return {
    async fetchFeed(feed, validators): Promise<FeedFetchResult> {
      const headers: Record<string, string> = {
        accept: 'application/rss+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1',
      };
      if (validators.etag) headers['if-none-match'] = validators.etag;
      if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
      const response = await httpGet(fetchImpl, feed.url, options.limits, headers);
      if (response.kind === 'not-modified') return { kind: 'not-modified' };
      if (response.kind === 'error') return { kind: 'error', reason: response.reason };
      const problem = notAFeed(response.text, response.headers.get('content-type'));
      if (problem) return { kind: 'error', reason: problem };
      let raw: { items?: RawItem[] };
      try {
        raw = await (await loadParser())(response.text);
      } catch (error) {
        return { kind: 'error', reason: `malformed feed: ${firstLine(error)}` };
      }
      const items: FeedItem[] = [];
      let skippedItems = 0;
      for (const entry of raw.items ?? []) {
        const item = normalizeItem(feed.id, entry);
        if (item) items.push(item);
        else skippedItems++;
      }
      return {
        kind: 'ok',
        items,
        skippedItems,
        etag: response.headers.get('etag') ?? undefined,
        lastModified: response.headers.get('last-modified') ?? undefined,
      };
    },
  };
}

/** Catches what is plainly not RSS before the XML parser sees it: an empty body, an HTML page. */
function notAFeed(text: string, contentType: string | null): string | undefined {
  const head = text.slice(0, 2048).trimStart();
  if (!head) return 'empty body';
  if (
    /^<!doctype html|^<html[\s>]/i.test(head) ||
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
  const guid = typeof entry.guid === 'string' ? entry.guid.trim() : undefined;
  const link = entry.link ? normalizeLink(entry.link) : guid ? normalizeLink(guid) : undefined;
  const key = storyKey(link, guid);
  if (!key || !link) return undefined;
  const title = collapse(entry.title ?? '').slice(0, MAX_TITLE);
  const publishedRaw = entry.pubDate?.trim() || undefined;
  const parsed = publishedRaw ? new Date(publishedRaw) : undefined;
  const published = parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
  const image =
    entry.enclosure?.url && (entry.enclosure.type ?? 'image/').startsWith('image/')
      ? entry.enclosure.url
      : undefined;
  return {
    key,
    feedId,
    url: link,
    title: title || link,
    description: collapse(entry.contentSnippet ?? entry.content ?? '').slice(0, MAX_DESCRIPTION),
    publishedRaw,
    published,
    image: image && normalizeUrl(image) ? image : undefined,
    author: collapse(entry.author ?? entry.creator ?? '') || undefined,
    categories: (entry.categories ?? []).filter((c): c is string => typeof c === 'string').map(collapse),
    guid,
  };
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
