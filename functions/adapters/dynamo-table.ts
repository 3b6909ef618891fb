import { setTimeout as sleep } from 'node:timers/promises';
import { mapLimit } from '../core/concurrency.ts';
import type { DeliveryId } from '../core/ports.ts';
import type { DocumentClient, Item } from './dynamo-document.ts';
import { TABLE_KEY, TTL_ATTRIBUTE } from './table-schema.ts';

export type { Item };

/** An unexpected failure of the store: throttling past the client's retries, a missing table, a bad request. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  /** The store method that failed, e.g. `claimDelivery`. */
  readonly operation: string;

  constructor(operation: string, message: string, options?: { cause?: unknown }) {
    super(`state store ${operation} failed: ${message}`, options);
    this.operation = operation;
  }
}

// DynamoDB's own limits per request.
const BATCH_GET_LIMIT = 100;
const BATCH_WRITE_LIMIT = 25;
// Unprocessed keys and items come back under throttling; the client has already retried the request itself,
// so a few short rounds are enough, and they keep a poll well inside the Lambda timeout (< 0.5 s in all).
const MAX_BATCH_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 20;
const CHUNK_CONCURRENCY = 4;

export const OUTBOX_KEY = 'outbox';
export const OUTBOX_MEMBERS = 'deliveries';
/** One item whose attributes are `<RETRY_ATTRIBUTE_PREFIX><storyKey>`: the epoch ms of each story's next try. */
export const RETRIES_KEY = 'retries';
export const RETRY_ATTRIBUTE_PREFIX = 'k:';
export const FEED_PREFIX = 'feed#';
export const CHANNEL_PREFIX = 'channel#';
export const STORY_PREFIX = 'story#';
export const DIGEST_PREFIX = 'digest#';
export const DIGEST_MEMBERS = 'stories';

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

export const feedKey = (feedId: string): string => `${FEED_PREFIX}${feedId}`;
export const channelKey = (channelId: string): string => `${CHANNEL_PREFIX}${channelId}`;
export const storyKey = (key: string): string => `${STORY_PREFIX}${key}`;
export const digestKey = (channelId: string): string => `${DIGEST_PREFIX}${channelId}`;

export function toItem(pk: string, record: object): Item {
  return { ...record, [TABLE_KEY]: pk };
}

export function fromItem<T>(item: Item): T {
  const record: Item = { ...item };
  delete record[TABLE_KEY];
  return record as T;
}

export function keyOf(item: Item): string {
  const pk = item[TABLE_KEY];
  return typeof pk === 'string' ? pk : '';
}

export function stringSet(value: unknown): string[] {
  return value instanceof Set ? [...value].filter((m): m is string => typeof m === 'string') : [];
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

export async function attempt<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toStoreError(operation, error);
  }
}

/** Runs a conditional write: false when its condition did not hold. */
export async function conditionalWrite(operation: string, run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw toStoreError(operation, error);
  }
}

/** Absent, or present but expired and not yet deleted by TTL. */
export const ABSENT = 'attribute_not_exists(#pk) OR #ttl <= :nowSeconds';
export const ABSENT_NAMES = { '#pk': TABLE_KEY, '#ttl': TTL_ATTRIBUTE };

export interface ScanFilter {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

/** The table's batch and scan primitives, with DynamoDB's per-request limits and unprocessed-item rounds. */
export function tableOps(doc: DocumentClient, tableName: string, nowSeconds: () => number) {
  const isLive = (item: Item, seconds: number): boolean => {
    const expiresAt = item[TTL_ATTRIBUTE];
    return typeof expiresAt !== 'number' || expiresAt > seconds;
  };

  async function batchGetChunk(operation: string, keys: readonly string[]): Promise<Item[]> {
    const items: Item[] = [];
    let pending: Item[] = keys.map((key) => ({ [TABLE_KEY]: key }));
    for (let round = 1; ; round++) {
      const output = await attempt(operation, () =>
        doc.batchGet({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
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

  async function batchPutChunk(operation: string, items: readonly Item[]): Promise<void> {
    let pending = items.map((Item) => ({ PutRequest: { Item } }));
    for (let round = 1; ; round++) {
      const output = await attempt(operation, () =>
        doc.batchWrite({ RequestItems: { [tableName]: pending } }),
      );
      pending = (output.UnprocessedItems?.[tableName] ?? []).flatMap((request) =>
        'PutRequest' in request ? [{ PutRequest: { Item: request.PutRequest.Item } }] : [],
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

  return {
    isLive,

    /** The live items of these keys, each key read once, in chunks of 100. */
    async batchGet(operation: string, keys: readonly string[]): Promise<Item[]> {
      const unique = [...new Set(keys)];
      if (unique.length === 0) return [];
      const results = await Promise.all(
        mapLimit(chunk(unique, BATCH_GET_LIMIT), CHUNK_CONCURRENCY, (keys) => batchGetChunk(operation, keys)),
      );
      const seconds = nowSeconds();
      return results.flat().filter((item) => isLive(item, seconds));
    },

    /** Writes items unconditionally, in chunks of 25; a key that repeats keeps its last item. */
    async batchPut(operation: string, items: readonly Item[]): Promise<void> {
      const byKey = [...new Map(items.map((item) => [keyOf(item), item])).values()];
      await Promise.all(
        mapLimit(chunk(byKey, BATCH_WRITE_LIMIT), CHUNK_CONCURRENCY, (items) =>
          batchPutChunk(operation, items),
        ),
      );
    },

    /** The live items whose key starts with `prefix`, through every scan page, up to `limit`. */
    async scanPrefix(
      operation: string,
      prefix: string,
      filter?: ScanFilter,
      limit = Number.POSITIVE_INFINITY,
    ): Promise<Item[]> {
      const items: Item[] = [];
      const seconds = nowSeconds();
      let startKey: Item | undefined;
      do {
        const output = await attempt(operation, () =>
          doc.scan({
            TableName: tableName,
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
            FilterExpression: ['begins_with(#pk, :prefix)', filter && `(${filter.expression})`]
              .filter(Boolean)
              .join(' AND '),
            ExpressionAttributeNames: { '#pk': TABLE_KEY, ...filter?.names },
            ExpressionAttributeValues: { ':prefix': prefix, ...filter?.values },
          }),
        );
        for (const item of output.Items ?? []) {
          if (items.length < limit && isLive(item, seconds)) items.push(item);
        }
        startKey = output.LastEvaluatedKey;
      } while (startKey !== undefined && items.length < limit);
      return items;
    },

    /** Adds members to, or deletes them from, a string set attribute of one item. */
    async updateSet(
      operation: string,
      key: string,
      attribute: string,
      action: 'ADD' | 'DELETE',
      members: readonly string[],
    ): Promise<void> {
      if (members.length === 0) return;
      await attempt(operation, () =>
        doc.update({
          TableName: tableName,
          Key: { [TABLE_KEY]: key },
          UpdateExpression: `${action} #members :members`,
          ExpressionAttributeNames: { '#members': attribute },
          ExpressionAttributeValues: { ':members': new Set(members) },
        }),
      );
    },
  };
}
