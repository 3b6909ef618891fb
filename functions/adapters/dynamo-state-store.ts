import { setTimeout as sleep } from 'node:timers/promises';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mapLimit } from '../core/concurrency.ts';
import type {
  ChannelState,
  DeliveryId,
  DeliveryRecord,
  DeliveryStatus,
  FeedState,
  PollState,
  StateStore,
  StoryRecord,
} from '../core/ports.ts';
import { TABLE_KEY, TTL_ATTRIBUTE } from './table-schema.ts';

export interface DynamoStateStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  /** Epoch milliseconds. Decides which records have expired; defaults to the system clock. */
  now?: () => number;
}

/** An unexpected failure of the store: throttling past the SDK's retries, a missing table, a bad request. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  /** The store method that failed, e.g. `claimDelivery`. */
  readonly operation: string;

  constructor(operation: string, message: string, options?: { cause?: unknown }) {
    super(`state store ${operation} failed: ${message}`, options);
    this.operation = operation;
  }
}

type Item = Record<string, unknown>;

// DynamoDB's own limits per request.
const BATCH_GET_LIMIT = 100;
const BATCH_WRITE_LIMIT = 25;
// Unprocessed keys and items come back under throttling; the SDK has already retried the request itself,
// so a few short rounds are enough, and they keep a poll well inside the Lambda timeout (< 0.5 s in all).
const MAX_BATCH_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 20;
const CHUNK_CONCURRENCY = 4;

const OUTBOX_KEY = 'outbox';
const OUTBOX_MEMBERS = 'deliveries';
const FEED_PREFIX = 'feed#';
const CHANNEL_PREFIX = 'channel#';
const STORY_PREFIX = 'story#';
const DELIVERY_PREFIX = 'delivery#';

// Story keys are URLs or guids and may hold '#', the separator of a delivery id: escape '%' and '#'.
function escapePart(value: string): string {
  return value.replace(/[%#]/g, (char) => (char === '%' ? '%25' : '%23'));
}

function unescapePart(value: string): string {
  return value.replace(/%2[35]/g, (code) => (code === '%23' ? '#' : '%'));
}

/** A delivery id as one string, `<storyKey>#<channelId>` with both parts escaped: the outbox's members. */
export function encodeDeliveryId(id: DeliveryId): string {
  return `${escapePart(id.storyKey)}#${escapePart(id.channelId)}`;
}

export function decodeDeliveryId(value: string): DeliveryId | undefined {
  const parts = value.split('#');
  if (parts.length !== 2) return undefined;
  const [storyKey = '', channelId = ''] = parts;
  return { storyKey: unescapePart(storyKey), channelId: unescapePart(channelId) };
}

const feedKey = (feedId: string): string => `${FEED_PREFIX}${feedId}`;
const channelKey = (channelId: string): string => `${CHANNEL_PREFIX}${channelId}`;
const storyKey = (key: string): string => `${STORY_PREFIX}${key}`;
const deliveryKey = (id: DeliveryId): string => `${DELIVERY_PREFIX}${encodeDeliveryId(id)}`;

function toItem(pk: string, record: object): Item {
  return { ...record, [TABLE_KEY]: pk };
}

function fromItem<T>(item: Item): T {
  const record: Item = { ...item };
  delete record[TABLE_KEY];
  return record as T;
}

function keyOf(item: Item): string {
  const pk = item[TABLE_KEY];
  return typeof pk === 'string' ? pk : '';
}

function chunk<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < values.length; start += size) chunks.push(values.slice(start, start + size));
  return chunks;
}

function backoffMs(attempt: number): number {
  const cap = BACKOFF_BASE_MS * 2 ** (attempt - 1);
  return cap / 2 + Math.random() * (cap / 2);
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

function toStoreError(operation: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new StoreError(operation, detail, { cause: error });
}

async function attempt<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toStoreError(operation, error);
  }
}

/** Runs a conditional write: false when its condition did not hold. */
async function conditionalWrite(operation: string, run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw toStoreError(operation, error);
  }
}

/**
 * Creates the state store over one DynamoDB table (see `table-schema.ts` for its layout).
 *
 * The same adapter runs against AWS, DynamoDB Local and dynalite, so it uses only the operations that
 * dynalite implements: single-item and batch reads and writes, conditional writes, and scans. An idle poll
 * costs one BatchGetItem (`loadPollState`) and no writes. Records whose `expiresAt` (epoch seconds) has
 * passed are treated as absent, because DynamoDB's TTL deletes lazily and dynalite has no TTL at all.
 *
 * Expected outcomes are values (`recordStory` and `createDelivery` return false, `claimDelivery` returns
 * undefined); unexpected failures throw a {@link StoreError} that carries the SDK error as `cause`.
 *
 * @param options.client a DynamoDB client, already pointed at the right endpoint and region
 * @param options.tableName the table, created by the stack or by `createTableInput`
 * @param options.now the clock, in epoch milliseconds, that decides expiry (tests inject it)
 */
export function createDynamoStateStore(options: DynamoStateStoreOptions): StateStore {
  const { tableName } = options;
  const now = options.now ?? Date.now;
  const doc = DynamoDBDocumentClient.from(options.client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const nowSeconds = (): number => Math.floor(now() / 1000);
  const isLive = (item: Item, seconds: number): boolean => {
    const expiresAt = item[TTL_ATTRIBUTE];
    return typeof expiresAt !== 'number' || expiresAt > seconds;
  };

  async function batchGetChunk(operation: string, keys: readonly string[]): Promise<Item[]> {
    const items: Item[] = [];
    let pending: Item[] = keys.map((key) => ({ [TABLE_KEY]: key }));
    for (let round = 1; ; round++) {
      const output = await attempt(operation, () =>
        doc.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
        ),
      );
      items.push(...(output.Responses?.[tableName] ?? []));
      pending = output.UnprocessedKeys?.[tableName]?.Keys ?? [];
      if (pending.length === 0) return items;
      if (round >= MAX_BATCH_ATTEMPTS) {
        throw new StoreError(
          operation,
          `${pending.length} keys still unprocessed after ${round} BatchGetItem calls`,
        );
      }
      await sleep(backoffMs(round));
    }
  }

  async function batchGet(operation: string, keys: readonly string[]): Promise<Item[]> {
    const unique = [...new Set(keys)];
    if (unique.length === 0) return [];
    const results = await Promise.all(
      mapLimit(chunk(unique, BATCH_GET_LIMIT), CHUNK_CONCURRENCY, (keys) => batchGetChunk(operation, keys)),
    );
    return results.flat();
  }

  async function batchPutChunk(operation: string, items: readonly Item[]): Promise<void> {
    let pending = items.map((Item) => ({ PutRequest: { Item } }));
    for (let round = 1; ; round++) {
      const output = await attempt(operation, () =>
        doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } })),
      );
      pending = (output.UnprocessedItems?.[tableName] ?? []).flatMap((request) =>
        request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : [],
      );
      if (pending.length === 0) return;
      if (round >= MAX_BATCH_ATTEMPTS) {
        throw new StoreError(
          operation,
          `${pending.length} items still unprocessed after ${round} BatchWriteItem calls`,
        );
      }
      await sleep(backoffMs(round));
    }
  }

  async function scanPrefix(
    operation: string,
    prefix: string,
    filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> },
    limit = Number.POSITIVE_INFINITY,
  ): Promise<Item[]> {
    const items: Item[] = [];
    const seconds = nowSeconds();
    let startKey: Item | undefined;
    do {
      const output = await attempt(operation, () =>
        doc.send(
          new ScanCommand({
            TableName: tableName,
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
            FilterExpression: ['begins_with(#pk, :prefix)', filter?.expression].filter(Boolean).join(' AND '),
            ExpressionAttributeNames: { '#pk': TABLE_KEY, ...filter?.names },
            ExpressionAttributeValues: { ':prefix': prefix, ...filter?.values },
          }),
        ),
      );
      for (const item of output.Items ?? []) {
        if (items.length < limit && isLive(item, seconds)) items.push(item);
      }
      startKey = output.LastEvaluatedKey;
    } while (startKey !== undefined && items.length < limit);
    return items;
  }

  // Absent, or present but expired and not yet deleted by TTL.
  const absentCondition = {
    ConditionExpression: 'attribute_not_exists(#pk) OR #ttl <= :nowSeconds',
    ExpressionAttributeNames: { '#pk': TABLE_KEY, '#ttl': TTL_ATTRIBUTE },
  };

  function updateOutbox(operation: string, action: 'ADD' | 'DELETE', ids: readonly DeliveryId[]) {
    if (ids.length === 0) return Promise.resolve();
    return attempt(operation, async () => {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { [TABLE_KEY]: OUTBOX_KEY },
          UpdateExpression: `${action} #members :ids`,
          ExpressionAttributeNames: { '#members': OUTBOX_MEMBERS },
          ExpressionAttributeValues: { ':ids': new Set(ids.map(encodeDeliveryId)) },
        }),
      );
    });
  }

  return {
    async loadPollState(feedIds, channelIds) {
      const items = await batchGet('loadPollState', [
        ...feedIds.map(feedKey),
        ...channelIds.map(channelKey),
        OUTBOX_KEY,
      ]);
      const state: PollState = { feeds: new Map(), channels: new Map(), outbox: [] };
      for (const item of items) {
        const pk = keyOf(item);
        if (pk === OUTBOX_KEY) {
          const members = item[OUTBOX_MEMBERS];
          const encoded = members instanceof Set ? [...members].filter((m) => typeof m === 'string') : [];
          state.outbox = encoded
            .sort()
            .map(decodeDeliveryId)
            .filter((id) => id !== undefined);
        } else if (pk.startsWith(FEED_PREFIX)) {
          state.feeds.set(pk.slice(FEED_PREFIX.length), fromItem<FeedState>(item));
        } else if (pk.startsWith(CHANNEL_PREFIX)) {
          state.channels.set(pk.slice(CHANNEL_PREFIX.length), fromItem<ChannelState>(item));
        }
      }
      return state;
    },

    async saveFeedState(state) {
      await attempt('saveFeedState', () =>
        doc.send(new PutCommand({ TableName: tableName, Item: toItem(feedKey(state.feedId), state) })),
      );
    },

    async saveChannelState(state) {
      await attempt('saveChannelState', () =>
        doc.send(new PutCommand({ TableName: tableName, Item: toItem(channelKey(state.channelId), state) })),
      );
    },

    async getStories(keys) {
      const items = await batchGet('getStories', keys.map(storyKey));
      const seconds = nowSeconds();
      const stories = new Map<string, StoryRecord>();
      for (const item of items) {
        if (isLive(item, seconds)) stories.set(keyOf(item).slice(STORY_PREFIX.length), fromItem(item));
      }
      return stories;
    },

    async putStories(records) {
      // A batch may not hold the same key twice: the last record of a key wins.
      const byKey = new Map(records.map((record) => [storyKey(record.key), record]));
      const items = [...byKey].map(([pk, record]) => toItem(pk, record));
      await Promise.all(
        mapLimit(chunk(items, BATCH_WRITE_LIMIT), CHUNK_CONCURRENCY, (items) =>
          batchPutChunk('putStories', items),
        ),
      );
    },

    recordStory(record) {
      return conditionalWrite('recordStory', () =>
        doc.send(
          new PutCommand({
            TableName: tableName,
            Item: toItem(storyKey(record.key), record),
            ...absentCondition,
            ExpressionAttributeValues: { ':nowSeconds': nowSeconds() },
          }),
        ),
      );
    },

    addToOutbox(ids) {
      return updateOutbox('addToOutbox', 'ADD', ids);
    },

    removeFromOutbox(ids) {
      return updateOutbox('removeFromOutbox', 'DELETE', ids);
    },

    createDelivery(record) {
      return conditionalWrite('createDelivery', () =>
        doc.send(
          new PutCommand({
            TableName: tableName,
            Item: toItem(deliveryKey(record), record),
            ...absentCondition,
            ExpressionAttributeValues: { ':nowSeconds': nowSeconds() },
          }),
        ),
      );
    },

    async getDeliveries(ids) {
      const items = await batchGet('getDeliveries', ids.map(deliveryKey));
      const seconds = nowSeconds();
      const byKey = new Map(items.filter((item) => isLive(item, seconds)).map((item) => [keyOf(item), item]));
      const seen = new Set<string>();
      const deliveries: DeliveryRecord[] = [];
      for (const id of ids) {
        const pk = deliveryKey(id);
        const item = byKey.get(pk);
        if (item === undefined || seen.has(pk)) continue;
        seen.add(pk);
        deliveries.push(fromItem(item));
      }
      return deliveries;
    },

    async claimDelivery(id, claimedAt, leaseUntil) {
      let claimed: Item | undefined;
      const won = await conditionalWrite('claimDelivery', async () => {
        const output = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { [TABLE_KEY]: deliveryKey(id) },
            UpdateExpression: 'SET #lease = :leaseUntil ADD #attempts :one',
            ConditionExpression:
              '#status = :pending AND #lease < :now AND (attribute_not_exists(#ttl) OR #ttl > :nowSeconds)',
            ExpressionAttributeNames: {
              '#lease': 'leaseUntil',
              '#attempts': 'attempts',
              '#status': 'status',
              '#ttl': TTL_ATTRIBUTE,
            },
            ExpressionAttributeValues: {
              ':leaseUntil': leaseUntil,
              ':one': 1,
              ':pending': 'pending' satisfies DeliveryStatus,
              ':now': claimedAt,
              ':nowSeconds': Math.floor(claimedAt / 1000),
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        claimed = output.Attributes;
      });
      return won && claimed ? fromItem<DeliveryRecord>(claimed) : undefined;
    },

    async markPosted(id, messageId, at) {
      const updated = await conditionalWrite('markPosted', () =>
        doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { [TABLE_KEY]: deliveryKey(id) },
            UpdateExpression: 'SET #status = :posted, #messageId = :messageId, #postedAt = :at',
            ConditionExpression: 'attribute_exists(#pk)',
            ExpressionAttributeNames: {
              '#pk': TABLE_KEY,
              '#status': 'status',
              '#messageId': 'messageId',
              '#postedAt': 'postedAt',
            },
            ExpressionAttributeValues: {
              ':posted': 'posted' satisfies DeliveryStatus,
              ':messageId': messageId,
              ':at': at,
            },
          }),
        ),
      );
      if (!updated) throw new StoreError('markPosted', `no delivery ${encodeDeliveryId(id)}`);
    },

    async releaseDelivery(id, error) {
      // Not pending any more: another poll posted it or gave up on it, and there is nothing to release.
      await conditionalWrite('releaseDelivery', () =>
        doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { [TABLE_KEY]: deliveryKey(id) },
            UpdateExpression: 'SET #lastError = :error, #lease = :zero',
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: {
              '#status': 'status',
              '#lastError': 'lastError',
              '#lease': 'leaseUntil',
            },
            ExpressionAttributeValues: {
              ':error': error,
              ':zero': 0,
              ':pending': 'pending' satisfies DeliveryStatus,
            },
          }),
        ),
      );
    },

    async markFailed(id, reason, at) {
      // Only a pending delivery can fail: one that another poll has posted in the meantime stays posted.
      await conditionalWrite('markFailed', () =>
        doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { [TABLE_KEY]: deliveryKey(id) },
            UpdateExpression: 'SET #status = :failed, #lastError = :reason, #failedAt = :at',
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: {
              '#status': 'status',
              '#lastError': 'lastError',
              '#failedAt': 'failedAt',
            },
            ExpressionAttributeValues: {
              ':failed': 'failed' satisfies DeliveryStatus,
              ':pending': 'pending' satisfies DeliveryStatus,
              ':reason': reason,
              ':at': at,
            },
          }),
        ),
      );
    },

    async listDeliveries(status, limit) {
      const items = await scanPrefix(
        'listDeliveries',
        DELIVERY_PREFIX,
        { expression: '#status = :status', names: { '#status': 'status' }, values: { ':status': status } },
        limit,
      );
      return items
        .map((item) => fromItem<DeliveryRecord>(item))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },

    async listFeedStates() {
      const items = await scanPrefix('listFeedStates', FEED_PREFIX);
      return items.map((item) => fromItem<FeedState>(item)).sort((a, b) => a.feedId.localeCompare(b.feedId));
    },

    async listChannelStates() {
      const items = await scanPrefix('listChannelStates', CHANNEL_PREFIX);
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
      const values: Record<string, unknown> = { ':matched': 'matched' satisfies StoryRecord['decision'] };
      let expression = '#decision = :matched';
      if (topic !== undefined) {
        // `contains` on a list compares whole elements: `rights` does not match `human-rights`.
        expression += ' AND contains(#topics, :topic)';
        names['#topics'] = 'topics';
        values[':topic'] = topic;
      }
      const items = await scanPrefix('listRecentStories', STORY_PREFIX, { expression, names, values });
      return items
        .map((item) => fromItem<StoryRecord>(item))
        .map((story) => ({ story, at: storyTime(story) }))
        .sort((a, b) => b.at - a.at || a.story.key.localeCompare(b.story.key))
        .slice(0, limit)
        .map(({ story }) => story);
    },
  };
}

/** When a story happened, for ordering: its pubDate, else when Herald decided it. */
function storyTime(story: StoryRecord): number {
  const published = story.published === undefined ? Number.NaN : Date.parse(story.published);
  if (!Number.isNaN(published)) return published;
  const decided = Date.parse(story.decidedAt);
  return Number.isNaN(decided) ? 0 : decided;
}
