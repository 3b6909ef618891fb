import type { DynamoClient } from '../functions/adapters/dynamo-client.ts';
import { type AttributeMap, unmarshallItem } from '../functions/adapters/dynamo-document.ts';

/** Items (not requests) read and written through a client, and the bytes of the items it put. */
export interface ItemCounts {
  itemsRead: number;
  itemsWritten: number;
  bytesPut: number;
}

const counters = new WeakMap<DynamoClient, ItemCounts>();

/** An item's size as its JSON, as the document layer saw it (the measure from before the wire client). */
const itemBytes = (item: AttributeMap | undefined): number =>
  JSON.stringify(item === undefined ? {} : unmarshallItem(item)).length;

/**
 * Counts items through a real client, for the cost model: on-demand DynamoDB bills read units per item
 * read (up to 4 KB, strongly consistent) and write units per KB written, not per request. Live: reset
 * the fields to count afresh.
 */
export function countItems(client: DynamoClient): ItemCounts {
  const existing = counters.get(client);
  if (existing) return existing;
  const counts: ItemCounts = { itemsRead: 0, itemsWritten: 0, bytesPut: 0 };
  client.onRequest((operation, input) => {
    const requestItems = (input.RequestItems ?? {}) as Record<string, unknown>;
    switch (operation) {
      case 'BatchGetItem':
        for (const table of Object.values(requestItems))
          counts.itemsRead += ((table as { Keys?: unknown[] }).Keys ?? []).length;
        break;
      case 'BatchWriteItem':
        for (const requests of Object.values(requestItems)) {
          for (const request of requests as Array<{ PutRequest?: { Item?: AttributeMap } }>) {
            counts.itemsWritten++;
            counts.bytesPut += itemBytes(request.PutRequest?.Item);
          }
        }
        break;
      case 'GetItem':
        counts.itemsRead++;
        break;
      case 'PutItem':
        counts.itemsWritten++;
        counts.bytesPut += itemBytes(input.Item as AttributeMap | undefined);
        break;
      case 'UpdateItem':
        counts.itemsWritten++;
        break;
    }
  });
  counters.set(client, counts);
  return counts;
}

export function resetItems(counts: ItemCounts): void {
  counts.itemsRead = 0;
  counts.itemsWritten = 0;
  counts.bytesPut = 0;
}
