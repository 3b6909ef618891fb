import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpArticleSource } from '../../functions/adapters/http-article-source.ts';
import { type FeedServer, startFeedServer } from '../../functions/local/feed-server.ts';

const limits = { timeoutMs: 800, maxBytes: 64 * 1024, userAgent: 'Herald-test/1' };

describe('an article failure says whether a retry can mend it', () => {
  let server: FeedServer;
  let truncating: Server;
  let truncatingUrl = '';
  const articles = createHttpArticleSource({ limits });
  const fetchOwn = (path: string) =>
    articles.fetchArticle(`${server.baseUrl}${path}`, { feedUrl: server.feedUrl('f') });

  beforeAll(async () => {
    server = await startFeedServer();
    // Promises more bytes than it sends, then hangs up: a body cut short.
    truncating = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '5000' });
      res.write('<html><body><p>half a page');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await new Promise<void>((resolve) => truncating.listen(0, '127.0.0.1', resolve));
    truncatingUrl = `http://127.0.0.1:${(truncating.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await server.close();
    await new Promise<void>((resolve) => truncating.close(() => resolve()));
  });

  it('a page over the size cap is permanent: it will be as big next time', async () => {
    server.setFault('/a/huge.html', {
      kind: 'body',
      body: Buffer.alloc(1024 * 1024, 0x20),
      contentType: 'text/html',
    });
    expect(await fetchOwn('/a/huge.html')).toMatchObject({
      kind: 'error',
      failure: 'permanent',
      reason: expect.stringMatching(/too large/),
    });
  });

  it('a redirect loop is permanent', async () => {
    server.setFault('/a/loop.html', { kind: 'redirect', location: '/a/loop.html' });
    expect(await fetchOwn('/a/loop.html')).toMatchObject({
      kind: 'error',
      failure: 'permanent',
      reason: expect.stringMatching(/too many redirects/),
    });
  });

  it('a page that trickles past the deadline is transient', async () => {
    server.setFault('/a/slow.html', { kind: 'trickle', intervalMs: 100 });
    expect(await fetchOwn('/a/slow.html')).toMatchObject({
      kind: 'error',
      failure: 'transient',
      reason: 'timed out after 800 ms',
    });
  });

  it('a connection reset is transient', async () => {
    server.setFault('/a/reset.html', { kind: 'reset' });
    expect(await fetchOwn('/a/reset.html')).toMatchObject({ kind: 'error', failure: 'transient' });
  });

  it('a body cut short is transient', async () => {
    const result = await articles.fetchArticle(`${truncatingUrl}/a/cut.html`, {
      feedUrl: `${truncatingUrl}/feed`,
    });
    expect(result).toMatchObject({ kind: 'error', failure: 'transient' });
  });

  it('a 503 is transient and a 404 is gone, by status', async () => {
    server.setFault('/a/busy.html', { kind: 'status', status: 503 });
    expect(await fetchOwn('/a/busy.html')).toMatchObject({ failure: 'transient', status: 503 });
    expect(await fetchOwn('/a/none.html')).toMatchObject({ failure: 'gone', status: 404 });
  });
});
