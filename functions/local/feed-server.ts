import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { articlePath, renderArticle, renderFeed, type SampleStory } from './voa-pages.ts';

/** A scripted answer for one request, for fault injection. */
export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  | { kind: 'body'; body: string | Buffer; contentType?: string; headers?: Record<string, string> }
  | { kind: 'delay'; ms: number }
  | { kind: 'trickle'; intervalMs: number }
  | { kind: 'redirect'; location: string; status?: number }
  | { kind: 'reset' };

export interface FeedRequest {
  path: string;
  status: number;
  conditional: boolean;
}

export interface FeedServer {
  baseUrl: string;
  feedUrl(feedId: string): string;
  articleUrl(story: SampleStory): string;
  /** Adds a story to the front of a feed (and serves its article). */
  publish(feedId: string, story: SampleStory): void;
  setStories(feedId: string, stories: SampleStory[]): void;
  /** Answers the next requests for a path (a feed id or a URL path) with these faults, in order. */
  inject(target: string, ...faults: Fault[]): void;
  /** Answers every request for a path with this fault until cleared. */
  setFault(target: string, fault: Fault | undefined): void;
  /** Serves a feed with no validators and a new `lastBuildDate` on every request, or as usual again. */
  setRestamp(feedId: string, on: boolean): void;
  requests: FeedRequest[];
  close(): Promise<void>;
}

/**
 * A local stand-in for VOA: feeds at `/api/<feedId>` and articles at `/a/<slug>/<id>.html`, with
 * ETag and Last-Modified validators, gzip, an optional per-article latency, and fault injection.
 */
export async function startFeedServer(
  options: {
    articleDelayMs?: number;
    port?: number;
    /**
     * Serve feeds as some CMSs do: no validators, so never a 304, and a `lastBuildDate` stamped anew on
     * every request, so the body is never the same twice.
     */
    restamp?: boolean;
  } = {},
): Promise<FeedServer> {
  const feeds = new Map<string, SampleStory[]>();
  const feedTitles = new Map<string, string>();
  const articles = new Map<string, SampleStory>();
  const queued = new Map<string, Fault[]>();
  const sticky = new Map<string, Fault>();
  const restamped = new Set<string>();
  const requests: FeedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  let baseUrl = '';

  const feedPath = (feedId: string) => `/api/${feedId}`;
  const resolveTarget = (target: string) => (target.startsWith('/') ? target : feedPath(target));

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const conditional = Boolean(req.headers['if-none-match'] || req.headers['if-modified-since']);
    const record = (status: number) => requests.push({ path, status, conditional });
    const fault = queued.get(path)?.shift() ?? sticky.get(path);
    if (fault) {
      if (fault.kind === 'delay') await sleep(fault.ms);
      else return applyFault(fault, res, record);
    }
    const feedId = path.startsWith('/api/') ? path.slice(5) : undefined;
    if (feedId !== undefined) {
      const stories = feeds.get(feedId);
      if (!stories) return send(res, record, 404, 'not found', 'text/plain');
      const title = feedTitles.get(feedId) ?? feedId;
      if (options.restamp || restamped.has(feedId)) {
        const body = renderFeed({ title, baseUrl, selfPath: path, stories, builtAt: new Date() });
        return send(res, record, 200, body, 'application/rss+xml; charset=utf-8', req);
      }
      const body = renderFeed({ title, baseUrl, selfPath: path, stories });
      const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`;
      const lastModified = new Date(stories[0]?.published ?? 0).toUTCString();
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag, 'last-modified': lastModified });
        record(304);
        return void res.end();
      }
      return send(res, record, 200, body, 'application/rss+xml; charset=utf-8', req, {
        etag,
        'last-modified': lastModified,
      });
    }
    const story = articles.get(path);
    if (!story) return send(res, record, 404, '<html><body>Not found</body></html>', 'text/html');
    if (options.articleDelayMs) await sleep(options.articleDelayMs);
    return send(res, record, 200, renderArticle(story), 'text/html; charset=utf-8', req);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    feedUrl: (feedId) => `${baseUrl}${feedPath(feedId)}`,
    articleUrl: (story) => `${baseUrl}${articlePath(story)}`,
    publish(feedId, story) {
      feeds.set(feedId, [story, ...(feeds.get(feedId) ?? [])]);
      articles.set(articlePath(story), story);
    },
    setStories(feedId, stories) {
      feeds.set(feedId, [...stories]);
      feedTitles.set(feedId, feedId);
      for (const story of stories) articles.set(articlePath(story), story);
    },
    inject(target, ...faults) {
      const path = resolveTarget(target);
      queued.set(path, [...(queued.get(path) ?? []), ...faults]);
    },
    setFault(target, fault) {
      const path = resolveTarget(target);
      if (fault) sticky.set(path, fault);
      else sticky.delete(path);
    },
    setRestamp(feedId, on) {
      if (on) restamped.add(feedId);
      else restamped.delete(feedId);
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function send(
  res: ServerResponse,
  record: (status: number) => void,
  status: number,
  body: string | Buffer,
  contentType: string,
  req?: IncomingMessage,
  headers: Record<string, string> = {},
): void {
  record(status);
  const gzip = req && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && body.length > 512;
  const payload = gzip ? gzipSync(body) : body;
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(payload)),
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    ...headers,
  });
  res.end(payload);
}

function applyFault(
  fault: Exclude<Fault, { kind: 'delay' }>,
  res: ServerResponse,
  record: (status: number) => void,
): void {
  switch (fault.kind) {
    case 'status':
      record(fault.status);
      res.writeHead(fault.status, { 'content-type': 'text/plain', ...fault.headers });
      return void res.end(`status ${fault.status}`);
    case 'body': {
      record(200);
      res.writeHead(200, { 'content-type': fault.contentType ?? 'application/rss+xml', ...fault.headers });
      return void res.end(fault.body);
    }
    case 'redirect':
      record(fault.status ?? 302);
      res.writeHead(fault.status ?? 302, { location: fault.location });
      return void res.end();
    case 'trickle': {
      record(200);
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?>');
      const timer = setInterval(() => {
        if (res.destroyed) return clearInterval(timer);
        res.write(' ');
      }, fault.intervalMs);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case 'reset':
      record(0);
      return void res.socket?.destroy();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
