import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one table's layout, shared by the state store, the local stores and the CDK stack.
 *
 * Items by partition key:
 * - `feed#<feedId>`: a feed's state;
 * - `channel#<channelId>`: a channel's health;
 * - `story#<storyKey>`: the decision about a story (expires);
 * - `delivery#<storyKey>#<channelId>`: one story in one channel, both parts escaped (expires);
 * - `outbox`: the string set of deliveries not yet posted or failed.
 */
export const TABLE_KEY = 'pk';

/** Epoch seconds. The stack turns TTL on for it; reads treat a past value as absent. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** The table as a local store (dynalite, DynamoDB Local) creates it. The stack mirrors it. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    AttributeDefinitions: [{ AttributeName: TABLE_KEY, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: TABLE_KEY, KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  };
}
