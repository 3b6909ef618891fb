import { describe, expect, it } from 'vitest';
import { pollFeeds } from '../../functions/core/poll-feeds.ts';
import { postDigests } from '../../functions/core/post-digests.ts';
import { renderDigest } from '../../functions/core/render-digest.ts';
import { pollOptions } from '../../functions/wiring/poll-options.ts';
import { item, memoryPoll } from '../support/memory-ports.ts';

const CHANNELS = [
  { id: 'live', webhookUrl: 'https://discord.com/api/webhooks/1/token' },
  {
    id: 'morning',
    webhookUrl: 'https://discord.com/api/webhooks/2/token',
    digest: { every: '24h', at: '08:00' },
  },
];

function setUp() {
  const f = memoryPoll({ channels: CHANNELS });
  const poll = () => pollFeeds(f.deps, pollOptions(f.config));
  const digest = (dryRun = false) =>
    postDigests({ ...f.deps, store: f.store }, { channels: f.config.channels, leaseSeconds: 120, dryRun });
  return { f, poll, digest };
}

describe('digest channels', () => {
  it('a digest channel gets nothing during polls; one digest then links each matched story and no other; a second run posts nothing', async () => {
    const { f, poll, digest } = setUp();
    f.feeds.items.set('usa', [item(0, 'Old', { hoursAgo: 5 })]);
    await poll();
    f.feeds.items.set('usa', [
      item(1, 'Jailed for a post [rights]', { hoursAgo: 3 }),
      item(2, 'Markets calm', { hoursAgo: 2 }),
      item(3, 'Homes bulldozed [rights]', { hoursAgo: 1 }),
    ]);
    await poll();
    await poll();

    expect(f.poster.posts.map((p) => p.channelId)).toEqual(['live', 'live']);

    const first = await digest();
    const second = await digest();

    expect(first).toMatchObject({ channels: 1, stories: 2, posted: 1 });
    expect(second).toMatchObject({ channels: 1, stories: 0, posted: 0 });
    const digests = f.poster.posts.filter((p) => p.channelId === 'morning');
    expect(digests).toHaveLength(1);
    const text = digests[0]?.message.embeds[0]?.description ?? '';
    expect(text).toContain('(https://www.voanews.com/a/story-1/7000001.html)');
    expect(text).toContain('(https://www.voanews.com/a/story-3/7000003.html)');
    expect(text).not.toContain('story-2');
    expect(text).toContain('Summary of Jailed for a post');
    expect(text).toContain('— Ada Obi');
    expect(text.indexOf('story-1')).toBeLessThan(text.indexOf('story-3'));
  });

  it('two digest runs at once post the digest once: the second finds the channel claimed', async () => {
    const { f, poll, digest } = setUp();
    f.feeds.items.set('usa', [item(0, 'Old', { hoursAgo: 5 })]);
    await poll();
    f.feeds.items.set('usa', [item(1, 'Detained [rights]')]);
    await poll();

    const [a, b] = await Promise.all([digest(), digest()]);

    expect(a.posted + b.posted).toBe(1);
    expect(f.poster.posts.filter((p) => p.channelId === 'morning')).toHaveLength(1);
  });

  it('a digest that Discord refuses leaves its stories waiting for the next run', async () => {
    const { f, poll, digest } = setUp();
    f.feeds.items.set('usa', [item(0, 'Old', { hoursAgo: 5 })]);
    await poll();
    f.feeds.items.set('usa', [item(1, 'Detained [rights]')]);
    await poll();
    f.poster.outcomes.push({ kind: 'retry', reason: 'HTTP 503' });

    const refused = await digest();
    const next = await digest();

    expect(refused).toMatchObject({ posted: 0, failed: 1 });
    expect(next).toMatchObject({ posted: 1, stories: 1 });
  });

  it('a dry run renders the digest and changes nothing', async () => {
    const { f, poll, digest } = setUp();
    f.feeds.items.set('usa', [item(0, 'Old', { hoursAgo: 5 })]);
    await poll();
    f.feeds.items.set('usa', [item(1, 'Detained [rights]')]);
    await poll();
    f.store.resetCounts();

    const dry = await digest(true);

    expect(dry).toMatchObject({ stories: 1, posted: 0 });
    expect(f.store.totalWrites()).toBe(0);
    expect((await digest()).posted).toBe(1);
  });

  it("a long digest is split to fit Discord's limits, and every story is in exactly one message", () => {
    const entries = Array.from({ length: 60 }, (_, i) => ({
      title: `A story with a long title number ${i} ${'x'.repeat(80)}`,
      url: `https://www.voanews.com/a/s/${7000000 + i}.html`,
      summary: 'y'.repeat(200),
      speaker: 'Ada Obi',
    }));

    const messages = renderDigest(entries, { heading: 'Digest', at: new Date(0) });

    expect(messages.length).toBeGreaterThan(1);
    expect(messages.flatMap((m) => m.entries)).toEqual(entries.map((_, i) => i));
    for (const { post } of messages)
      expect(post.embeds[0]?.description?.length ?? 0).toBeLessThanOrEqual(4096);
  });
});
