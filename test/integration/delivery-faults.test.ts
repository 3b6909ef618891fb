import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleStories } from '../../functions/local/sample-stories.ts';
import type { SampleStory } from '../../functions/local/voa-pages.ts';
import { type Harness, startHarness } from '../support/poll-harness.ts';

type Body = {
  content?: string;
  embeds?: Array<{ title?: string; description?: string; fields?: unknown[]; url?: string }>;
  allowed_mentions?: unknown;
};
const bodies = (h: Harness) => h.discord.messages.map((m) => m.body as Body);
const MINUTE = 60_000;

describe('delivery under faults', () => {
  let h: Harness;
  let story: SampleStory;
  let other: SampleStory;

  beforeEach(async () => {
    h = await startHarness({ now: new Date('2026-11-20T12:00:00Z') });
    const stories = sampleStories(h.now);
    story = stories.after[0] as SampleStory;
    other = stories.after[2] as SampleStory;
    h.feeds.setStories('africa', stories.before);
  });
  afterEach(async () => {
    await h.close();
  });

  const later = (minutes: number) => {
    h.now = new Date(h.now.getTime() + minutes * MINUTE);
  };

  it('a Discord 400 marks the delivery failed with its reason, and it is not retried', async () => {
    const config = h.config();
    await h.poll(config);
    h.feeds.publish('africa', story);
    h.discord.failNext({ status: 400, body: { code: 50035, message: 'Invalid Form Body' } });
    const run = await h.poll(config);
    expect(run.summary).toMatchObject({ posted: 0, failed: 1, pending: 0 });
    const failed = await h.store.listDeliveries('failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.lastError).toMatch(/400.*Invalid Form Body/);
    expect(h.logger.lines).toContainEqual(expect.objectContaining({ message: 'Discord rejected the post' }));
    later(10);
    await h.poll(config);
    expect(h.discord.requests).toBe(1);
  });

  it.each([401, 403, 404])(
    'a %i marks the channel broken, alerts the ops channel, and stops sending to it until a probe',
    async (status) => {
      const config = h.config({
        channels: [
          { id: 'rights', webhookUrl: h.discord.webhookUrl('555555555555555555'), topics: ['human-rights'] },
          { id: 'ops', webhookUrl: h.discord.webhookUrl('666666666666666666'), topics: [] },
        ],
        alerts: { channel: 'ops' },
      });
      await h.poll(config);
      h.feeds.publish('africa', story);
      h.discord.failNext({ status, body: { message: 'Unknown Webhook', code: 10015 } });
      const run = await h.poll(config);
      expect(run.summary).toMatchObject({ posted: 0, failed: 1, pending: 1 });
      expect(await h.store.listChannelStates()).toContainEqual(
        expect.objectContaining({ channelId: 'rights', health: 'broken' }),
      );
      const alert = h.discord.messages.find((m) => m.targetId === '666666666666666666');
      expect((alert?.body as Body | undefined)?.content).toMatch(/Channel rights is broken/);

      const requests = h.discord.requests;
      h.feeds.publish('africa', other);
      later(10);
      const resting = await h.poll(config);
      expect(resting.summary).toMatchObject({ newStories: 1, posted: 0, pending: 2 });
      expect(h.discord.requests).toBe(requests);

      later(6 * 60);
      const probe = await h.poll(config);
      expect(probe.summary.posted).toBe(2);
      expect(await h.store.listChannelStates()).toContainEqual(
        expect.objectContaining({ channelId: 'rights', health: 'ok' }),
      );
      const pending = await h.store.listDeliveries('pending');
      expect(pending).toEqual([]);
    },
  );

  it('a delivery that keeps failing is marked failed after maxAttempts and counted', async () => {
    const config = h.config({ delivery: { maxAttempts: 3 } });
    await h.poll(config);
    h.feeds.publish('africa', story);
    for (let i = 0; i < 3; i++) {
      h.discord.failNext({ status: 503 });
      await h.poll(config);
      later(10);
    }
    expect(await h.store.listDeliveries('failed')).toEqual([
      expect.objectContaining({
        storyKey: expect.stringContaining('7100201'),
        attempts: 3,
        lastError: expect.stringMatching(/503/),
      }),
    ]);
    expect(await h.store.listDeliveries('pending')).toEqual([]);
    const after = await h.poll(config);
    expect(after.summary.posted).toBe(0);
    expect(h.discord.messages).toHaveLength(0);
  });

  it('a pending delivery to a channel taken out of the config is marked failed, not carried forever', async () => {
    const config = h.config();
    await h.poll(config);
    h.feeds.publish('africa', story);
    h.discord.failNext({ status: 503 });
    await h.poll(config);
    expect(await h.store.listDeliveries('pending')).toHaveLength(1);
    later(10);
    await h.poll(h.config({ channels: [] }));
    expect(await h.store.listDeliveries('failed')).toEqual([
      expect.objectContaining({ channelId: 'rights', lastError: 'channel rights is no longer configured' }),
    ]);
    expect((await h.store.loadPollState([], [])).outbox).toEqual([]);
  });

  it('overlapping polls never post the same delivery twice', async () => {
    const config = h.config();
    await h.poll(config);
    h.feeds.publish('africa', story);
    h.feeds.publish('africa', other);
    const [a, b] = await Promise.all([h.poll(config), h.poll(config)]);
    expect((a?.summary.posted ?? 0) + (b?.summary.posted ?? 0)).toBe(2);
    expect(h.discord.messages).toHaveLength(2);
    later(10);
    await Promise.all([h.poll(config), h.poll(config)]);
    expect(h.discord.messages).toHaveLength(2);
  });

  it('a global 429 stops this poll posting, and the next poll posts what waited', async () => {
    const config = h.config();
    await h.poll(config);
    h.feeds.publish('africa', story);
    h.feeds.publish('africa', other);
    h.discord.failNext({
      status: 429,
      headers: { 'retry-after': '30' },
      body: { message: 'You are being rate limited.', retry_after: 30, global: true },
    });
    const limited = await h.poll(config);
    expect(limited.summary).toMatchObject({ newStories: 2, posted: 0, pending: 2 });
    expect(h.discord.requests).toBe(1);
    later(10);
    const next = await h.poll(config);
    expect(next.summary.posted).toBe(2);
    expect(h.discord.messages).toHaveLength(2);
  });

  it('bot-token posts send a nonce with enforce_nonce', async () => {
    const config = h.config({
      channels: [{ id: 'bots', channelId: '777777777777777777', topics: ['human-rights'] }],
      discord: { apiBase: h.discord.apiBase, botToken: h.discord.botToken, timeoutMs: 2000 },
    });
    await h.poll(config);
    h.feeds.publish('africa', story);
    await h.poll(config);
    const message = h.discord.messages[0];
    expect(message?.route).toBe('channel');
    expect(message?.nonce).toMatch(/^.{1,25}$/);
    expect((message?.body as { enforce_nonce?: boolean } | undefined)?.enforce_nonce).toBe(true);
  });

  it('a feed that fails five times in a row backs off, then recovers by itself', async () => {
    const config = h.config();
    await h.poll(config);
    h.feeds.setFault('africa', { kind: 'status', status: 500 });
    for (let i = 0; i < 5; i++) {
      await h.poll(config);
      later(10);
    }
    const [state] = await h.store.listFeedStates();
    expect(state).toMatchObject({ consecutiveFailures: 5, lastError: 'HTTP 500' });
    expect(state?.nextPollAt).toBeDefined();
    const requests = h.feeds.requests.length;
    const skipped = await h.poll(config);
    expect(skipped.summary.skipped).toBe(1);
    expect(skipped.writes).toBe(0);
    expect(h.feeds.requests.length).toBe(requests);

    h.feeds.setFault('africa', undefined);
    h.feeds.publish('africa', story);
    later(60);
    const recovered = await h.poll(config);
    expect(recovered.summary).toMatchObject({ feedErrors: 0, posted: 1 });
    expect((await h.store.listFeedStates())[0]).toMatchObject({ consecutiveFailures: 0 });
  });

  it('a failing feed raises one alert when it reaches the threshold', async () => {
    const config = h.config({
      channels: [
        { id: 'rights', webhookUrl: h.discord.webhookUrl('555555555555555555'), topics: ['human-rights'] },
        { id: 'ops', webhookUrl: h.discord.webhookUrl('666666666666666666'), topics: [] },
      ],
      alerts: { channel: 'ops', feedFailures: 2 },
    });
    await h.poll(config);
    h.feeds.setFault('africa', { kind: 'status', status: 502 });
    for (let i = 0; i < 4; i++) {
      await h.poll(config);
      later(10);
    }
    const alerts = bodies(h).map((b) => b.content);
    expect(alerts).toEqual([
      expect.stringMatching(/^⚠️ Feed africa has failed 2 polls in a row\. Last error: HTTP 502/),
    ]);
  });

  it('a feed in good health writes its state at most once an hour', async () => {
    const config = h.config();
    await h.poll(config);
    h.feeds.setFault('africa', { kind: 'status', status: 500 });
    await h.poll(config);
    h.feeds.setFault('africa', undefined);
    later(10);
    const recovered = await h.poll(config);
    expect(recovered.writes).toBe(1);
    later(10);
    expect((await h.poll(config)).writes).toBe(0);
    later(61);
    expect((await h.poll(config)).writes).toBe(1);
  });

  describe('wire copy', () => {
    const wire = () => ({ ...story, author: 'webdesk@voanews.com (Associated Press)' });

    it('is posted as title and link only by default', async () => {
      const config = h.config();
      await h.poll(config);
      h.feeds.publish('africa', wire());
      await h.poll(config);
      const [embed] = bodies(h)[0]?.embeds ?? [];
      expect(embed?.url).toBeDefined();
      expect(embed?.description).toBeUndefined();
      expect(embed?.fields).toBeUndefined();
    });

    it('is posted in full with wire: "full"', async () => {
      const config = h.config({ wire: 'full' });
      await h.poll(config);
      h.feeds.publish('africa', wire());
      await h.poll(config);
      expect(bodies(h)[0]?.embeds?.[0]?.description).toBeTruthy();
    });

    it('is not posted with wire: "skip"', async () => {
      const config = h.config({ wire: 'skip' });
      await h.poll(config);
      h.feeds.publish('africa', wire());
      const run = await h.poll(config);
      expect(run.summary).toMatchObject({ newStories: 1, posted: 0 });
      expect(h.discord.messages).toHaveLength(0);
    });
  });

  it('@everyone, role mentions and markdown in a title are defused', async () => {
    const config = h.config();
    await h.poll(config);
    h.feeds.publish('africa', {
      ...story,
      title: `${story.title} @everyone <@&123456789012345678> **[click](https://evil.example)**`,
    });
    await h.poll(config);
    const body = bodies(h)[0];
    expect(body?.allowed_mentions).toEqual({ parse: [] });
    const title = body?.embeds?.[0]?.title ?? '';
    expect(title).not.toMatch(/@everyone|<@&\d/);
    expect(title).toContain('\\*\\*\\[click\\]');
  });
});
