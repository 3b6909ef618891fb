import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoClient } from '../../functions/adapters/dynamo-client.ts';
import { startEmbeddedDynamo } from '../../functions/adapters/embedded-dynamo.ts';
import { createLocalDynamoClient } from '../../functions/adapters/local-dynamo-client.ts';

export interface LocalDynamo {
  endpoint: string;
  /** The state store's client, as the Lambda builds it: what tests count requests through. */
  client: DynamoClient;
  /** The SDK's client, for creating tables (`ensureTable`): not on the Lambda path. */
  sdk: DynamoDBClient;
  stop(): Promise<void>;
}

/**
 * An in-memory dynalite on a free loopback port. Its clients have a region and dummy credentials.
 * `tableName` is created up front; tests that want a fresh table per test create their own.
 */
export async function startDynalite(tableName = 'herald-test'): Promise<LocalDynamo> {
  const embedded = await startEmbeddedDynamo({ tableName });
  const client = createLocalDynamoClient(embedded.endpoint);
  return {
    endpoint: embedded.endpoint,
    client,
    sdk: embedded.client,
    stop: embedded.close,
  };
}

const counters = new WeakMap<DynamoClient, Map<string, number>>();

/**
 * Counts the requests sent through a client, by operation name: `BatchGetItem`, `PutItem`, ... Each
 * request counts once, whatever the client retries. The map is live: clear it to start counting afresh.
 * Calling again for the same client returns the same map.
 */
export function countRequests(client: DynamoClient): Map<string, number> {
  const existing = counters.get(client);
  if (existing) return existing;
  const counts = new Map<string, number>();
  client.onRequest((operation) => {
    counts.set(operation, (counts.get(operation) ?? 0) + 1);
  });
  counters.set(client, counts);
  return counts;
}

/** The writes among counted requests. */
export const WRITE_OPERATIONS: readonly string[] = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];
