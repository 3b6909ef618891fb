import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoStateStore } from '../adapters/dynamo-state-store.ts';
import { startEmbeddedDynamo } from '../adapters/embedded-dynamo.ts';
import type { HeraldConfig } from '../core/config.ts';
import type { StateStore } from '../core/ports.ts';

export const LOCAL_TABLE = 'herald';

export interface OpenStore {
  store: StateStore;
  /** Where the state lives, for messages. */
  where: string;
  close(): Promise<void>;
}

/** The configured store: the embedded dynalite over a folder, or a DynamoDB table (AWS or a local endpoint). */
export async function openStore(config: HeraldConfig, cwd: string): Promise<OpenStore> {
  if ('table' in config.store) {
    const client = new DynamoDBClient({
      endpoint: config.store.endpoint,
      region: config.store.region,
    });
    return {
      store: createDynamoStateStore({ client, tableName: config.store.table }),
      where: `table ${config.store.table}${config.store.endpoint ? ` at ${config.store.endpoint}` : ''}`,
      close: async () => client.destroy(),
    };
  }
  const path = resolve(cwd, config.store.path);
  const embedded = await startEmbeddedDynamo({ path, tableName: LOCAL_TABLE });
  return {
    store: createDynamoStateStore({ client: embedded.client, tableName: LOCAL_TABLE }),
    where: path,
    close: embedded.close,
  };
}
