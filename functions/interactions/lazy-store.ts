import type { StatusStore } from '../core/ports.ts';
import type { InteractionsStore } from './run-command.ts';

/**
 * The state store over the stack's table, built on the first `latest` or `status`: PING and signature
 * checks, which Discord sends when the endpoint URL is saved, never load the DynamoDB client.
 * Region, endpoint and credentials come from the environment (`AWS_REGION`, `AWS_ENDPOINT_URL_DYNAMODB`).
 */
export function createLazyStore(tableName: string): InteractionsStore {
  let loaded: Promise<StatusStore> | undefined;
  const load = (): Promise<StatusStore> => {
    loaded ??= Promise.all([
      import('../adapters/dynamo-client.ts'),
      import('../adapters/dynamo-state-store.ts'),
    ]).then(([{ createDynamoClient, dynamoConfigFromEnv }, { createDynamoStateStore }]) =>
      // Two attempts: the answer is due within 3 s, and the command's own deadline bounds the rest.
      createDynamoStateStore({
        client: createDynamoClient(dynamoConfigFromEnv(process.env, { maxAttempts: 2 })),
        tableName,
      }),
    );
    loaded.catch(() => {
      loaded = undefined;
    });
    return loaded;
  };
  return {
    listRecentStories: async (options) => (await load()).listRecentStories(options),
    listFeedStates: async () => (await load()).listFeedStates(),
    listChannelStates: async () => (await load()).listChannelStates(),
    listDeliveries: async (status, limit) => (await load()).listDeliveries(status, limit),
    listStoryIssues: async (limit) => (await load()).listStoryIssues(limit),
  };
}
