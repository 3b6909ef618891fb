import { describe, expect, it } from 'vitest';
import { pollFeeds } from '../../functions/core/poll-feeds.ts';
import type { PollOptions } from '../../functions/core/poll-types.ts';
import { pollOptions } from '../../functions/wiring/poll-options.ts';
import { fakeAnalyzer, HOUR_MS, item, memoryPoll, T0 } from '../support/memory-ports.ts';

/** The poll use case with in-memory fakes of every port: its failure paths, one rule per test. */

type Fakes = ReturnType<typeof memoryPoll>;

const poll = (f: Fakes, overrides: Partial<PollOptions> = {}) =>
  pollFeeds(f.deps, pollOptions(f.config, overrides));

/** A feed already seeded with one old story, so that what the test publishes next is new. */
async function seeded(f: Fakes): Promise<void> {
  f.feeds.items.set('usa', [item(0, 'An old story', { hoursAgo: 3 })]);
  await poll(f);
  f.poster.posts.length = 0;
  f.store.resetCounts();
}

describe('the poll use case, when things fail', () => {
  it('an analyzer that throws on one story fails that story alone: the poll returns its summary and the others post', async () => {
    const f = memoryPoll();
    await seeded(f);
    f.feeds.items.set('usa', [
      item(1, 'First [rights]', { hoursAgo: 2 }),
      item(2, 'Second [rights] [throws]', { hoursAgo: 1.5 }),
      item(3, 'Third [rights]', { hoursAgo: 1 }),
    ]);

    const summary = await poll(f);

    expect(summary).toMatchObject({ newStories: 3, matched: 2, posted: 2, failed: 1 });
    expect(f.poster.titles()).toEqual(['First \\[rights\\]', 'Third \\[rights\\]']);
    expect(f.logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'story failed',
        fields: expect.objectContaining({
          error: expect.objectContaining({
            message: expect.stringContaining('the analyzer broke'),
            stack: expect.any(String),
          }),
        }),
      }),
    );
    // It waits like a story whose page failed, so it does not hold its feed back.
    expect(f.store.stories.get('voa:7000002')?.decision).toBe('retrying');
    expect(f.store.retries.has('voa:7000002')).toBe(true);
    expect(f.store.feeds.get('usa')?.itemsSeen).toBe(3);
  });

  it('an analyzer that keeps throwing is recorded as skipped, with its reason, once the retry window closes', async () => {
    const f = memoryPoll({ article: { retryHours: 1 } });
    await seeded(f);
    f.feeds.items.set('usa', [item(1, 'Broken [throws]')]);
    for (let i = 0; i < 6; i++) {
      await poll(f);
      f.clock.now += HOUR_MS / 2 + 1;
    }
    const story = f.store.stories.get('voa:7000001');
    expect(story?.decision).toBe('skipped');
    expect(story?.fromDescription).toMatch(/its analysis failed/);
    expect(f.store.retries.size).toBe(0);
  });

  it('a store write that fails between the post and its mark fails that story alone, and after the lease it is posted once more', async () => {
    const f = memoryPoll();
    await seeded(f);
    f.feeds.items.set('usa', [
      item(1, 'One [rights]', { hoursAgo: 2 }),
      item(2, 'Two [rights]', { hoursAgo: 1 }),
    ]);
    f.store.breakOn('markPosted');

    const first = await poll(f);

    expect(first).toMatchObject({ posted: 1, failed: 1 });
    expect(f.poster.posts).toHaveLength(2);
    expect(f.logger.lines).toContainEqual(expect.objectContaining({ message: 'story failed' }));

    const within = await poll(f);
    expect(within.posted).toBe(0);
    f.clock.now += 121_000;
    const after = await poll(f);
    const again = await poll(f);

    expect(after.posted).toBe(1);
    expect(again.posted).toBe(0);
    expect(f.poster.titles()).toEqual(['One \\[rights\\]', 'Two \\[rights\\]', 'One \\[rights\\]']);
    expect(f.store.outbox.size).toBe(0);
  });

  it('when saving feed states fails, the poll still returns its summary, and the next poll reads the feed again without posting twice', async () => {
    const f = memoryPoll();
    await seeded(f);
    f.feeds.items.set('usa', [item(1, 'One [rights]')]);
    f.store.breakOn('saveFeedStates');

    const first = await poll(f);

    expect(first).toMatchObject({ posted: 1, failed: 1 });
    expect(f.logger.lines).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'saving feed state failed' }),
    );
    const second = await poll(f);
    expect(second).toMatchObject({ newStories: 0, posted: 0, failed: 0 });
    expect(f.poster.posts).toHaveLength(1);
    expect(f.store.feeds.get('usa')?.itemsSeen).toBe(1);
  });

  it('when reading the poll state fails, the poll returns its summary, and the next poll does the work', async () => {
    const f = memoryPoll();
    await seeded(f);
    f.feeds.items.set('usa', [item(1, 'One [rights]')]);
    f.store.breakOn('loadPollState');

    const failed = await poll(f);
    const next = await poll(f);

    expect(failed).toMatchObject({ failed: 1, posted: 0 });
    expect(f.logger.lines).toContainEqual(
      expect.objectContaining({ message: 'reading the poll state failed; nothing was done' }),
    );
    expect(next).toMatchObject({ newStories: 1, posted: 1 });
  });

  it('when reading story records fails, no story is decided, and the next poll sees them as new', async () => {
    const f = memoryPoll();
    await seeded(f);
    f.feeds.items.set('usa', [item(1, 'One [rights]')]);
    f.store.breakOn('getStories');

    const failed = await poll(f);
    const next = await poll(f);

    expect(failed).toMatchObject({ failed: 1, newStories: 0, posted: 0 });
    expect(next).toMatchObject({ newStories: 1, posted: 1 });
    expect(f.poster.posts).toHaveLength(1);
  });

  it('a feed that fails raises one alert at the streak, and one recovery alert when it works again', async () => {
    const f = memoryPoll({
      channels: [
        { id: 'rights', webhookUrl: 'https://discord.com/api/webhooks/1/token' },
        { id: 'ops', webhookUrl: 'https://discord.com/api/webhooks/2/token', topics: [] },
      ],
      alerts: { channel: 'ops', feedFailures: 2 },
    });
    await seeded(f);
    f.feeds.outcomes.set('usa', { kind: 'error', reason: 'HTTP 503' });
    for (let i = 0; i < 3; i++) await poll(f);
    f.feeds.outcomes.delete('usa');
    await poll(f);
    await poll(f);

    const alerts = f.poster.posts.filter((p) => p.channelId === 'ops').map((p) => p.message.content ?? '');
    expect(alerts).toEqual([
      expect.stringContaining('has failed 2 polls in a row. Last error: HTTP 503'),
      expect.stringContaining('has recovered after 3 failed polls'),
    ]);
  });
});

describe('the poll use case, when article pages fail for a while', () => {
  it('a page that fails for two polls leaves its story waiting; the third poll decides it from the page and posts it once', async () => {
    const f = memoryPoll();
    await seeded(f);
    const story = item(1, 'Detained [rights]');
    f.feeds.items.set('usa', [story]);
    f.pages.outcomes.set(story.url, { kind: 'error', failure: 'transient', reason: 'HTTP 503', status: 503 });

    const [first, second] = [await poll(f), await poll(f)];
    f.pages.outcomes.delete(story.url);
    const third = await poll(f);
    const fourth = await poll(f);

    expect([first.retrying, second.retrying, third.retrying]).toEqual([1, 1, 0]);
    expect([first.posted, second.posted, third.posted, fourth.posted]).toEqual([0, 0, 1, 0]);
    expect(f.pages.fetched.filter((u) => u === story.url)).toHaveLength(3);
    expect(f.poster.posts[0]?.message.embeds[0]?.footer?.text).not.toMatch(/RSS description/);
    expect(f.store.retries.size).toBe(0);
  });

  it('a challenge page with no article in it counts as a failure that may pass, not as the story', async () => {
    const f = memoryPoll();
    await seeded(f);
    const story = item(1, 'Jailed [rights]');
    f.feeds.items.set('usa', [story]);
    // The fake analyzer reads an empty page as "no article", as the real extractor does a challenge page.
    const base = fakeAnalyzer();
    f.deps.loadAnalyzer = async () => ({
      analyze: (i, page, options) => {
        const result = base.analyze(i, page, options);
        return page?.includes('Checking your browser') ? { ...result, source: 'description' } : result;
      },
    });
    f.pages.outcomes.set(story.url, { kind: 'ok', html: '<p>Checking your browser</p>', url: story.url });

    const first = await poll(f);
    f.pages.outcomes.delete(story.url);
    const second = await poll(f);

    expect(first).toMatchObject({ retrying: 1, posted: 0 });
    expect(second).toMatchObject({ retrying: 0, posted: 1, fromDescription: 0 });
  });

  it('a page over the parse budget, or an analysis past its time budget, decides the story from its description at once', async () => {
    const f = memoryPoll();
    await seeded(f);
    const deep = item(1, 'Deep [rights]', { hoursAgo: 2 });
    const slow = item(2, 'Slow [rights]', { hoursAgo: 1 });
    f.feeds.items.set('usa', [deep, slow]);
    const base = fakeAnalyzer();
    f.deps.loadAnalyzer = async () => ({
      analyze: (i, page, options) => {
        if (page && i.key === slow.key)
          throw Object.assign(new Error('past the deadline'), { name: 'AnalysisBudgetError' });
        const result = base.analyze(i, page, options);
        return page && i.key === deep.key
          ? { ...result, source: 'description', pageOverBudget: true }
          : result;
      },
    });

    const summary = await poll(f);

    expect(summary).toMatchObject({ retrying: 0, fromDescription: 2, posted: 2 });
    expect(f.store.stories.get(deep.key)?.fromDescription).toMatch(/over the parse budget/);
    expect(f.store.stories.get(slow.key)?.fromDescription).toMatch(/ran past 2000 ms/);
  });

  it('a page that is gone (404) decides the story from its description at once, and the footer says so', async () => {
    const f = memoryPoll();
    await seeded(f);
    const story = item(1, 'Gone [rights]');
    f.feeds.items.set('usa', [story]);
    f.pages.outcomes.set(story.url, { kind: 'error', failure: 'gone', reason: 'HTTP 404', status: 404 });

    const summary = await poll(f);

    expect(summary).toMatchObject({ retrying: 0, fromDescription: 1, posted: 1 });
    expect(f.poster.posts[0]?.message.embeds[0]?.footer?.text).toMatch(/from the RSS description/);
    expect(f.store.stories.get(story.key)?.fromDescription).toMatch(/HTTP 404/);
  });

  it('a page that keeps failing is tried at once twice, then every 30 minutes, and decided from its description after article.retryHours', async () => {
    const f = memoryPoll({ article: { retryHours: 2 } });
    await seeded(f);
    const story = item(1, 'Down [rights]');
    f.feeds.items.set('usa', [story]);
    f.pages.outcomes.set(story.url, {
      kind: 'error',
      failure: 'transient',
      reason: 'timed out after 10000 ms',
    });

    const tries = () => f.pages.fetched.filter((u) => u === story.url).length;
    await poll(f);
    await poll(f);
    await poll(f);
    expect(tries()).toBe(3);
    await poll(f);
    expect(tries()).toBe(3);
    f.clock.now += 30 * 60_000;
    await poll(f);
    expect(tries()).toBe(4);
    expect(f.poster.posts).toHaveLength(0);

    f.clock.now = T0 + 2 * HOUR_MS + 1;
    const last = await poll(f);

    expect(last).toMatchObject({ fromDescription: 1, posted: 1 });
    expect(f.store.stories.get(story.key)?.fromDescription).toMatch(/failed for 2 h \(timed out/);
    expect(f.logger.lines).toContainEqual(
      expect.objectContaining({ message: 'deciding from the RSS description' }),
    );
  });

  it('the retry state lives in the story record: a waiting story is decided even after its feed drops it', async () => {
    const f = memoryPoll();
    await seeded(f);
    const story = item(1, 'Dropped [rights]');
    f.feeds.items.set('usa', [story]);
    f.pages.outcomes.set(story.url, { kind: 'error', failure: 'transient', reason: 'ECONNRESET' });
    await poll(f);

    f.feeds.items.set('usa', [item(2, 'Something else')]);
    f.pages.outcomes.delete(story.url);
    const next = await poll(f);

    expect(next.posted).toBe(1);
    expect(f.poster.titles()).toEqual(['Dropped \\[rights\\]']);
  });

  it('an idle poll with a story waiting that is not due reads no story and writes nothing', async () => {
    const f = memoryPoll();
    await seeded(f);
    const story = item(1, 'Waiting [rights]');
    f.feeds.items.set('usa', [story]);
    f.pages.outcomes.set(story.url, { kind: 'error', failure: 'transient', reason: 'HTTP 502' });
    for (let i = 0; i < 3; i++) await poll(f);
    f.store.resetCounts();

    const idle = await poll(f);

    expect(idle.notModified).toBe(1);
    expect(f.store.totalWrites()).toBe(0);
    expect(f.store.reads.get('getStories')).toBeUndefined();
  });
});

describe('the poll use case, on cost and caps', () => {
  it('a feed that serves the same items with a new lastBuildDate reads no story and writes nothing', async () => {
    const f = memoryPoll();
    await seeded(f);

    const idle = await poll(f);

    expect(idle).toMatchObject({ notModified: 1, newStories: 0 });
    expect(f.store.totalWrites()).toBe(0);
    expect([...f.store.reads.keys()]).toEqual(['loadPollState']);
  });

  it('an unchanged feed still writes a heartbeat at most once an hour', async () => {
    const f = memoryPoll();
    await seeded(f);
    f.clock.now += HOUR_MS - 1;
    await poll(f);
    expect(f.store.totalWrites()).toBe(0);
    f.clock.now += 2;
    await poll(f);
    expect(f.store.writes.get('saveFeedStates')).toBe(1);
  });

  it('a busy poll writes at most one item per new story plus three per delivery', async () => {
    const f = memoryPoll({
      feeds: Array.from({ length: 15 }, (_, i) => ({
        id: `feed-${i}`,
        url: `https://www.voanews.com/api/${i}`,
      })),
    });
    for (let i = 0; i < 15; i++)
      f.feeds.items.set(`feed-${i}`, [item(1000 + i, 'Old', { feedId: `feed-${i}`, hoursAgo: 5 })]);
    await poll(f);
    f.store.resetCounts();
    let n = 0;
    for (let i = 0; i < 15; i++)
      f.feeds.items.set(`feed-${i}`, [
        item(1000 + i, 'Old', { feedId: `feed-${i}`, hoursAgo: 5 }),
        item(++n, n % 2 ? `Story ${n} [rights]` : `Story ${n}`, { feedId: `feed-${i}` }),
        item(++n, n % 2 ? `Story ${n} [rights]` : `Story ${n}`, { feedId: `feed-${i}` }),
      ]);

    const busy = await poll(f, { maxPerPoll: 100 });

    expect(busy).toMatchObject({ newStories: 30, posted: 15 });
    expect(f.store.totalWrites()).toBeLessThanOrEqual(30 + 3 * 15);
  });

  it('60 new matching stories are posted at most 10 per poll, oldest first, and all of them in the end, each once', async () => {
    const f = memoryPoll();
    await seeded(f);
    const burst = Array.from({ length: 60 }, (_, i) =>
      item(100 + i, `Burst ${String(i).padStart(2, '0')} [rights]`, { hoursAgo: 2 - i / 60 }),
    );
    f.feeds.items.set('usa', burst);

    const summaries = [];
    for (let i = 0; i < 7; i++) summaries.push(await poll(f));

    expect(summaries.map((s) => s.posted)).toEqual([10, 10, 10, 10, 10, 10, 0]);
    expect(f.poster.titles()).toEqual(burst.map((b) => b.title.replace('[rights]', '\\[rights\\]')));
    expect(summaries[0]?.pending).toBe(50);
  });

  it('a feed whose newest item is 20 days old is stale: one alert when it turns stale, one when it is fresh again', async () => {
    const f = memoryPoll({
      channels: [
        { id: 'rights', webhookUrl: 'https://discord.com/api/webhooks/1/token' },
        { id: 'ops', webhookUrl: 'https://discord.com/api/webhooks/2/token', topics: [] },
      ],
      alerts: { channel: 'ops' },
    });
    f.feeds.items.set('usa', [item(1, 'Old news', { hoursAgo: 20 * 24 })]);
    await poll(f);
    await poll(f);
    expect(f.store.feeds.get('usa')).toMatchObject({ staleSince: new Date(T0).toISOString() });
    f.feeds.items.set('usa', [item(1, 'Old news', { hoursAgo: 20 * 24 }), item(2, 'Fresh news')]);
    await poll(f);
    await poll(f);

    const alerts = f.poster.posts.filter((p) => p.channelId === 'ops').map((p) => p.message.content ?? '');
    expect(alerts).toEqual([
      expect.stringContaining('Feed usa is stale'),
      expect.stringContaining('Feed usa is fresh again'),
    ]);
    expect(f.store.feeds.get('usa')?.staleSince).toBeUndefined();
  });

  it('a poll past its deadline starts no more work, keeps the stories for the next poll, and still saves its feed states', async () => {
    const f = memoryPoll();
    await seeded(f);
    f.feeds.items.set('usa', [item(1, 'One [rights]')]);

    const late = await poll(f, { deadline: T0 - 1 });
    const next = await poll(f);

    expect(late).toMatchObject({ deadlineReached: true, posted: 0 });
    expect(next).toMatchObject({ newStories: 1, posted: 1 });
  });
});
