import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createDynamoStateStore, StoreError } from '../../functions/adapters/dynamo-state-store.ts';
import {
  EmbeddedDynamoError,
  ensureTable,
  startEmbeddedDynamo,
} from '../../functions/adapters/embedded-dynamo.ts';
import { createLocalDynamoClient } from '../../functions/adapters/local-dynamo-client.ts';
import type {
  ChannelState,
  DeliveryId,
  DeliveryRecord,
  FeedState,
  StateStore,
  StoryDelivery,
  StoryRecord,
} from '../../functions/core/ports.ts';
import type { OutgoingPost } from '../../functions/core/render-post.ts';
import { countRequests, type LocalDynamo, startDynalite, WRITE_OPERATIONS } from '../support/dynalite.ts';
import { startDynamoDbLocal } from '../support/dynamodb-local.ts';

const NOW = Date.parse('2025-06-01T12:00:00.000Z');
const NOW_SECONDS = NOW / 1000;
const DAY_SECONDS = 86_400;
const LEASE_MS = 120_000;

function story(key: string, overrides: Partial<StoryRecord> = {}): StoryRecord {
  return {
    key,
    url: `https://www.voanews.com/a/story/${key}.html`,
    title: `Story ${key}`,
    published: '2025-06-01T10:00:00.000Z',
    decidedAt: '2025-06-01T12:00:00.000Z',
    decision: 'matched',
    topics: ['human-rights'],
    channels: ['rights'],
    expiresAt: NOW_SECONDS + 30 * DAY_SECONDS,
    ...overrides,
  };
}

const POST: OutgoingPost = {
  embeds: [
    {
      title: 'US, China Trade Accusations on Human Rights',
      url: 'https://www.voanews.com/a/us-china/123.html',
      description: 'Annual human rights talks have produced few visible results.',
      author: { name: 'VOA News · East Asia' },
      fields: [{ name: 'Michael Posner', value: '> "Political reforms have not kept pace."' }],
      footer: { text: 'Human rights · human rights, political reforms' },
      timestamp: '2025-06-01T10:00:00.000Z',
    },
  ],
  allowed_mentions: { parse: [] },
};

function storyDelivery(id: DeliveryId, overrides: Partial<StoryDelivery> = {}): StoryDelivery {
  return {
    status: 'pending',
    attempts: 1,
    leaseUntil: NOW + LEASE_MS,
    nonce: `nonce-${id.storyKey}-${id.channelId}`,
    createdAt: '2025-06-01T12:00:00.000Z',
    ...overrides,
  };
}

/** A matched story with a delivery to each of these channels, as a poll records it. */
function storyWithDeliveries(
  key: string,
  channels: Record<string, Partial<StoryDelivery>>,
  overrides: Partial<StoryRecord> = {},
): StoryRecord {
  return story(key, {
    channels: Object.keys(channels),
    post: POST,
    deliveries: Object.fromEntries(
      Object.entries(channels).map(([channelId, d]) => [
        channelId,
        storyDelivery({ storyKey: key, channelId }, d),
      ]),
    ),
    ...overrides,
  });
}

/** Records one delivery (its story holding only that one); false when the story was decided already. */
function createDelivery(
  store: StateStore,
  id: DeliveryId,
  overrides: Partial<StoryDelivery> = {},
  story: Partial<StoryRecord> = {},
) {
  return store.recordStory(storyWithDeliveries(id.storyKey, { [id.channelId]: overrides }, story));
}

/** The delivery as `getDeliveries` and `claimDelivery` return it. */
function expected(id: DeliveryId, overrides: Partial<StoryDelivery> = {}): DeliveryRecord {
  return {
    ...storyDelivery(id, overrides),
    ...id,
    message: POST,
    title: `Story ${id.storyKey}`,
    publishedAt: '2025-06-01T10:00:00.000Z',
  };
}

function feedState(feedId: string, overrides: Partial<FeedState> = {}): FeedState {
  return { feedId, consecutiveFailures: 0, itemsSeen: 0, ...overrides };
}

const backends: { name: string; start: () => Promise<LocalDynamo> }[] = [
  { name: 'dynalite', start: () => startDynalite() },
  { name: 'DynamoDB Local', start: startDynamoDbLocal },
];

describe.each(backends)('the state store on $name', ({ start }) => {
  let db: LocalDynamo;
  let requests: Map<string, number>;
  let tableName: string;
  let store: StateStore;

  const writes = (): number => WRITE_OPERATIONS.reduce((sum, op) => sum + (requests.get(op) ?? 0), 0);

  beforeAll(async () => {
    db = await start();
    requests = countRequests(db.client);
  });

  afterAll(async () => {
    await db?.stop();
  });

  beforeEach(async () => {
    tableName = `herald-${randomUUID()}`;
    await ensureTable(db.sdk, tableName);
    store = createDynamoStateStore({ client: db.client, tableName, now: () => NOW });
    requests.clear();
  });

  describe('poll state', () => {
    test('an empty table yields no feeds, no channels, an empty outbox and no retries', async () => {
      const state = await store.loadPollState(['world'], ['rights']);

      expect(state.feeds.size).toBe(0);
      expect(state.channels.size).toBe(0);
      expect(state.outbox).toEqual([]);
      expect(state.retries.size).toBe(0);
    });

    test('a poll loads feeds, channels and the outbox in one BatchGetItem and no writes', async () => {
      const world = feedState('world', {
        etag: '"abc"',
        seededAt: '2025-05-01T00:00:00.000Z',
        itemsSeen: 12,
      });
      const rights: ChannelState = { channelId: 'rights', health: 'ok' };
      await store.saveFeedStates([world]);
      await store.saveChannelState(rights);
      await store.addToOutbox([{ storyKey: 'voa:1', channelId: 'rights' }]);
      requests.clear();

      const state = await store.loadPollState(['world', 'asia'], ['rights', 'ops']);

      expect(Object.fromEntries(requests)).toEqual({ BatchGetItem: 1 });
      expect(writes()).toBe(0);
      expect([...state.feeds]).toEqual([['world', world]]);
      expect([...state.channels]).toEqual([['rights', rights]]);
      expect(state.outbox).toEqual([{ storyKey: 'voa:1', channelId: 'rights' }]);
    });

    test('more than 100 feeds and channels are read in chunks of 100', async () => {
      const feedIds = Array.from({ length: 120 }, (_, i) => `feed-${i}`);
      await Promise.all(feedIds.slice(0, 110).map((id) => store.saveFeedStates([feedState(id)])));
      requests.clear();

      const state = await store.loadPollState(feedIds, ['rights']);

      expect(requests.get('BatchGetItem')).toBe(2);
      expect(state.feeds.size).toBe(110);
      expect(state.feeds.get('feed-109')).toEqual(feedState('feed-109'));
    });

    test('a saved feed state replaces the previous one, and dropped fields are gone', async () => {
      await store.saveFeedStates([
        feedState('world', { etag: '"v1"', lastError: 'HTTP 503', consecutiveFailures: 2 }),
      ]);
      const recovered = feedState('world', { etag: '"v2"', lastSuccessAt: '2025-06-01T12:00:00.000Z' });

      await store.saveFeedStates([recovered]);

      const state = await store.loadPollState(['world'], []);
      expect(state.feeds.get('world')).toStrictEqual(recovered);
    });

    test('a channel marked broken reads back broken with its reason', async () => {
      const broken: ChannelState = {
        channelId: 'rights',
        health: 'broken',
        reason: 'Discord 404: Unknown Webhook',
        since: '2025-06-01T12:00:00.000Z',
      };

      await store.saveChannelState(broken);

      const state = await store.loadPollState([], ['rights']);
      expect(state.channels.get('rights')).toEqual(broken);
    });
  });

  describe('story records', () => {
    test('stories read back by key, and unknown keys are absent', async () => {
      const known = story('voa:123');
      await store.putStories([known]);

      const stories = await store.getStories(['voa:123', 'voa:999']);

      expect([...stories]).toEqual([['voa:123', known]]);
    });

    test('no keys costs no request', async () => {
      const stories = await store.getStories([]);

      expect(stories.size).toBe(0);
      expect(requests.size).toBe(0);
    });

    test('over 100 keys are read in chunks of 100, and a repeated key is read once', async () => {
      const records = Array.from({ length: 130 }, (_, i) => story(`voa:${i}`));
      await store.putStories(records);
      requests.clear();

      const keys = [...records.map((r) => r.key), 'voa:0', 'voa:1', 'url:https://example.org/missing'];
      const stories = await store.getStories(keys);

      expect(requests.get('BatchGetItem')).toBe(2);
      expect(stories.size).toBe(130);
      expect(stories.get('voa:129')).toEqual(records[129]);
    });

    test('putStories writes more than 25 records in batches of 25', async () => {
      const records = Array.from({ length: 60 }, (_, i) => story(`guid:${i}`, { decision: 'seeded' }));

      await store.putStories(records);

      expect(Object.fromEntries(requests)).toEqual({ BatchWriteItem: 3 });
      const stories = await store.getStories(records.map((r) => r.key));
      expect(stories.size).toBe(60);
    });

    test('putStories keeps the last record when a key repeats', async () => {
      await store.putStories([story('voa:1', { title: 'first' }), story('voa:1', { title: 'second' })]);

      const stories = await store.getStories(['voa:1']);

      expect(stories.get('voa:1')?.title).toBe('second');
    });

    test('putStories with no records writes nothing', async () => {
      await store.putStories([]);

      expect(requests.size).toBe(0);
    });

    test('an expired story is treated as absent', async () => {
      await store.putStories([
        story('voa:old', { expiresAt: NOW_SECONDS - 1 }),
        story('voa:now', { expiresAt: NOW_SECONDS }),
        story('voa:live', { expiresAt: NOW_SECONDS + 1 }),
      ]);

      const stories = await store.getStories(['voa:old', 'voa:now', 'voa:live']);

      expect([...stories.keys()]).toEqual(['voa:live']);
    });

    test('a story is decided once: a second recordStory returns false and keeps the first decision', async () => {
      const first = story('voa:7', { decision: 'matched' });

      const recorded = await store.recordStory(first);
      const again = await store.recordStory(story('voa:7', { decision: 'unmatched' }));

      expect(recorded).toBe(true);
      expect(again).toBe(false);
      expect((await store.getStories(['voa:7'])).get('voa:7')).toEqual(first);
    });

    test('an expired decision can be recorded again', async () => {
      await store.putStories([story('voa:8', { decision: 'seeded', expiresAt: NOW_SECONDS - 60 })]);
      const fresh = story('voa:8', { decision: 'matched' });

      const recorded = await store.recordStory(fresh);

      expect(recorded).toBe(true);
      expect((await store.getStories(['voa:8'])).get('voa:8')).toEqual(fresh);
    });

    test('story keys that are URLs or hold "#" round-trip', async () => {
      const keys = ['url:https://example.org/a/b', 'guid:tag:voa,2025#1', 'guid:50%#off'];
      await store.putStories(keys.map((key) => story(key)));

      const stories = await store.getStories(keys);

      expect([...stories.keys()].sort()).toEqual([...keys].sort());
    });
  });

  describe('the outbox', () => {
    const a: DeliveryId = { storyKey: 'voa:1', channelId: 'rights' };
    const b: DeliveryId = { storyKey: 'voa:2', channelId: 'rights' };

    test('adding and removing are idempotent', async () => {
      await store.addToOutbox([a, b]);
      await store.addToOutbox([a]);
      expect((await store.loadPollState([], [])).outbox).toEqual([a, b]);

      await store.removeFromOutbox([a]);
      await store.removeFromOutbox([a]);
      expect((await store.loadPollState([], [])).outbox).toEqual([b]);

      await store.removeFromOutbox([b]);
      expect((await store.loadPollState([], [])).outbox).toEqual([]);
    });

    test('removing from an outbox that was never written leaves it empty', async () => {
      await store.removeFromOutbox([a]);

      expect((await store.loadPollState([], [])).outbox).toEqual([]);
    });

    test('empty adds and removes send no request', async () => {
      await store.addToOutbox([]);
      await store.removeFromOutbox([]);

      expect(requests.size).toBe(0);
    });

    test('ids whose parts hold "#" or "%" round-trip and do not collide', async () => {
      const tricky: DeliveryId[] = [
        { storyKey: 'a#b', channelId: 'c' },
        { storyKey: 'a', channelId: 'b#c' },
        { storyKey: 'guid:50%23', channelId: '%' },
        { storyKey: 'url:https://example.org/x?y#z', channelId: 'rights' },
      ];

      await store.addToOutbox(tricky);

      const { outbox } = await store.loadPollState([], []);
      expect(outbox).toHaveLength(4);
      expect(outbox).toEqual(expect.arrayContaining(tricky));
    });
  });

  describe('deliveries', () => {
    const id: DeliveryId = { storyKey: 'voa:123', channelId: 'rights' };

    test('a delivery is created once, with its story: a second decision returns false and keeps the first', async () => {
      const created = await createDelivery(store, id);
      const again = await createDelivery(store, id, { nonce: 'other' });

      expect(created).toBe(true);
      expect(again).toBe(false);
      expect(await store.getDeliveries([id])).toEqual([expected(id)]);
    });

    test('a story with deliveries to several channels is one write, and each reads back apart', async () => {
      requests.clear();
      await store.recordStory(
        storyWithDeliveries('voa:9', { rights: {}, desk: { attempts: 0, leaseUntil: 0 } }),
      );

      expect(writes()).toBe(1);
      const found = await store.getDeliveries([
        { storyKey: 'voa:9', channelId: 'desk' },
        { storyKey: 'voa:9', channelId: 'rights' },
      ]);
      expect(found.map((d) => [d.channelId, d.attempts])).toEqual([
        ['desk', 0],
        ['rights', 1],
      ]);
    });

    test('getDeliveries returns existing deliveries in the order asked, once each, and skips unknown ids', async () => {
      const other: DeliveryId = { storyKey: 'voa:124', channelId: 'rights' };
      await createDelivery(store, id);
      await createDelivery(store, other);

      const found = await store.getDeliveries([other, { storyKey: 'voa:0', channelId: 'rights' }, id, other]);

      expect(found.map((d) => d.storyKey)).toEqual(['voa:124', 'voa:123']);
    });

    test('deliveries whose ids differ only around "#" are distinct', async () => {
      const left: DeliveryId = { storyKey: 'a#b', channelId: 'c' };
      const right: DeliveryId = { storyKey: 'a', channelId: 'b#c' };

      expect(await createDelivery(store, left)).toBe(true);
      expect(await createDelivery(store, right)).toBe(true);

      const found = await store.getDeliveries([left, right]);
      expect(found.map(({ storyKey, channelId }) => ({ storyKey, channelId }))).toEqual([left, right]);
    });

    test('over 100 deliveries are read in chunks of 100', async () => {
      const ids = Array.from({ length: 101 }, (_, i) => ({ storyKey: `voa:${i}`, channelId: 'rights' }));
      await Promise.all(ids.map((each) => createDelivery(store, each)));
      requests.clear();

      const found = await store.getDeliveries(ids);

      expect(found).toHaveLength(101);
      expect(requests.get('BatchGetItem')).toBe(2);
    });

    test('an expired delivery is absent and can be created again', async () => {
      await createDelivery(store, id, {}, { expiresAt: NOW_SECONDS - 1 });

      expect(await store.getDeliveries([id])).toEqual([]);
      expect(await createDelivery(store, id)).toBe(true);
    });

    test('a live lease blocks a second claim', async () => {
      await createDelivery(store, id, { leaseUntil: NOW + LEASE_MS });

      const claimed = await store.claimDelivery(id, NOW + 1_000, NOW + 1_000 + LEASE_MS);

      expect(claimed).toBeUndefined();
      expect((await store.getDeliveries([id]))[0]?.attempts).toBe(1);
    });

    test('an expired lease can be reclaimed, and attempts goes up', async () => {
      await createDelivery(store, id, { leaseUntil: NOW + LEASE_MS });
      const later = NOW + LEASE_MS + 1;

      const claimed = await store.claimDelivery(id, later, later + LEASE_MS);

      expect(claimed).toEqual(expected(id, { attempts: 2, leaseUntil: later + LEASE_MS }));
    });

    test('a posted delivery cannot be claimed', async () => {
      await createDelivery(store, id);
      await store.markPosted(id, '1234567890', '2025-06-01T12:00:01.000Z');

      const claimed = await store.claimDelivery(id, NOW + 10 * LEASE_MS, NOW + 11 * LEASE_MS);

      expect(claimed).toBeUndefined();
    });

    test('claiming a delivery that does not exist returns undefined and creates nothing', async () => {
      const claimed = await store.claimDelivery(id, NOW, NOW + LEASE_MS);

      expect(claimed).toBeUndefined();
      expect(await store.getDeliveries([id])).toEqual([]);
    });

    test('concurrent claims of the same delivery: exactly one wins', async () => {
      const ids = Array.from({ length: 10 }, (_, i) => ({ storyKey: `voa:${i}`, channelId: 'rights' }));
      await Promise.all(ids.map((each) => createDelivery(store, each, { leaseUntil: 0 })));

      const results = await Promise.all(
        ids.map((each) => Promise.all([1, 2, 3].map(() => store.claimDelivery(each, NOW, NOW + LEASE_MS)))),
      );

      for (const claims of results) {
        expect(claims.filter((claim) => claim !== undefined)).toHaveLength(1);
      }
      const stored = await store.getDeliveries(ids);
      expect(stored.map((d) => d.attempts)).toEqual(ids.map(() => 2));
    });

    test('a released delivery can be claimed again at once, and keeps the error', async () => {
      await createDelivery(store, id, { leaseUntil: NOW + LEASE_MS });

      await store.releaseDelivery(id, 'Discord 503');
      const claimed = await store.claimDelivery(id, NOW + 1, NOW + 1 + LEASE_MS);

      expect(claimed?.attempts).toBe(2);
      expect(claimed?.lastError).toBe('Discord 503');
      expect(claimed?.status).toBe('pending');
    });

    test('releasing a posted delivery leaves it posted', async () => {
      await createDelivery(store, id);
      await store.markPosted(id, '42', '2025-06-01T12:00:01.000Z');

      await store.releaseDelivery(id, 'late failure');

      const [stored] = await store.getDeliveries([id]);
      expect(stored?.status).toBe('posted');
      expect(stored?.lastError).toBeUndefined();
    });

    test('markPosted records the message id and the time', async () => {
      await createDelivery(store, id);

      await store.markPosted(id, '1234567890', '2025-06-01T12:00:01.000Z');

      const [stored] = await store.getDeliveries([id]);
      expect(stored).toEqual(
        expected(id, { status: 'posted', messageId: '1234567890', postedAt: '2025-06-01T12:00:01.000Z' }),
      );
    });

    test('markPosted of a delivery that does not exist throws a StoreError', async () => {
      const marking = store.markPosted(id, '1', '2025-06-01T12:00:01.000Z');

      await expect(marking).rejects.toBeInstanceOf(StoreError);
      await expect(marking).rejects.toMatchObject({ operation: 'markPosted' });
      expect(await store.getDeliveries([id])).toEqual([]);
    });

    test('markFailed records the reason, and a failed delivery cannot be claimed', async () => {
      await createDelivery(store, id, { leaseUntil: 0 });

      await store.markFailed(id, 'Discord 400: Invalid Form Body', '2025-06-01T12:00:02.000Z');

      const [stored] = await store.getDeliveries([id]);
      expect(stored?.status).toBe('failed');
      expect(stored?.lastError).toBe('Discord 400: Invalid Form Body');
      expect(stored).toMatchObject({ failedAt: '2025-06-01T12:00:02.000Z' });
      expect(await store.claimDelivery(id, NOW + 10 * LEASE_MS, NOW + 11 * LEASE_MS)).toBeUndefined();
    });

    test('markFailed leaves a delivery that another poll posted as posted', async () => {
      await createDelivery(store, id);
      await store.markPosted(id, '42', '2025-06-01T12:00:01.000Z');

      await store.markFailed(id, 'attempts exhausted', '2025-06-01T12:00:02.000Z');

      const [stored] = await store.getDeliveries([id]);
      expect(stored?.status).toBe('posted');
      expect(stored?.messageId).toBe('42');
    });
  });

  describe('feed states in a batch', () => {
    test('many feed states are written in batches of 25, not one request each', async () => {
      const states = Array.from({ length: 30 }, (_, i) => feedState(`feed-${i}`, { itemsHash: `h${i}` }));
      requests.clear();

      await store.saveFeedStates(states);

      expect(requests.get('BatchWriteItem')).toBe(2);
      const loaded = await store.loadPollState(
        states.map((f) => f.feedId),
        [],
      );
      expect(loaded.feeds.get('feed-29')).toEqual(states[29]);
    });
  });

  describe('stories waiting for their page', () => {
    const retrying = (key: string) =>
      story(key, {
        decision: 'retrying',
        topics: [],
        channels: [],
        retry: {
          attempts: 1,
          firstTriedAt: '2025-06-01T12:00:00.000Z',
          nextTryAt: NOW,
          lastError: 'HTTP 503',
          item: {
            key,
            feedId: 'world',
            url: `https://www.voanews.com/a/${key}.html`,
            title: key,
            description: 'd',
            categories: [],
          },
        },
      });

    test('the retry index is read with the poll state, in the same single request', async () => {
      await store.trackRetries(
        new Map([
          ['voa:1', NOW],
          ['url:https://example.org/a#b', NOW + 1800_000],
        ]),
      );
      requests.clear();

      const state = await store.loadPollState(['world'], ['rights']);

      expect(Object.fromEntries(requests)).toEqual({ BatchGetItem: 1 });
      expect([...state.retries].sort()).toEqual([
        ['url:https://example.org/a#b', NOW + 1800_000],
        ['voa:1', NOW],
      ]);
    });

    test('untracking drops entries, and empty updates send no request', async () => {
      await store.trackRetries(
        new Map([
          ['voa:1', NOW],
          ['voa:2', NOW],
        ]),
      );
      await store.untrackRetries(['voa:1', 'voa:1']);
      expect([...(await store.loadPollState([], [])).retries.keys()]).toEqual(['voa:2']);
      requests.clear();
      await store.trackRetries(new Map());
      await store.untrackRetries([]);
      expect(requests.size).toBe(0);
    });

    test('a retrying story is replaced by its decision, and a decided story is never turned back into a retry', async () => {
      expect(await store.saveRetry(retrying('voa:1'))).toBe(true);
      expect(
        await store.saveRetry({
          ...retrying('voa:1'),
          retry: { ...(retrying('voa:1').retry as NonNullable<StoryRecord['retry']>), attempts: 2 },
        }),
      ).toBe(true);
      expect((await store.getStories(['voa:1'])).get('voa:1')?.retry?.attempts).toBe(2);

      expect(await store.recordStory(story('voa:1', { decision: 'unmatched' }))).toBe(true);
      expect(await store.saveRetry(retrying('voa:1'))).toBe(false);
      expect(await store.recordStory(story('voa:1'))).toBe(false);
      expect((await store.getStories(['voa:1'])).get('voa:1')?.decision).toBe('unmatched');
    });

    test('listStoryIssues lists the stories waiting for their page and those decided from their description', async () => {
      await store.saveRetry(retrying('voa:1'));
      await store.recordStory(story('voa:2', { fromDescription: 'its page could not be used (HTTP 404)' }));
      await store.recordStory(story('voa:3'));

      const issues = await store.listStoryIssues(10);

      expect(issues.retrying.map((s) => s.key)).toEqual(['voa:1']);
      expect(issues.fromDescription.map((s) => [s.key, s.fromDescription])).toEqual([
        ['voa:2', 'its page could not be used (HTTP 404)'],
      ]);
    });
  });

  describe('digests', () => {
    test("stories wait in a channel's digest until a run takes the posted ones out", async () => {
      await store.addToDigest('morning', ['voa:1', 'voa:2']);
      await store.addToDigest('morning', ['voa:2', 'url:https://example.org/x#y']);
      await store.addToDigest('evening', ['voa:3']);

      const digests = await store.loadDigests(['morning', 'evening', 'never']);
      expect(Object.fromEntries(digests)).toEqual({
        morning: ['url:https://example.org/x#y', 'voa:1', 'voa:2'],
        evening: ['voa:3'],
        never: [],
      });

      await store.finishDigest(
        'morning',
        ['voa:1', 'url:https://example.org/x#y'],
        '2025-06-01T12:00:00.000Z',
      );
      expect((await store.loadDigests(['morning'])).get('morning')).toEqual(['voa:2']);
    });

    test('a digest run is claimed once: a second run is refused until the first finishes or its lease ends', async () => {
      expect(await store.claimDigest('morning', NOW, NOW + LEASE_MS)).toBe(true);
      expect(await store.claimDigest('morning', NOW + 1, NOW + 1 + LEASE_MS)).toBe(false);
      expect(await store.claimDigest('morning', NOW + LEASE_MS + 1, NOW + 2 * LEASE_MS)).toBe(true);

      await store.finishDigest('morning', [], '2025-06-01T12:05:00.000Z');
      expect(await store.claimDigest('morning', NOW + LEASE_MS + 2, NOW + 3 * LEASE_MS)).toBe(true);
    });

    test('concurrent claims of one digest run: exactly one wins', async () => {
      const claims = await Promise.all(
        [1, 2, 3, 4].map(() => store.claimDigest('morning', NOW, NOW + LEASE_MS)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('status listings', () => {
    test('listDeliveries lists the deliveries in a status, up to a limit', async () => {
      const ids = Array.from({ length: 5 }, (_, i) => ({ storyKey: `voa:${i}`, channelId: 'rights' }));
      for (const [i, each] of ids.entries()) {
        await createDelivery(store, each, { createdAt: `2025-06-01T12:00:0${i}.000Z` });
      }
      await store.markPosted(ids[0] as DeliveryId, '1', '2025-06-01T12:01:00.000Z');
      await store.markFailed(ids[1] as DeliveryId, 'gone', '2025-06-01T12:01:00.000Z');
      // A story without deliveries, and a delivery waiting for a digest, are not pending posts.
      await store.putStories([story('voa:99')]);
      await createDelivery(
        store,
        { storyKey: 'voa:98', channelId: 'morning' },
        { digest: true, attempts: 0 },
      );

      const pending = await store.listDeliveries('pending');
      const posted = await store.listDeliveries('posted');
      const failed = await store.listDeliveries('failed');
      const two = await store.listDeliveries('pending', 2);

      expect(pending.map((d) => d.storyKey)).toEqual(['voa:2', 'voa:3', 'voa:4']);
      expect(posted.map((d) => d.storyKey)).toEqual(['voa:0']);
      expect(failed.map((d) => d.lastError)).toEqual(['gone']);
      expect(two).toHaveLength(2);
    });

    test('listFeedStates and listChannelStates list every feed and channel, and nothing else', async () => {
      await store.saveFeedStates([feedState('world')]);
      await store.saveFeedStates([feedState('asia', { consecutiveFailures: 3, lastError: 'HTTP 500' })]);
      await store.saveChannelState({ channelId: 'rights', health: 'ok' });
      await createDelivery(store, { storyKey: 'voa:1', channelId: 'rights' });
      await store.addToOutbox([{ storyKey: 'voa:1', channelId: 'rights' }]);

      const feeds = await store.listFeedStates();
      const channels = await store.listChannelStates();

      expect(feeds).toEqual([
        feedState('asia', { consecutiveFailures: 3, lastError: 'HTTP 500' }),
        feedState('world'),
      ]);
      expect(channels).toEqual([{ channelId: 'rights', health: 'ok' }]);
    });

    test('listings page through a table larger than one scan page', async () => {
      const title = 'x'.repeat(20_000);
      await store.putStories(Array.from({ length: 60 }, (_, i) => story(`voa:${i}`, { title })));
      await store.saveFeedStates([feedState('world')]);

      const feeds = await store.listFeedStates();

      expect(feeds.map((f) => f.feedId)).toEqual(['world']);
      expect(requests.get('Scan')).toBeGreaterThan(1);
    });
  });

  describe('recent stories', () => {
    test('listRecentStories lists matched stories only, newest first by published, then decidedAt', async () => {
      await store.putStories([
        story('voa:1', { published: '2025-06-01T08:00:00.000Z' }),
        story('voa:2', { published: '2025-06-01T11:00:00.000Z' }),
        story('voa:3', { published: undefined, decidedAt: '2025-06-01T10:00:00.000Z' }),
        story('voa:4', { published: '2025-06-01T12:00:00.000Z', decision: 'unmatched', topics: [] }),
        story('voa:5', { published: '2025-06-01T12:00:00.000Z', decision: 'seeded', topics: [] }),
        story('voa:6', { published: '2025-06-01T12:00:00.000Z', decision: 'skipped', topics: [] }),
      ]);
      await store.saveFeedStates([feedState('world')]);

      const recent = await store.listRecentStories({ limit: 10 });

      expect(recent.map((s) => s.key)).toEqual(['voa:2', 'voa:3', 'voa:1']);
      expect(recent[0]).toEqual(story('voa:2', { published: '2025-06-01T11:00:00.000Z' }));
    });

    test('listRecentStories returns at most limit stories, the newest ones', async () => {
      await store.putStories(
        Array.from({ length: 12 }, (_, i) =>
          story(`voa:${i}`, { published: `2025-06-01T${String(i).padStart(2, '0')}:00:00.000Z` }),
        ),
      );

      const recent = await store.listRecentStories({ limit: 3 });

      expect(recent.map((s) => s.key)).toEqual(['voa:11', 'voa:10', 'voa:9']);
    });

    test('a topic lists only the stories that matched that topic, by exact id', async () => {
      await store.putStories([
        story('voa:1', { topics: ['human-rights'] }),
        story('voa:2', { topics: ['press-freedom', 'human-rights'] }),
        story('voa:3', { topics: ['press-freedom'] }),
        story('voa:4', { topics: ['rights'] }),
      ]);

      const press = await store.listRecentStories({ topic: 'press-freedom', limit: 10 });
      const rights = await store.listRecentStories({ topic: 'rights', limit: 10 });
      const none = await store.listRecentStories({ topic: 'elections', limit: 10 });

      expect(press.map((s) => s.key).sort()).toEqual(['voa:2', 'voa:3']);
      expect(rights.map((s) => s.key)).toEqual(['voa:4']);
      expect(none).toEqual([]);
    });

    test('an expired story is not listed', async () => {
      await store.putStories([
        story('voa:old', { expiresAt: NOW_SECONDS - 1, published: '2025-06-01T11:59:00.000Z' }),
        story('voa:live', { expiresAt: NOW_SECONDS + 1 }),
      ]);

      const recent = await store.listRecentStories({ limit: 10 });

      expect(recent.map((s) => s.key)).toEqual(['voa:live']);
    });

    test('a limit of zero lists nothing and sends no request', async () => {
      await store.putStories([story('voa:1')]);
      requests.clear();

      expect(await store.listRecentStories({ limit: 0 })).toEqual([]);
      expect(requests.size).toBe(0);
    });

    test('listRecentStories pages through a table larger than one scan page', async () => {
      const title = 'x'.repeat(20_000);
      await store.putStories(
        Array.from({ length: 60 }, (_, i) =>
          story(`voa:${i}`, { title, published: new Date(NOW - i * 60_000).toISOString() }),
        ),
      );
      requests.clear();

      const recent = await store.listRecentStories({ limit: 2 });

      expect(recent.map((s) => s.key)).toEqual(['voa:0', 'voa:1']);
      expect(requests.get('Scan')).toBeGreaterThan(1);
      expect(writes()).toBe(0);
    });
  });

  test('a missing table fails with a StoreError that names the operation and keeps the cause', async () => {
    const missing = createDynamoStateStore({
      client: db.client,
      tableName: `herald-missing-${randomUUID()}`,
    });

    const loading = missing.loadPollState(['world'], []);

    await expect(loading).rejects.toBeInstanceOf(StoreError);
    await expect(loading).rejects.toMatchObject({
      operation: 'loadPollState',
      cause: { name: 'ResourceNotFoundException' },
    });
  });
});

describe('the embedded store', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'herald-embedded-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  test('a second start on the same folder finds what the first one wrote', async () => {
    const path = join(folder, 'reopen');
    const first = await startEmbeddedDynamo({ path, tableName: 'herald' });
    const firstClient = createLocalDynamoClient(first.endpoint);
    await createDynamoStateStore({ client: firstClient, tableName: 'herald' }).saveFeedStates([
      feedState('world', { etag: '"kept"' }),
    ]);
    await first.close();

    const second = await startEmbeddedDynamo({ path, tableName: 'herald' });
    const secondClient = createLocalDynamoClient(second.endpoint);
    const state = await createDynamoStateStore({ client: secondClient, tableName: 'herald' }).loadPollState(
      ['world'],
      [],
    );
    await second.close();

    expect(state.feeds.get('world')?.etag).toBe('"kept"');
  });

  test('a folder held by a running store is refused with a clear error', async () => {
    const path = join(folder, 'held');
    const running = await startEmbeddedDynamo({ path, tableName: 'herald' });

    try {
      const starting = startEmbeddedDynamo({ path, tableName: 'herald' });

      await expect(starting).rejects.toBeInstanceOf(EmbeddedDynamoError);
      await expect(starting).rejects.toThrow(`in use by process ${process.pid}`);
    } finally {
      await running.close();
    }
  });

  test('a lock left by a process that has gone is taken over', async () => {
    const path = join(folder, 'stale');
    await mkdir(path, { recursive: true });
    await writeFile(join(path, 'herald.lock'), '2147483646');

    const embedded = await startEmbeddedDynamo({ path, tableName: 'herald' });
    await embedded.close();

    await expect(readdir(path)).resolves.not.toContain('herald.lock');
  });

  test('closing twice is harmless', async () => {
    const embedded = await startEmbeddedDynamo({ tableName: 'herald' });

    await embedded.close();

    await expect(embedded.close()).resolves.toBeUndefined();
  });
});
