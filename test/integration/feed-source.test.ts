import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpArticleSource } from '../../functions/adapters/http-article-source.ts';
import { createRssFeedSource } from '../../functions/adapters/rss-feed-source.ts';
import type { FeedFetchResult } from '../../functions/core/ports.ts';
import { type FeedServer, startFeedServer } from '../../functions/local/feed-server.ts';
import { sampleStories } from '../../functions/local/sample-stories.ts';
import { unusedPort } from '../support/ports.ts';

const limits = { timeoutMs: 1500, maxBytes: 1024 * 1024, userAgent: 'Herald-test/1' };

const rss = (items: string, prolog = '<?xml version="1.0" encoding="utf-8"?>') =>
  `${prolog}<rss version="2.0"><channel><title>T</title>${items}</channel></rss>`;

describe('the feed source, against a local server', () => {
  let server: FeedServer;
  const source = createRssFeedSource({ limits });
  const fetchFeed = (id: string, validators = {}): Promise<FeedFetchResult> =>
    source.fetchFeed({ id, url: server.feedUrl(id) }, validators);
  const expectError = async (id: string, pattern: RegExp) => {
    const result = await fetchFeed(id);
    expect(result.kind).toBe('error');
    expect(result.kind === 'error' && result.reason).toMatch(pattern);
  };

  beforeAll(async () => {
    server = await startFeedServer();
    server.setStories('good', sampleStories(new Date()).after);
  });
  afterAll(async () => {
    await server.close();
  });

  it('reads a VOA-shaped feed, gzipped, with validators, and answers 304 to a conditional GET', async () => {
    const first = await fetchFeed('good');
    expect(first.kind).toBe('ok');
    if (first.kind !== 'ok') return;
    expect(first.items).toHaveLength(3);
    // Not voanews.com, so the key is the normalized URL (https, no query), not the numeric id.
    expect(first.items.map((i) => i.key)).toContain(
      `url:https://${server.baseUrl.slice('http://'.length)}/a/families-say-relatives-vanished-after-arrest/7100203.html`,
    );
    expect(first.etag).toBeTruthy();
    const second = await fetchFeed('good', { etag: first.etag, lastModified: first.lastModified });
    expect(second).toEqual({ kind: 'not-modified' });
  });

  it('sends a User-Agent', async () => {
    let agent: string | undefined;
    const spy: typeof fetch = (input, init) => {
      agent = new Headers(init?.headers).get('user-agent') ?? undefined;
      return fetch(input, init);
    };
    await createRssFeedSource({ fetch: spy, limits }).fetchFeed(
      { id: 'good', url: server.feedUrl('good') },
      {},
    );
    expect(agent).toBe('Herald-test/1');
  });

  it('malformed XML is a clear error', async () => {
    server.setFault('malformed', { kind: 'body', body: '<rss><channel><item><title>cut' });
    await expectError('malformed', /malformed feed/);
  });

  it('an HTML page where a feed was expected (a challenge page) is a clear error', async () => {
    server.setFault('challenge', {
      kind: 'body',
      contentType: 'text/html',
      body: '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>',
    });
    await expectError('challenge', /HTML page, not a feed \("Just a moment\.\.\."\)/);
  });

  it('an empty body is a clear error', async () => {
    server.setFault('empty', { kind: 'body', body: '' });
    await expectError('empty', /empty body/);
  });

  it('a 50 MB body is cut off at the cap', async () => {
    server.setFault('huge', { kind: 'body', body: Buffer.alloc(50 * 1024 * 1024, 0x20) });
    await expectError('huge', /too large/);
  });

  it('a gzip bomb is cut off at the cap, counted after decompression', async () => {
    server.setFault('bomb', {
      kind: 'body',
      body: gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)),
      headers: { 'content-encoding': 'gzip' },
    });
    await expectError('bomb', /too large/);
  });

  it('a server that trickles bytes times out', async () => {
    server.setFault('trickle', { kind: 'trickle', intervalMs: 100 });
    const started = Date.now();
    await expectError('trickle', /timed out after 1500 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('billion-laughs entities are refused', async () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>`;
    server.setFault('laughs', {
      kind: 'body',
      body: rss('<item><title>&c;</title><link>https://example.com/a</link></item>', lol),
    });
    await expectError('laughs', /entities/);
  });

  it('a redirect loop stops after a few hops', async () => {
    server.setFault('loop', { kind: 'redirect', location: '/api/loop' });
    await expectError('loop', /too many redirects/);
  });

  it('a redirect to another host is refused', async () => {
    server.setFault('away', { kind: 'redirect', location: 'http://example.invalid/feed' });
    await expectError('away', /another site/);
  });

  it('a redirect to a non-http scheme is refused', async () => {
    server.setFault('scheme', { kind: 'redirect', location: 'file:///etc/passwd' });
    await expectError('scheme', /refused a redirect to a file: URL/);
  });

  it('items with no link or guid, or a non-http link, are skipped and counted', async () => {
    server.setFault('odd', {
      kind: 'body',
      body: rss(
        '<item><title>no identity</title></item>' +
          '<item><title>script</title><link>javascript:alert(1)</link></item>' +
          '<item><title>fine</title><link>https://www.voanews.com/a/x/7000001.html</link><pubDate>not a date</pubDate></item>',
      ),
    });
    const result = await fetchFeed('odd');
    expect(result).toMatchObject({ kind: 'ok', skippedItems: 2 });
    expect(result.kind === 'ok' && result.items.map((i) => [i.key, i.published])).toEqual([
      ['voa:7000001', undefined],
    ]);
  });

  it.each([
    ['ISO-8859-1', 'iso-8859-1', Buffer.from([0xe9]), 'é'],
    ['Windows-1252', 'windows-1252', Buffer.from([0x93, 0x68, 0x69, 0x94]), '“hi”'],
  ])('a declared %s charset is decoded', async (_name, charset, bytes, expected) => {
    const body = Buffer.concat([
      Buffer.from(
        `<?xml version="1.0" encoding="${charset}"?><rss version="2.0"><channel><title>T</title><item><title>caf`,
      ),
      bytes,
      Buffer.from('</title><link>https://www.voanews.com/a/x/7000002.html</link></item></channel></rss>'),
    ]);
    server.setFault(`charset-${charset}`, { kind: 'body', body, contentType: 'application/rss+xml' });
    const result = await fetchFeed(`charset-${charset}`);
    expect(result.kind === 'ok' && result.items[0]?.title).toBe(`caf${expected}`);
  });

  it('a network failure is one line with the cause', async () => {
    const port = await unusedPort();
    const down = await source.fetchFeed({ id: 'down', url: `http://127.0.0.1:${port}/feed` }, {});
    expect(down).toEqual({ kind: 'error', reason: expect.stringMatching(/^ECONNREFUSED/) });
  });

  it('an article that is missing is an error value with its status', async () => {
    const articles = createHttpArticleSource({ limits });
    expect(
      await articles.fetchArticle(`${server.baseUrl}/a/missing/1.html`, { feedUrl: server.feedUrl('good') }),
    ).toEqual({
      kind: 'error',
      failure: 'gone',
      reason: 'HTTP 404',
      status: 404,
    });
  });
});
