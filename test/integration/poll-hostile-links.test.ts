import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleStories } from '../../functions/local/sample-stories.ts';
import { articlePath, renderFeed, type SampleStory } from '../../functions/local/voa-pages.ts';
import { type Harness, startHarness } from '../support/poll-harness.ts';

const SECRET = 'AKIA-FAKE-INSTANCE-CREDENTIALS';

/** The internal server a hostile feed points at: it answers anything with credentials, and counts. */
async function startInternal() {
  const seen = { connections: 0, requests: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => {
    seen.requests++;
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      `<html><body><div class="wsw"><p>${SECRET} human rights journalists detained</p></div></body></html>`,
    );
  });
  server.on('connection', (socket) => {
    seen.connections++;
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    seen,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('a poll of a feed that links to an internal server', () => {
  let h: Harness;
  let internal: Awaited<ReturnType<typeof startInternal>>;

  beforeEach(async () => {
    h = await startHarness({ now: new Date('2026-11-20T12:00:00Z') });
    internal = await startInternal();
  });
  afterEach(async () => {
    await h.close();
    await internal.close();
  });

  it('fetches nothing from it, directly, in decimal or IPv4-mapped form, or through a redirect from the feed site, and posts nothing it serves', async () => {
    const journalists = sampleStories(h.now).after[0] as SampleStory;
    const copies = [0, 1, 2, 3].map((n) => ({
      ...journalists,
      id: journalists.id + n,
      slug: `${journalists.slug}-${n}`,
    }));
    h.feeds.setStories('africa', copies);
    const hostile = [
      `http://127.0.0.1:${internal.port}/latest/meta-data/iam/security-credentials/role`,
      `http://2130706433:${internal.port}/2018-06-01/runtime/invocation/next`,
      `http://[::ffff:127.0.0.1]:${internal.port}/`,
      `${h.feeds.baseUrl}/hop/out`,
    ];
    h.feeds.setFault('/hop/out', { kind: 'redirect', location: `http://127.0.0.1:${internal.port}/secret` });
    let xml = renderFeed({
      title: 'Africa',
      baseUrl: h.feeds.baseUrl,
      selfPath: '/api/africa',
      stories: copies,
    });
    // The first copy keeps its link on the feed's own site; the others point at the internal server.
    copies.slice(1).forEach((copy, i) => {
      xml = xml.replaceAll(`${h.feeds.baseUrl}${articlePath(copy)}`, hostile[i] ?? '');
    });
    xml = xml.replace('</channel>', `${itemLinking(hostile[3] ?? '', h.now)}</channel>`);
    h.feeds.setFault('africa', { kind: 'body', body: xml, contentType: 'application/rss+xml' });

    const run = await h.poll(h.config({ firstRun: { backfill: 10 } }));

    expect(internal.seen).toEqual({ connections: 0, requests: 0 });
    expect(run.summary.newStories).toBe(5);
    const posts = JSON.stringify(h.discord.messages.map((m) => m.body));
    expect(posts).not.toContain(SECRET);
    // The story on the feed's own site was fetched: the article source trusts the feed's origin.
    expect(h.feeds.requests.map((r) => r.path)).toContain(articlePath(copies[0] as SampleStory));
    const refusals = h.logger.lines.filter((l) =>
      /refused/.test(String(l.fields?.why ?? l.fields?.reason ?? '')),
    );
    expect(refusals).toHaveLength(4);
  });
});

function itemLinking(link: string, now: Date): string {
  return (
    `<item><title>Rights groups say reporters were detained</title><link>${link}</link><guid>${link}</guid>` +
    `<description>Human rights groups say journalists were detained and beaten by police.</description>` +
    `<pubDate>${new Date(now.getTime() - 60_000).toUTCString()}</pubDate></item>`
  );
}
