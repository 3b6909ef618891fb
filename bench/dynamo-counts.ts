import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Items (not requests) read and written through a client, and the bytes of the items it put. */
export interface ItemCounts {
  itemsRead: number;
  itemsWritten: number;
  bytesPut: number;
}

const counters = new WeakMap<DynamoDBClient, ItemCounts>();

/**
 * Counts items through a real client, for the cost model: on-demand DynamoDB bills read units per item
 * read (up to 4 KB, strongly consistent) and write units per KB written, not per request. Live: reset
 * the fields to count afresh.
 */
export function countItems(client: DynamoDBClient): ItemCounts {
  const existing = counters.get(client);
  if (existing) return existing;
  const counts: ItemCounts = { itemsRead: 0, itemsWritten: 0, bytesPut: 0 };
  client.middlewareStack.add(
    (next, context) => (args) => {
      const operation = (context.commandName ?? '').replace(/Command$/, '');
      const input = args.input as Record<string, unknown>;
      const requestItems = (input.RequestItems ?? {}) as Record<string, unknown>;
      switch (operation) {
        case 'BatchGetItem':
          for (const table of Object.values(requestItems))
            counts.itemsRead += ((table as { Keys?: unknown[] }).Keys ?? []).length;
          break;
        case 'BatchWriteItem':
          for (const requests of Object.values(requestItems)) {
            for (const request of requests as Array<{ PutRequest?: { Item?: unknown } }>) {
              counts.itemsWritten++;
              counts.bytesPut += JSON.stringify(request.PutRequest?.Item ?? {}).length;
            }
          }
          break;
        case 'GetItem':
          counts.itemsRead++;
          break;
        case 'PutItem':
          counts.itemsWritten++;
          counts.bytesPut += JSON.stringify(input.Item ?? {}).length;
          break;
        case 'UpdateItem':
        case 'DeleteItem':
          counts.itemsWritten++;
          break;
      }
      return next(args);
    },
    { step: 'initialize', name: 'benchCountItems' },
  );
  counters.set(client, counts);
  return counts;
}

export function resetItems(counts: ItemCounts): void {
  counts.itemsRead = 0;
  counts.itemsWritten = 0;
  counts.bytesPut = 0;
}
