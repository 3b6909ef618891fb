import { afterEach, describe, expect, it } from 'vitest';
import { sampleStories } from '../../functions/local/sample-stories.ts';
import type { SampleStory } from '../../functions/local/voa-pages.ts';
import { type Harness, startHarness } from '../support/poll-harness.ts';

/** What polls cost in DynamoDB requests and writes, over real HTTP and a real store (dynalite). */

const FEEDS = 15;
const feedIds = Array.from({ length: FEEDS }, (_, i) => `feed-${i}`);

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A story of the demo's kind under a fresh id: rights stories and a marathon, alternating. */
function storyNumber(n: number, now: Date): SampleStory {
  const [journalists, marathon, disappeared] = sampleStories(now).after as [
    SampleStory,
    SampleStory,
    SampleStory,
  ];
  const base = [journalists, marathon, disappeared][n % 3] as SampleStory;
  return {
    ...base,
    id: 7_300_000 + n,
    slug: `${base.slug}-${n}`,
    published: new Date(now.getTime() - (60 - n) * 60_000),
  };
}

async function seededFeeds(harness: Harness) {
  const old = feedIds.map(
    (id, i) =>
      [
        id,
        [
          {
            ...storyNumber(100 + i, harness.now),
            published: new Date(harness.now.getTime() - 3 * 3_600_000),
          },
        ],
      ] as const,
  );
  for (const [id, stories] of old) harness.feeds.setStories(id, [...stories]);
  const config = harness.config({ feeds: feedIds.map((id) => ({ id, url: harness.feeds.feedUrl(id) })) });
  await harness.poll(config);
  return { config, old: new Map(old) };
}

describe('what a poll costs', () => {
  it('an idle poll of 15 feeds whose server re-stamps lastBuildDate (so never a 304) is one request and no writes', async () => {
    h = await startHarness({ restamp: true });
    const { config } = await seededFeeds(h);

    const idle = await h.poll(config);

    expect(idle.summary).toMatchObject({ feeds: FEEDS, notModified: FEEDS, newStories: 0 });
    expect(Object.fromEntries(idle.requests)).toEqual({ BatchGetItem: 1 });
    expect(idle.writes).toBe(0);
    expect(h.feeds.requests.filter((r) => r.status === 304)).toHaveLength(0);
  });

  it('an idle poll of 15 feeds that answer 304 is one request and no writes', async () => {
    h = await startHarness();
    const { config } = await seededFeeds(h);

    const idle = await h.poll(config);

    expect(idle.summary.notModified).toBe(FEEDS);
    expect(Object.fromEntries(idle.requests)).toEqual({ BatchGetItem: 1 });
    expect(idle.writes).toBe(0);
  });

  it('a busy poll of 30 new stories writes at most one request per new story plus three per delivery', async () => {
    h = await startHarness();
    const { config, old } = await seededFeeds(h);
    let n = 0;
    for (const id of feedIds)
      h.feeds.setStories(id, [storyNumber(n++, h.now), storyNumber(n++, h.now), ...(old.get(id) ?? [])]);

    const busy = await h.poll({ ...config, delivery: { ...config.delivery, maxPerPoll: 100 } });

    expect(busy.summary.newStories).toBe(30);
    expect(busy.summary.posted).toBe(20);
    expect(busy.writes).toBeLessThanOrEqual(30 + 3 * busy.summary.posted);
  });
});
