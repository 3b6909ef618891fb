import { createDynamoClient, type DynamoClient, type DynamoClientConfig } from './dynamo-client.ts';

/**
 * How every client of a local store (dynalite, DynamoDB Local) signs: a fixed region and dummy static
 * credentials, so that nothing looks for credentials or a region in the environment or at the EC2
 * metadata address. DynamoDB Local keeps one database per access key and region, so the client that
 * creates a table (the SDK's, in `embedded-dynamo.ts`) and the client that uses it must agree on both.
 */
export const LOCAL_STORE_REGION = 'us-east-1';
// DynamoDB Local accepts only letters and digits in the access key.
export const LOCAL_STORE_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
/** A local store that has not answered in this long is stuck, not slow. */
export const LOCAL_REQUEST_TIMEOUT_MS = 10_000;

/** The state store's client for a local DynamoDB endpoint. */
export function createLocalDynamoClient(
  endpoint: string,
  config: Partial<Omit<DynamoClientConfig, 'endpoint' | 'region' | 'credentials'>> = {},
): DynamoClient {
  return createDynamoClient({
    attemptTimeoutMs: LOCAL_REQUEST_TIMEOUT_MS,
    ...config,
    endpoint,
    region: LOCAL_STORE_REGION,
    credentials: LOCAL_STORE_CREDENTIALS,
  });
}
