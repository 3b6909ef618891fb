import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRssFeedSource } from '../../functions/adapters/rss-feed-source.ts';
import type { FeedFetchResult } from '../../functions/core/ports.ts';

const limits = { timeoutMs: 20_000, maxBytes: 50 * 1024 * 1024, userAgent: 'Herald-test/1' };

const link = (n: number) => `https://www.voanews.com/a/story-${n}/${7_000_000 + n}.html`;
const item = (n: number, published: Date, extra = '') =>
  `<item><title>Story ${n}</title><description>About story ${n}.</description><link>${link(n)}</link>` +
  `<guid>${link(n)}</guid><pubDate>${published.toUTCString()}</pubDate>${extra}</item>`;
const rss = (items: string, open = '<rss version="2.0">') =>
  `<?xml version="1.0" encoding="utf-8"?>${open}<channel><title>T</title>${items}</channel></rss>`;
const minutesAgo = (n: number) => new Date(Date.UTC(2026, 0, 1) - n * 60_000);
/** Items 0..count-1, newest first unless `oldestFirst`. */
const many = (count: number, oldestFirst = false) => {
  const out: string[] = [];
  for (let n = 0; n < count; n++) out.push(item(n, minutesAgo(n)));
  return (oldestFirst ? out.reverse() : out).join('\n');
};

describe('hostile and odd feeds, from a loopback server', () => {
  const bodies = new Map<string, string>();
  let server: Server;
  let base = '';
  const warnings: Record<string, unknown>[] = [];
  const source = createRssFeedSource({
    limits,
    logger: { warn: (_message, fields) => warnings.push(fields ?? {}) },
  });
  const serve = (id: string, body: string, maxItems?: number): Promise<FeedFetchResult> => {
    bodies.set(id, body);
    return source.fetchFeed({ id, url: `${base}/${id}`, ...(maxItems ? { maxItems } : {}) }, {});
  };
  const titles = (result: FeedFetchResult) =>
    result.kind === 'ok' ? result.items.map((i) => i.title) : result;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const body = bodies.get((req.url ?? '/').slice(1));
      res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/rss+xml' });
      res.end(body ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('markup inside one item costs only that item: text fields are read as text, identity fields skip it', async () => {
    warnings.length = 0;
    const at = minutesAgo(1).toUTCString();
    const result = await serve(
      'nested',
      rss(
        item(1, minutesAgo(1)) +
          `<item><title><b>Bold claim</b></title><link>${link(2)}</link></item>` +
          `<item><title>Byline</title><author><name>Someone</name></author><link>${link(3)}</link></item>` +
          `<item><title>Link tree</title><link><a href="${link(4)}">here</a></link></item>` +
          `<item><title>Date tree</title><link>${link(5)}</link><pubDate><b>${at}</b></pubDate></item>` +
          `<item><title>Guid tree</title><link>${link(6)}</link><guid><x>6</x></guid></item>` +
          item(7, minutesAgo(7)),
      ),
    );
    expect(result).toMatchObject({ kind: 'ok', skippedItems: 3 });
    expect(titles(result)).toEqual(['Story 1', 'Bold claim', 'Byline', 'Story 7']);
    expect(result.kind === 'ok' && result.items[2]?.author).toBe('Someone');
    expect(warnings.map((w) => w.reason)).toEqual([
      expect.stringMatching(/<link> holds child elements/),
      expect.stringMatching(/<pubDate> holds child elements/),
      expect.stringMatching(/<guid> holds child elements/),
    ]);
    expect(warnings[0]).toMatchObject({ feedId: 'nested' });
  });

  it('an item the parser itself throws on costs only that item', async () => {
    // rss-parser turns an Atom entry's date into an ISO string, and throws on one that is not a date.
    const entry = (n: number, date: string) =>
      `<entry><title>Entry ${n}</title><link href="${link(n)}"/><id>${link(n)}</id><published>${date}</published></entry>`;
    const result = await serve(
      'atom-bad-date',
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>${entry(1, '2026-01-01T00:00:00Z')}${entry(2, 'not a date')}${entry(3, '2025-12-31T00:00:00Z')}</feed>`,
    );
    expect(result).toMatchObject({ kind: 'ok', skippedItems: 1 });
    expect(titles(result)).toEqual(['Entry 1', 'Entry 3']);
  });

  it('a feed whose every item is broken is still a malformed feed', async () => {
    const result = await serve('all-bad', rss('<item><title>cut</title><link>x</link>'));
    expect(result).toMatchObject({ kind: 'error', reason: expect.stringMatching(/malformed feed/) });
  });

  it('a huge channel head cannot make the item-by-item fallback parse it 200 times', async () => {
    const head = `<description>${'padding '.repeat(25_000)}</description>`;
    const broken = '<item><title>Broken <b>unclosed</title></item>';
    const body = rss(`${head}${broken}${many(199)}`);
    const result = await serve('huge-head', body);
    expect(result).toMatchObject({ kind: 'error', reason: expect.stringMatching(/^malformed feed/) });
  });

  it('only the newest 200 items are read by default, and maxItems lowers that', async () => {
    const body = rss(many(300));
    const all = await serve('three-hundred', body);
    expect(all.kind === 'ok' && all.items.length).toBe(200);
    expect(titles(await serve('three-hundred-5', body, 5))).toEqual([0, 1, 2, 3, 4].map((n) => `Story ${n}`));
  });

  it('a feed that lists oldest first still gives its newest items', async () => {
    const result = await serve('oldest-first', rss(many(300, true)), 3);
    expect(titles(result)).toEqual(['Story 2', 'Story 1', 'Story 0']);
  });

  it('items past maxItems never reach the parser: a broken item there costs nothing', async () => {
    const broken = '<item><title>Broken <b>unclosed</title></item>';
    const result = await serve('broken-tail', rss(`${many(10)}${broken}`), 10);
    expect(result).toMatchObject({ kind: 'ok', skippedItems: 0 });
    expect(result.kind === 'ok' && result.items.length).toBe(10);
  });

  it('an </item> inside CDATA or a comment does not fool the cut', async () => {
    const tricky =
      `<item><title>Tricky</title><description><![CDATA[ends here </item><item><title>Fake</title> ]]></description>` +
      `<!-- </item> --><link>${link(900)}</link></item>`;
    const result = await serve('cdata', rss(tricky + many(3)), 2);
    expect(titles(result)).toEqual(['Tricky', 'Story 0']);
    // The CDATA's text survives whole (rss-parser's snippet strips the tags in it).
    expect(result.kind === 'ok' && result.items[0]?.description).toBe('ends here Fake');
  });

  it('a 50,000-item feed is read as its newest 200, without parsing the rest', async () => {
    const started = performance.now();
    const result = await serve('fifty-thousand', rss(many(50_000)));
    const elapsedMs = performance.now() - started;
    expect(result).toMatchObject({ kind: 'ok', skippedItems: 0 });
    expect(result.kind === 'ok' && result.items.length).toBe(200);
    expect(result.kind === 'ok' && result.items[0]?.title).toBe('Story 0');
    // Generous: about 1.2 s here, against about 4 s when the parser read every item.
    expect(elapsedMs).toBeLessThan(20_000);
  });

  it('an <rss> without a version is read as RSS 2', async () => {
    const result = await serve('no-version', rss(item(1, minutesAgo(1)), '<rss>'));
    expect(titles(result)).toEqual(['Story 1']);
  });
});

describe("feeds shaped like rss-parser's own test feeds", () => {
  const folder = fileURLToPath(new URL('../fixtures/feed-shapes/', import.meta.url));
  const files = readdirSync(folder).filter((name) => name.endsWith('.xml'));
  let server: Server;
  let base = '';

  beforeAll(async () => {
    // Served as the bytes on disk, with no charset: the feed's own declaration must decide.
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(readFileSync(`${folder}${(req.url ?? '/').slice(1)}`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a poll of every shape fails only the HTML "Document Moved" page', async () => {
    const source = createRssFeedSource({ limits });
    const failed: Record<string, string> = {};
    for (const file of files) {
      const result = await source.fetchFeed({ id: file, url: `${base}/${file}` }, {});
      if (result.kind === 'error') failed[file] = result.reason;
    }
    expect(files.length).toBeGreaterThanOrEqual(31);
    expect(failed).toEqual({
      'html-document-moved.xml': 'got an HTML page, not a feed ("Document Moved")',
    });
  });

  it.each([
    ['rss-no-version.xml', 'Harbour report 1'],
    ['rss2-latin2.xml', 'Żeglarze w porcie: łodzie'],
    ['rss2-gb2312.xml', '港口新闻：潮汐'],
    ['rdf-rss1-listings.xml', 'Dinghy, 3 m &amp; oars'],
  ])('%s reads its first title right', async (file, title) => {
    const result = await createRssFeedSource({ limits }).fetchFeed({ id: file, url: `${base}/${file}` }, {});
    expect(result.kind === 'ok' && result.items[0]?.title).toBe(title);
  });
});
