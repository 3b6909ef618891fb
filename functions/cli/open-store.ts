import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoClient, type DynamoClient } from '../adapters/dynamo-client.ts';
import { createDynamoStateStore } from '../adapters/dynamo-state-store.ts';
import { startEmbeddedDynamo } from '../adapters/embedded-dynamo.ts';
import { createLocalDynamoClient } from '../adapters/local-dynamo-client.ts';
import type { HeraldConfig } from '../core/config.ts';
import type { StateStore } from '../core/ports.ts';

export const LOCAL_TABLE = 'herald';

export interface OpenStore {
  store: StateStore;
  /** Where the state lives, for messages. */
  where: string;
  close(): Promise<void>;
}

/**
 * The client for a table named in the config. On a laptop the region may sit in `~/.aws/config` and the
 * credentials in a profile, an SSO cache or a credential process: the SDK's own resolvers find them, as
 * they did when the SDK sent the requests, and the store's client signs with what they find. A Lambda
 * reads its environment instead (`dynamoConfigFromEnv`) and never loads these resolvers.
 */
async function tableClient(store: { endpoint?: string; region?: string }): Promise<DynamoClient> {
  const resolvers = new DynamoDBClient({ endpoint: store.endpoint, region: store.region }).config;
  return createDynamoClient({
    region: await resolvers.region(),
    endpoint: store.endpoint,
    credentials: () => resolvers.credentials(),
  });
}

/** The configured store: the embedded dynalite over a folder, or a DynamoDB table (AWS or a local endpoint). */
export async function openStore(config: HeraldConfig, cwd: string): Promise<OpenStore> {
  if ('table' in config.store) {
    const client = await tableClient(config.store);
    return {
      store: createDynamoStateStore({ client, tableName: config.store.table }),
      where: `table ${config.store.table}${config.store.endpoint ? ` at ${config.store.endpoint}` : ''}`,
      // Nothing to close: the client keeps no connection of its own, and fetch's pool lets idle ones go.
      close: async () => {},
    };
  }
  const path = resolve(cwd, config.store.path);
  const embedded = await startEmbeddedDynamo({ path, tableName: LOCAL_TABLE });
  const client = createLocalDynamoClient(embedded.endpoint);
  return {
    store: createDynamoStateStore({ client, tableName: LOCAL_TABLE }),
    where: path,
    close: embedded.close,
  };
}
