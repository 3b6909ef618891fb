import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleStories } from '../../functions/local/sample-stories.ts';
import type { SampleStory } from '../../functions/local/voa-pages.ts';
import { type Harness, startHarness } from '../support/poll-harness.ts';

const embedTitles = (h: Harness) =>
  h.discord.messages.map((m) => (m.body as { embeds?: Array<{ title?: string }> }).embeds?.[0]?.title ?? '');

describe('a poll over real HTTP and a real store', () => {
  let h: Harness;
  let stories: { before: SampleStory[]; after: SampleStory[] };
  const journalists = () => stories.after[0] as SampleStory;
  const marathon = () => stories.after[1] as SampleStory;
  const disappeared = () => stories.after[2] as SampleStory;

  beforeEach(async () => {
    h = await startHarness({ now: new Date('2026-11-20T12:00:00Z') });
    stories = sampleStories(h.now);
    h.feeds.setStories('africa', stories.before);
  });
  afterEach(async () => {
    await h.close();
  });

  it('the first poll of a feed posts nothing', async () => {
    h.feeds.setStories('africa', [...stories.after, ...stories.before]);
    const run = await h.poll(h.config());
    expect(run.summary).toMatchObject({ feeds: 1, newStories: 0, posted: 0, failed: 0, skipped: 5 });
    expect(h.discord.messages).toHaveLength(0);
    expect(run.analyzerLoaded).toBe(false);
    expect(run.posterLoaded).toBe(false);
  });

  it('a backfill posts the newest matching stories of a new feed', async () => {
    h.feeds.setStories('africa', [...stories.after, ...stories.before]);
    const run = await h.poll(h.config({ firstRun: { backfill: 2 } }));
    expect(run.summary).toMatchObject({ newStories: 2, posted: 1 });
    expect(embedTitles(h)).toEqual([disappeared().title]);
  });

  it('a new matching story is posted once', async () => {
    const config = h.config();
    await h.poll(config);
    h.feeds.publish('africa', journalists());
    const second = await h.poll(config);
    expect(second.summary).toMatchObject({ newStories: 1, matched: 1, posted: 1, failed: 0 });
    expect(embedTitles(h)).toEqual([journalists().title]);
    const third = await h.poll(config);
    expect(third.summary).toMatchObject({ notModified: 1, newStories: 0, posted: 0 });
    expect(h.discord.messages).toHaveLength(1);
    expect(h.discord.invalid).toEqual([]);
  });

  it('the post carries the summary, key quotes with speakers, the topic and the story metadata', async () => {
    const config = h.config();
    await h.poll(config);
    h.feeds.publish('africa', journalists());
    await h.poll(config);
    const body = h.discord.messages[0]?.body as {
      embeds: Array<{
        title: string;
        url: string;
        description: string;
        fields: Array<{ name: string; value: string }>;
        footer: { text: string };
        timestamp: string;
        image: { url: string };
      }>;
      allowed_mentions: { parse: string[] };
    };
    const embed = body.embeds[0];
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(embed?.url).toBe(h.feeds.articleUrl(journalists()));
    expect(embed?.description).toContain('detained three journalists');
    expect(embed?.description).not.toMatch(/FILE|Accessibility|Breaking News/);
    expect(embed?.fields.map((f) => f.name.split(',')[0])).toEqual(
      expect.arrayContaining(['Amina Odhiambo', 'Daniel Kiprono']),
    );
    expect(embed?.footer.text).toMatch(/^Human rights · /);
    expect(embed?.timestamp).toBe(journalists().published.toISOString());
    expect(embed?.image.url).toMatch(/^https:\/\/gdb\.voanews\.com\//);
  });

  it('stories are posted oldest first', async () => {
    const config = h.config();
    await h.poll(config);
    for (const story of [journalists(), disappeared()].reverse()) h.feeds.publish('africa', story);
    await h.poll(config);
    expect(embedTitles(h)).toEqual([journalists().title, disappeared().title]);
  });

  it('a non-matching story is not posted', async () => {
    const config = h.config();
    await h.poll(config);
    h.feeds.publish('africa', marathon());
    const run = await h.poll(config);
    expect(run.summary).toMatchObject({ newStories: 1, matched: 0, posted: 0 });
    expect(h.discord.messages).toHaveLength(0);
    expect(run.posterLoaded).toBe(false);
  });

  it('a story in two feeds is posted once per channel', async () => {
    const config = h.config({
      feeds: [
        { id: 'africa', url: h.feeds.feedUrl('africa') },
        { id: 'world', url: h.feeds.feedUrl('world') },
      ],
      channels: [
        { id: 'rights', webhookUrl: h.discord.webhookUrl('111111111111111111'), topics: ['human-rights'] },
        { id: 'desk', webhookUrl: h.discord.webhookUrl('222222222222222222'), topics: ['human-rights'] },
      ],
    });
    h.feeds.setStories('world', stories.before.slice(0, 1));
    await h.poll(config);
    h.feeds.publish('africa', journalists());
    h.feeds.publish('world', journalists());
    const run = await h.poll(config);
    expect(run.summary).toMatchObject({ newStories: 1, matched: 1, posted: 2 });
    expect(h.discord.messages.map((m) => m.targetId).sort()).toEqual([
      '111111111111111111',
      '222222222222222222',
    ]);
    await h.poll(config);
    expect(h.discord.messages).toHaveLength(2);
  });

  it('a 304 causes no store writes and does not load the Discord module', async () => {
    const config = h.config();
    await h.poll(config);
    const run = await h.poll(config);
    expect(run.summary).toMatchObject({ notModified: 1, newStories: 0, posted: 0 });
    expect(run.writes).toBe(0);
    expect(Object.fromEntries(run.requests)).toEqual({ BatchGetItem: 1 });
    expect(run.posterLoaded).toBe(false);
    expect(run.analyzerLoaded).toBe(false);
    expect(h.feeds.requests.at(-1)).toMatchObject({ status: 304, conditional: true });
  });

  it('stories older than maxAgeHours are never posted', async () => {
    const config = h.config({ maxAgeHours: 2 });
    await h.poll(config);
    h.feeds.publish('africa', journalists()); // 3 hours old
    h.feeds.publish('africa', disappeared()); // 1 hour old
    const run = await h.poll(config);
    expect(run.summary).toMatchObject({ newStories: 1, posted: 1 });
    expect(embedTitles(h)).toEqual([disappeared().title]);
  });

  it.each([
    [
      '429',
      {
        status: 429,
        headers: { 'retry-after': '30' },
        body: { message: 'You are being rate limited.', retry_after: 30, global: false },
      },
    ],
    ['500', { status: 500, body: { message: 'Internal Server Error', code: 0 } }],
  ])('a Discord %s leaves the delivery pending, and the next poll posts it', async (_name, response) => {
    const config = h.config();
    await h.poll(config);
    h.feeds.publish('africa', journalists());
    h.discord.failNext(response);
    const failed = await h.poll(config);
    expect(failed.summary).toMatchObject({ newStories: 1, matched: 1, posted: 0, failed: 1, pending: 1 });
    expect(h.discord.messages).toHaveLength(0);
    const retried = await h.poll(config);
    expect(retried.summary).toMatchObject({ newStories: 0, posted: 1, failed: 0 });
    expect(embedTitles(h)).toEqual([journalists().title]);
    const after = await h.poll(config);
    expect(after.summary.posted).toBe(0);
    expect(h.discord.messages).toHaveLength(1);
  });

  it('a malformed feed is reported, and the other feeds go on', async () => {
    const config = h.config({
      feeds: [
        { id: 'africa', url: h.feeds.feedUrl('africa') },
        { id: 'broken', url: h.feeds.feedUrl('broken') },
      ],
    });
    h.feeds.setStories('broken', []);
    await h.poll(config);
    h.feeds.setFault('broken', { kind: 'body', body: '<rss><channel><item><title>cut off' });
    h.feeds.publish('africa', journalists());
    const run = await h.poll(config);
    expect(run.summary).toMatchObject({ feeds: 2, feedErrors: 1, posted: 1 });
    expect(h.logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'feed failed',
        fields: expect.objectContaining({ feedId: 'broken' }),
      }),
    );
    const states = await h.store.listFeedStates();
    expect(states.find((s) => s.feedId === 'broken')).toMatchObject({ consecutiveFailures: 1 });
    expect(states.find((s) => s.feedId === 'broken')?.lastError).toMatch(/malformed feed/);
  });

  it('an article that is gone (404) is decided from the feed description at once, and says so', async () => {
    const config = h.config();
    await h.poll(config);
    h.feeds.publish('africa', journalists());
    h.feeds.setFault(`/a/${journalists().slug}/${journalists().id}.html`, { kind: 'status', status: 404 });
    const run = await h.poll(config);
    expect(run.summary).toMatchObject({ newStories: 1, retrying: 0, fromDescription: 1 });
    expect(h.logger.lines).toContainEqual(
      expect.objectContaining({
        message: 'deciding from the RSS description',
        fields: expect.objectContaining({ why: expect.stringContaining('HTTP 404') }),
      }),
    );
    const { fromDescription } = await h.store.listStoryIssues(10);
    expect(fromDescription.map((s) => [s.title, s.fromDescription])).toEqual([
      [journalists().title, expect.stringContaining('HTTP 404')],
    ]);
  });

  it('an article that fails for two polls (503) waits, and the third poll decides it from its page and posts it once', async () => {
    const config = h.config();
    await h.poll(config);
    h.feeds.publish('africa', journalists());
    const path = `/a/${journalists().slug}/${journalists().id}.html`;
    h.feeds.setFault(path, { kind: 'status', status: 503 });
    const first = await h.poll(config);
    const second = await h.poll(config);
    expect([first.summary.retrying, second.summary.retrying]).toEqual([1, 1]);
    expect(h.discord.messages).toHaveLength(0);

    h.feeds.setFault(path, undefined);
    const third = await h.poll(config);
    const fourth = await h.poll(config);

    expect(third.summary).toMatchObject({ retrying: 0, fromDescription: 0, matched: 1, posted: 1 });
    expect(fourth.summary.posted).toBe(0);
    expect(h.discord.messages).toHaveLength(1);
  });

  it('a topic of your own routes its stories to its channel', async () => {
    const config = h.config({
      topics: [
        {
          id: 'running',
          label: 'Running',
          threshold: 4,
          terms: { marathon: 3, runners: 2, 'course change': 2 },
        },
      ],
      channels: [
        { id: 'rights', webhookUrl: h.discord.webhookUrl('111111111111111111'), topics: ['human-rights'] },
        { id: 'sport', webhookUrl: h.discord.webhookUrl('222222222222222222'), topics: ['running'] },
      ],
    });
    await h.poll(config);
    h.feeds.publish('africa', marathon());
    h.feeds.publish('africa', journalists());
    const run = await h.poll(config);
    expect(run.summary).toMatchObject({ newStories: 2, matched: 2, posted: 2 });
    const byChannel = Object.fromEntries(
      h.discord.messages.map((m) => [
        m.targetId,
        (m.body as { embeds: Array<{ title: string }> }).embeds[0]?.title,
      ]),
    );
    expect(byChannel).toEqual({
      '111111111111111111': journalists().title,
      '222222222222222222': marathon().title,
    });
  });

  it('a dry run writes nothing and posts nothing', async () => {
    const config = h.config();
    await h.poll(config);
    h.feeds.publish('africa', journalists());
    const dry = await h.poll(config, { dryRun: true });
    expect(dry.summary).toMatchObject({ newStories: 1, matched: 1, posted: 0, dryRun: true });
    expect(dry.writes).toBe(0);
    expect(dry.events.filter((e) => e.type === 'preview')).toHaveLength(1);
    expect(h.discord.messages).toHaveLength(0);
    const real = await h.poll(config);
    expect(real.summary.posted).toBe(1);
  });
});
