import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpArticleSource } from '../../functions/adapters/http-article-source.ts';
import { createRssFeedSource } from '../../functions/adapters/rss-feed-source.ts';

const limits = { timeoutMs: 2000, maxBytes: 1024 * 1024, userAgent: 'Herald-test/1' };

interface Site {
  port: number;
  origin: string;
  requests: string[];
  connections: number;
  close(): Promise<void>;
}

/** A loopback server that records every connection and request; `routes` answers by path. */
async function startSite(
  routes: (path: string) => { status: number; headers?: Record<string, string>; body?: string },
): Promise<Site> {
  const sockets = new Set<Socket>();
  const site = { requests: [] as string[], connections: 0 } as Site;
  const server: Server = createServer((req, res) => {
    site.requests.push(req.url ?? '');
    const answer = routes(new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(answer.status, answer.headers ?? { 'content-type': 'text/html' });
    res.end(answer.body ?? '');
  });
  server.on('connection', (socket) => {
    site.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.port = (server.address() as AddressInfo).port;
  site.origin = `http://127.0.0.1:${site.port}`;
  site.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return site;
}

const SECRET = 'AKIAFAKECREDENTIALS';
const page = (text: string) => `<!DOCTYPE html><html><body><p>${text}</p></body></html>`;

describe('links a hostile feed names, against loopback servers', () => {
  let feedSite: Site;
  let internal: Site;
  let feedUrl: string;

  beforeAll(async () => {
    // The internal server: what stands for Lambda's runtime API or a metadata service.
    internal = await startSite(() => ({ status: 200, body: SECRET }));
    const to = (location: string) => ({ status: 302, headers: { location } });
    feedSite = await startSite((path) => {
      if (path === '/feed')
        return {
          status: 200,
          headers: { 'content-type': 'application/rss+xml' },
          body: '<rss version="2.0"><channel><title>F</title></channel></rss>',
        };
      if (path === '/a/good.html') return { status: 200, body: page('a story on the feed site') };
      if (path === '/hop/same') return to('/a/good.html');
      if (path === '/hop/internal') return to(`${internal.origin}/latest/meta-data/`);
      if (path === '/hop/decimal') return to(`http://2130706433:${internal.port}/`);
      if (path === '/hop/mapped') return to(`http://[::ffff:127.0.0.1]:${internal.port}/`);
      if (path === '/hop/localhost') return to(`http://localhost:${internal.port}/`);
      if (path === '/feed-moved') return to(`${internal.origin}/feed`);
      return { status: 404 };
    });
    feedUrl = `${feedSite.origin}/feed`;
  });
  afterAll(async () => {
    await feedSite.close();
    await internal.close();
  });

  const articles = createHttpArticleSource({ limits });
  const fetchLinked = (url: string) => articles.fetchArticle(url, { feedUrl });

  it("a link on the feed's own origin is trusted and fetched, loopback or not", async () => {
    expect(await fetchLinked(`${feedSite.origin}/a/good.html`)).toMatchObject({ kind: 'ok' });
    expect(await fetchLinked(`${feedSite.origin}/hop/same`)).toMatchObject({
      kind: 'ok',
      url: `${feedSite.origin}/a/good.html`,
    });
  });

  it.each([
    ['directly', (port: number) => `http://127.0.0.1:${port}/2018-06-01/runtime/invocation/next`],
    ['as a decimal number', (port: number) => `http://2130706433:${port}/`],
    ['in hex', (port: number) => `http://0x7f000001:${port}/`],
    ['in short form', (port: number) => `http://127.1:${port}/`],
    ['in octal', (port: number) => `http://0177.0.0.1:${port}/`],
    ['IPv4-mapped', (port: number) => `http://[::ffff:127.0.0.1]:${port}/`],
    ['by a name that resolves to loopback', (port: number) => `http://localhost:${port}/`],
    ['as the unspecified address', (port: number) => `http://0.0.0.0:${port}/`],
  ])(
    'a link to another loopback port %s is refused, and that server gets no connection',
    async (_how, link) => {
      const before = internal.connections;
      const result = await fetchLinked(link(internal.port));
      expect(result).toMatchObject({ kind: 'error', failure: 'refused' });
      expect(result.kind === 'error' && result.reason).toMatch(/loopback|unspecified/);
      expect(internal.connections).toBe(before);
      expect(internal.requests).toEqual([]);
    },
  );

  it.each([
    ['the Lambda runtime API', 'http://127.0.0.1:9001/2018-06-01/runtime/invocation/next'],
    ['the Lambda runtime API by name', 'http://localhost:9001/2018-06-01/runtime/invocation/next'],
    ['the instance-metadata address', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'],
    ['the ECS credentials address', 'http://169.254.170.2/v2/credentials/x'],
    ['a private address', 'http://10.0.0.7/'],
    ['a carrier-grade NAT address', 'http://100.64.0.1/'],
    ['an IPv6 unique-local address', 'http://[fd00:ec2::254]/latest/meta-data/'],
    ['a multicast address', 'http://239.1.2.3/'],
  ])('a link to %s is refused without any request leaving Herald', async (_what, link) => {
    const result = await fetchLinked(link);
    expect(result).toMatchObject({ kind: 'error', failure: 'refused' });
  });

  it.each([
    ['to another loopback port', '/hop/internal'],
    ['to a decimal-form loopback address', '/hop/decimal'],
    ['to an IPv4-mapped loopback address', '/hop/mapped'],
    ['to a name that resolves to loopback', '/hop/localhost'],
  ])(
    "a redirect from the feed's own site %s is refused, and that server gets nothing",
    async (_what, path) => {
      const before = internal.connections;
      const result = await fetchLinked(`${feedSite.origin}${path}`);
      expect(result).toMatchObject({ kind: 'error', failure: 'refused' });
      expect(internal.connections).toBe(before);
      expect(internal.requests).toEqual([]);
    },
  );

  it('a link with no feed to vouch for it must be public: a loopback page is refused', async () => {
    const result = await articles.fetchArticle(`${feedSite.origin}/a/good.html`);
    expect(result).toMatchObject({ kind: 'error', failure: 'refused' });
  });

  it('a feed whose own URL redirects to an internal server is refused, and that server gets nothing', async () => {
    const before = internal.connections;
    const result = await createRssFeedSource({ limits }).fetchFeed(
      { id: 'moved', url: `${feedSite.origin}/feed-moved` },
      {},
    );
    expect(result).toMatchObject({ kind: 'error', reason: expect.stringMatching(/another port/) });
    expect(internal.connections).toBe(before);
  });

  it('a link with a user name and password is refused, and the reason does not carry them', async () => {
    const result = await fetchLinked(`http://admin:hunter2@${feedSite.origin.slice(7)}/a/good.html`);
    expect(result).toMatchObject({ kind: 'error', failure: 'refused' });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('a refused link is never handed to fetch at all', async () => {
    const seen: string[] = [];
    const recording: typeof fetch = (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    const source = createHttpArticleSource({ limits, fetch: recording, guardedFetch: recording });
    for (const link of [
      'http://169.254.169.254/',
      `http://2130706433:${internal.port}/`,
      'http://[fd00::1]/',
    ])
      await source.fetchArticle(link, { feedUrl });
    expect(seen).toEqual([]);
  });
});
