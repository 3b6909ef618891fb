import type {
  ChannelState,
  DeliveryId,
  DeliveryRecord,
  DeliveryStatus,
  FeedState,
  PollState,
  StateStore,
  StoryDecision,
  StoryRecord,
} from '../core/ports.ts';
import { toDelivery } from '../core/story-record.ts';
import type { DynamoClient } from './dynamo-client.ts';
import { createDocumentClient } from './dynamo-document.ts';
import {
  ABSENT,
  ABSENT_NAMES,
  attempt,
  CHANNEL_PREFIX,
  channelKey,
  conditionalWrite,
  DIGEST_MEMBERS,
  decodeDeliveryId,
  digestKey,
  encodeDeliveryId,
  FEED_PREFIX,
  feedKey,
  fromItem,
  type Item,
  keyOf,
  OUTBOX_KEY,
  OUTBOX_MEMBERS,
  RETRIES_KEY,
  RETRY_ATTRIBUTE_PREFIX,
  STORY_PREFIX,
  StoreError,
  storyKey,
  stringSet,
  tableOps,
  toItem,
} from './dynamo-table.ts';
import { TABLE_KEY, TTL_ATTRIBUTE } from './table-schema.ts';

export { decodeDeliveryId, encodeDeliveryId, StoreError };

export interface DynamoStateStoreOptions {
  client: DynamoClient;
  tableName: string;
  /** Epoch milliseconds. Decides which records have expired; defaults to the system clock. */
  now?: () => number;
}

const PENDING: DeliveryStatus = 'pending';
const RETRYING: StoryDecision = 'retrying';

/** A story's deliveries as the core sees them: one record per channel, with what posting needs. */
function deliveriesOf(story: StoryRecord): DeliveryRecord[] {
  return Object.keys(story.deliveries ?? {}).map((channelId) => toDelivery(story, channelId));
}

/**
 * Creates the state store over one DynamoDB table (see `table-schema.ts` for its layout).
 *
 * The same adapter runs against AWS, DynamoDB Local and dynalite, so it uses only the operations that
 * dynalite implements: single-item and batch reads and writes, conditional writes, and scans. An idle poll
 * costs one BatchGetItem (`loadPollState`) and no writes. A story's deliveries live inside its record, so
 * deciding a matched story is one write, and each post one more. Records whose `expiresAt` (epoch seconds)
 * has passed are treated as absent, because DynamoDB's TTL deletes lazily and dynalite has no TTL at all.
 *
 * Expected outcomes are values (`recordStory` returns false, `claimDelivery` undefined); unexpected
 * failures throw a {@link StoreError} that carries the client's error as `cause`.
 *
 * @param options.client a DynamoDB client, already pointed at the right endpoint and region
 * @param options.tableName the table, created by the stack or by `createTableInput`
 * @param options.now the clock, in epoch milliseconds, that decides expiry (tests inject it)
 */
export function createDynamoStateStore(options: DynamoStateStoreOptions): StateStore {
  const { tableName } = options;
  const now = options.now ?? Date.now;
  const doc = createDocumentClient(options.client);
  const nowSeconds = (): number => Math.floor(now() / 1000);
  const table = tableOps(doc, tableName, nowSeconds);

  async function readStories(operation: string, keys: readonly string[]): Promise<Map<string, StoryRecord>> {
    const items = await table.batchGet(operation, keys.map(storyKey));
    return new Map(
      items.map((item) => [keyOf(item).slice(STORY_PREFIX.length), fromItem<StoryRecord>(item)]),
    );
  }

  /** A conditional update of one delivery inside its story: false when the condition did not hold. */
  function updateDelivery(
    operation: string,
    id: DeliveryId,
    update: { set: Record<string, unknown>; add?: Record<string, number>; condition: string },
    values: Record<string, unknown> = {},
    returnNew = false,
  ): Promise<Item | false> {
    const names: Record<string, string> = { '#deliveries': 'deliveries', '#channel': id.channelId };
    const assignments: string[] = [];
    const expressionValues: Record<string, unknown> = { ...values };
    let n = 0;
    for (const [field, value] of Object.entries(update.set)) {
      names[`#f${n}`] = field;
      expressionValues[`:v${n}`] = value;
      assignments.push(`#deliveries.#channel.#f${n} = :v${n}`);
      n++;
    }
    const additions = Object.entries(update.add ?? {}).map(([field, value]) => {
      names[`#f${n}`] = field;
      expressionValues[`:v${n}`] = value;
      return `#deliveries.#channel.#f${n} :v${n++}`;
    });
    for (const match of update.condition.matchAll(/#(\w+)/g)) {
      const name = match[1] as string;
      if (!(`#${name}` in names)) names[`#${name}`] = name === 'ttl' ? TTL_ATTRIBUTE : name;
    }
    let attributes: Item | undefined;
    return conditionalWrite(operation, async () => {
      const output = await doc.update({
        TableName: tableName,
        Key: { [TABLE_KEY]: storyKey(id.storyKey) },
        UpdateExpression: `SET ${assignments.join(', ')}${additions.length ? ` ADD ${additions.join(', ')}` : ''}`,
        ConditionExpression: update.condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: expressionValues,
        ...(returnNew ? { ReturnValues: 'ALL_NEW' as const } : {}),
      });
      attributes = output.Attributes;
    }).then((won) => (won ? (attributes ?? {}) : false));
  }

  /** A story decision or retry, unless the story was decided meanwhile: a retrying record may be replaced. */
  function putUndecided(operation: string, record: StoryRecord): Promise<boolean> {
    return conditionalWrite(operation, () =>
      doc.put({
        TableName: tableName,
        Item: toItem(storyKey(record.key), record),
        ConditionExpression: `${ABSENT} OR #decision = :retrying`,
        ExpressionAttributeNames: { ...ABSENT_NAMES, '#decision': 'decision' },
        ExpressionAttributeValues: { ':nowSeconds': nowSeconds(), ':retrying': RETRYING },
      }),
    );
  }

  const pendingCondition = '#deliveries.#channel.#status = :pending';

  return {
    async loadPollState(feedIds, channelIds) {
      const items = await table.batchGet('loadPollState', [
        ...feedIds.map(feedKey),
        ...channelIds.map(channelKey),
        OUTBOX_KEY,
        RETRIES_KEY,
      ]);
      const state: PollState = { feeds: new Map(), channels: new Map(), outbox: [], retries: new Map() };
      for (const item of items) {
        const pk = keyOf(item);
        if (pk === OUTBOX_KEY) {
          state.outbox = stringSet(item[OUTBOX_MEMBERS])
            .sort()
            .map(decodeDeliveryId)
            .filter((id) => id !== undefined);
        } else if (pk === RETRIES_KEY) {
          for (const [name, value] of Object.entries(item)) {
            if (name.startsWith(RETRY_ATTRIBUTE_PREFIX) && typeof value === 'number')
              state.retries.set(name.slice(RETRY_ATTRIBUTE_PREFIX.length), value);
          }
        } else if (pk.startsWith(FEED_PREFIX)) {
          state.feeds.set(pk.slice(FEED_PREFIX.length), fromItem<FeedState>(item));
        } else if (pk.startsWith(CHANNEL_PREFIX)) {
          state.channels.set(pk.slice(CHANNEL_PREFIX.length), fromItem<ChannelState>(item));
        }
      }
      return state;
    },

    async saveFeedStates(states) {
      if (states.length === 1) {
        const [state] = states as [FeedState];
        await attempt('saveFeedStates', () =>
          doc.put({ TableName: tableName, Item: toItem(feedKey(state.feedId), state) }),
        );
        return;
      }
      await table.batchPut(
        'saveFeedStates',
        states.map((state) => toItem(feedKey(state.feedId), state)),
      );
    },

    async saveChannelState(state) {
      await attempt('saveChannelState', () =>
        doc.put({ TableName: tableName, Item: toItem(channelKey(state.channelId), state) }),
      );
    },

    getStories(keys) {
      return readStories('getStories', keys);
    },

    async putStories(records) {
      await table.batchPut(
        'putStories',
        records.map((record) => toItem(storyKey(record.key), record)),
      );
    },

    recordStory(record) {
      return putUndecided('recordStory', record);
    },

    saveRetry(record) {
      return putUndecided('saveRetry', record);
    },

    async trackRetries(entries) {
      if (entries.size === 0) return;
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const sets = [...entries].map(([key, at], i) => {
        names[`#k${i}`] = `${RETRY_ATTRIBUTE_PREFIX}${key}`;
        values[`:t${i}`] = at;
        return `#k${i} = :t${i}`;
      });
      await attempt('trackRetries', () =>
        doc.update({
          TableName: tableName,
          Key: { [TABLE_KEY]: RETRIES_KEY },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    },

    async untrackRetries(keys) {
      const unique = [...new Set(keys)];
      if (unique.length === 0) return;
      const names = Object.fromEntries(unique.map((key, i) => [`#k${i}`, `${RETRY_ATTRIBUTE_PREFIX}${key}`]));
      await attempt('untrackRetries', () =>
        doc.update({
          TableName: tableName,
          Key: { [TABLE_KEY]: RETRIES_KEY },
          UpdateExpression: `REMOVE ${Object.keys(names).join(', ')}`,
          ExpressionAttributeNames: names,
        }),
      );
    },

    addToOutbox(ids) {
      return table.updateSet('addToOutbox', OUTBOX_KEY, OUTBOX_MEMBERS, 'ADD', ids.map(encodeDeliveryId));
    },

    removeFromOutbox(ids) {
      return table.updateSet(
        'removeFromOutbox',
        OUTBOX_KEY,
        OUTBOX_MEMBERS,
        'DELETE',
        ids.map(encodeDeliveryId),
      );
    },

    async getDeliveries(ids) {
      const stories = await readStories(
        'getDeliveries',
        ids.map((id) => id.storyKey),
      );
      const seen = new Set<string>();
      const deliveries: DeliveryRecord[] = [];
      for (const id of ids) {
        const encoded = encodeDeliveryId(id);
        const story = stories.get(id.storyKey);
        const delivery = story && deliveriesOf(story).find((d) => d.channelId === id.channelId);
        if (!delivery || seen.has(encoded)) continue;
        seen.add(encoded);
        deliveries.push(delivery);
      }
      return deliveries;
    },

    async claimDelivery(id, claimedAt, leaseUntil) {
      const claimed = await updateDelivery(
        'claimDelivery',
        id,
        {
          set: { leaseUntil },
          add: { attempts: 1 },
          condition: `${pendingCondition} AND #deliveries.#channel.#leaseUntil < :now AND (attribute_not_exists(#ttl) OR #ttl > :nowSeconds)`,
        },
        { ':pending': PENDING, ':now': claimedAt, ':nowSeconds': Math.floor(claimedAt / 1000) },
        true,
      );
      if (!claimed) return undefined;
      return deliveriesOf(fromItem<StoryRecord>(claimed)).find((d) => d.channelId === id.channelId);
    },

    async markPosted(id, messageId, at) {
      const updated = await updateDelivery('markPosted', id, {
        set: { status: 'posted' satisfies DeliveryStatus, messageId, postedAt: at },
        condition: 'attribute_exists(#deliveries.#channel)',
      });
      if (!updated) throw new StoreError('markPosted', `no delivery ${encodeDeliveryId(id)}`);
    },

    async releaseDelivery(id, error) {
      // Not pending any more: another poll posted it or gave up on it, and there is nothing to release.
      await updateDelivery(
        'releaseDelivery',
        id,
        { set: { lastError: error, leaseUntil: 0 }, condition: pendingCondition },
        { ':pending': PENDING },
      );
    },

    async markFailed(id, reason, at) {
      // Only a pending delivery can fail: one that another poll has posted in the meantime stays posted.
      await updateDelivery(
        'markFailed',
        id,
        {
          set: { status: 'failed' satisfies DeliveryStatus, lastError: reason, failedAt: at },
          condition: pendingCondition,
        },
        { ':pending': PENDING },
      );
    },

    addToDigest(channelId, keys) {
      return table.updateSet('addToDigest', digestKey(channelId), DIGEST_MEMBERS, 'ADD', keys);
    },

    async loadDigests(channelIds) {
      const items = await table.batchGet('loadDigests', channelIds.map(digestKey));
      const byKey = new Map(items.map((item) => [keyOf(item), item]));
      return new Map(
        channelIds.map((id) => [id, stringSet(byKey.get(digestKey(id))?.[DIGEST_MEMBERS]).sort()]),
      );
    },

    claimDigest(channelId, claimedAt, leaseUntil) {
      return conditionalWrite('claimDigest', () =>
        doc.update({
          TableName: tableName,
          Key: { [TABLE_KEY]: digestKey(channelId) },
          UpdateExpression: 'SET #lease = :leaseUntil',
          ConditionExpression: 'attribute_not_exists(#lease) OR #lease < :now',
          ExpressionAttributeNames: { '#lease': 'leaseUntil' },
          ExpressionAttributeValues: { ':leaseUntil': leaseUntil, ':now': claimedAt },
        }),
      );
    },

    async finishDigest(channelId, posted, at) {
      await attempt('finishDigest', () =>
        doc.update({
          TableName: tableName,
          Key: { [TABLE_KEY]: digestKey(channelId) },
          UpdateExpression: `SET #lease = :zero, #at = :at${posted.length ? ' DELETE #members :posted' : ''}`,
          ExpressionAttributeNames: {
            '#lease': 'leaseUntil',
            '#at': 'lastPostedAt',
            ...(posted.length ? { '#members': DIGEST_MEMBERS } : {}),
          },
          ExpressionAttributeValues: {
            ':zero': 0,
            ':at': at,
            ...(posted.length ? { ':posted': new Set(posted) } : {}),
          },
        }),
      );
    },

    async listDeliveries(status, limit = Number.POSITIVE_INFINITY) {
      const items = await table.scanPrefix('listDeliveries', STORY_PREFIX, {
        expression: 'attribute_exists(#deliveries)',
        names: { '#deliveries': 'deliveries' },
        values: {},
      });
      return items
        .flatMap((item) => deliveriesOf(fromItem<StoryRecord>(item)))
        .filter((d) => d.status === status && !(status === 'pending' && d.digest))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .slice(0, limit);
    },

    async listFeedStates() {
      const items = await table.scanPrefix('listFeedStates', FEED_PREFIX);
      return items.map((item) => fromItem<FeedState>(item)).sort((a, b) => a.feedId.localeCompare(b.feedId));
    },

    async listChannelStates() {
      const items = await table.scanPrefix('listChannelStates', CHANNEL_PREFIX);
      return items
        .map((item) => fromItem<ChannelState>(item))
        .sort((a, b) => a.channelId.localeCompare(b.channelId));
    },

    /**
     * A Scan of the whole table with a filter (matched stories, and the topic when given), sorted here:
     * the table has no index by date. Its cost grows with the table, which TTL bounds to the stories of
     * the last weeks; an index on the publication date is the change to make if that ever gets slow.
     */
    async listRecentStories({ topic, limit }) {
      if (!(limit > 0)) return [];
      const names: Record<string, string> = { '#decision': 'decision' };
      const values: Record<string, unknown> = { ':matched': 'matched' satisfies StoryDecision };
      let expression = '#decision = :matched';
      if (topic !== undefined) {
        // `contains` on a list compares whole elements: `rights` does not match `human-rights`.
        expression += ' AND contains(#topics, :topic)';
        names['#topics'] = 'topics';
        values[':topic'] = topic;
      }
      const items = await table.scanPrefix('listRecentStories', STORY_PREFIX, { expression, names, values });
      return newestFirst(items.map((item) => fromItem<StoryRecord>(item))).slice(0, limit);
    },

    async listStoryIssues(limit) {
      const items = await table.scanPrefix('listStoryIssues', STORY_PREFIX, {
        expression: '#decision = :retrying OR attribute_exists(#described)',
        names: { '#decision': 'decision', '#described': 'fromDescription' },
        values: { ':retrying': RETRYING },
      });
      const stories = newestFirst(items.map((item) => fromItem<StoryRecord>(item)));
      return {
        retrying: stories.filter((s) => s.decision === RETRYING).slice(0, limit),
        fromDescription: stories.filter((s) => s.fromDescription !== undefined).slice(0, limit),
      };
    },
  };
}

/** Newest first by pubDate, else when Herald decided, then by key. */
function newestFirst(stories: StoryRecord[]): StoryRecord[] {
  return stories
    .map((story) => ({ story, at: storyTime(story) }))
    .sort((a, b) => b.at - a.at || a.story.key.localeCompare(b.story.key))
    .map(({ story }) => story);
}

/** When a story happened, for ordering: its pubDate, else when Herald decided it. */
function storyTime(story: StoryRecord): number {
  const published = story.published === undefined ? Number.NaN : Date.parse(story.published);
  if (!Number.isNaN(published)) return published;
  const decided = Date.parse(story.decidedAt);
  return Number.isNaN(decided) ? 0 : decided;
}
