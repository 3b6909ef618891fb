import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startEmbeddedDynamo } from '../../functions/adapters/embedded-dynamo.ts';

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  stop(): Promise<void>;
}

/**
 * An in-memory dynalite on a free loopback port. Its client has a region and dummy credentials.
 * `tableName` is created up front; tests that want a fresh table per test create their own.
 */
export async function startDynalite(tableName = 'herald-test'): Promise<LocalDynamo> {
  const embedded = await startEmbeddedDynamo({ tableName });
  return { endpoint: embedded.endpoint, client: embedded.client, stop: embedded.close };
}

const counters = new WeakMap<DynamoDBClient, Map<string, number>>();

/**
 * Counts the commands sent through a real client (and any DynamoDBDocumentClient built on it), by
 * operation name: `BatchGetItem`, `PutItem`, ... Each command counts once, whatever the SDK retries.
 * The map is live: clear it to start counting afresh. Calling again for the same client returns the same map.
 */
export function countRequests(client: DynamoDBClient): Map<string, number> {
  const existing = counters.get(client);
  if (existing) return existing;
  const counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => (args) => {
      const operation = (context.commandName ?? 'unknown').replace(/Command$/, '');
      counts.set(operation, (counts.get(operation) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'heraldCountRequests' },
  );
  counters.set(client, counts);
  return counts;
}

/** The writes among counted requests. */
export const WRITE_OPERATIONS: readonly string[] = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];
