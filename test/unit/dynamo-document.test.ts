import { describe, expect, test } from 'vitest';
import type { DynamoClient, DynamoOperation } from '../../functions/adapters/dynamo-client.ts';
import {
  type AttributeMap,
  createDocumentClient,
  fromAttributeValue,
  MarshallError,
  marshallItem,
  toAttributeValue,
  unmarshallItem,
} from '../../functions/adapters/dynamo-document.ts';

/** A client that answers each operation from a table of wire outputs and keeps the wire inputs. */
function recordingClient(outputs: Partial<Record<DynamoOperation, unknown>> = {}) {
  const sent: Array<{ operation: DynamoOperation; input: unknown }> = [];
  const client: DynamoClient = {
    async send<T>(operation: DynamoOperation, input: Readonly<Record<string, unknown>>) {
      sent.push({ operation, input: JSON.parse(JSON.stringify(input)) });
      return (outputs[operation] ?? {}) as T;
    },
    onRequest: () => () => {},
  };
  return { client, sent };
}

describe('marshalling', () => {
  test('a story record becomes AttributeValues, with undefined members left out at every level', () => {
    const item = marshallItem({
      pk: 'story#voa:1',
      title: 'Rights',
      expiresAt: 1_750_000_000,
      fromDescription: undefined,
      matched: true,
      image: null,
      topics: ['human-rights', undefined, 'press-freedom'],
      deliveries: { rights: { status: 'pending', attempts: 0, lastError: undefined } },
    });

    expect(item).toEqual({
      pk: { S: 'story#voa:1' },
      title: { S: 'Rights' },
      expiresAt: { N: '1750000000' },
      matched: { BOOL: true },
      image: { NULL: true },
      topics: { L: [{ S: 'human-rights' }, { S: 'press-freedom' }] },
      deliveries: { M: { rights: { M: { status: { S: 'pending' }, attempts: { N: '0' } } } } },
    });
  });

  test('sets become string, number and binary sets', () => {
    expect(toAttributeValue(new Set(['a#b', 'c']))).toEqual({ SS: ['a#b', 'c'] });
    expect(toAttributeValue(new Set([1, 2.5, 10n]))).toEqual({ NS: ['1', '2.5', '10'] });
    expect(toAttributeValue(new Set([Buffer.from('hi'), new Uint8Array([0xff])]))).toEqual({
      BS: ['aGk=', '/w=='],
    });
  });

  test('empty strings, empty lists and empty maps are kept, as DynamoDB allows them', () => {
    expect(marshallItem({ s: '', l: [], m: {} })).toEqual({ s: { S: '' }, l: { L: [] }, m: { M: {} } });
  });

  test('binary is base64 on the wire; a Map is a map; bigints keep every digit', () => {
    expect(toAttributeValue(Buffer.from('herald'))).toEqual({ B: 'aGVyYWxk' });
    expect(toAttributeValue(new Map([['k', 1]]))).toEqual({ M: { k: { N: '1' } } });
    expect(toAttributeValue(12345678901234567890n)).toEqual({ N: '12345678901234567890' });
  });

  test('what DynamoDB cannot hold is refused with a MarshallError, as the SDK refuses it', () => {
    for (const value of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      2 ** 53,
      new Set(),
      new Set([undefined]),
      new Set(['a', 1]),
      new Set([{}]),
      new Date(),
      Symbol('s'),
    ])
      expect(() => toAttributeValue(value), String(value)).toThrow(MarshallError);
  });
});

describe('unmarshalling', () => {
  test('every AttributeValue type reads back as the JS value it came from', () => {
    const wire: AttributeMap = {
      s: { S: 'x' },
      n: { N: '-12.5' },
      b: { B: 'aGVyYWxk' },
      t: { BOOL: false },
      z: { NULL: true },
      l: { L: [{ N: '1' }, { S: 'two' }] },
      m: { M: { nested: { SS: ['a', 'b'] } } },
      ns: { NS: ['1', '2'] },
      bs: { BS: ['/w=='] },
      big: { N: '12345678901234567890' },
    };

    expect(unmarshallItem(wire)).toEqual({
      s: 'x',
      n: -12.5,
      b: new Uint8Array(Buffer.from('herald')),
      t: false,
      z: null,
      l: [1, 'two'],
      m: { nested: new Set(['a', 'b']) },
      ns: new Set([1, 2]),
      bs: new Set([new Uint8Array([0xff])]),
      big: 12345678901234567890n,
    });
  });

  test('a record round-trips through the wire JSON unchanged', () => {
    const record = {
      pk: 'feed#world',
      etag: '"abc"',
      itemsSeen: 12,
      consecutiveFailures: 0,
      seededAt: '2025-05-01T00:00:00.000Z',
      deliveries: { rights: { status: 'posted', messageId: '1234567890123456789', leaseUntil: 0 } },
      members: new Set(['voa:1#rights']),
    };

    const wire = JSON.parse(JSON.stringify(marshallItem(record))) as AttributeMap;

    expect(unmarshallItem(wire)).toEqual(record);
  });

  test('a stored number with more digits than a bigint holds exactly is refused', () => {
    expect(() => fromAttributeValue({ N: '1.5e300' })).toThrow(MarshallError);
  });
});

describe('the document client', () => {
  test('items, keys, start keys and expression values go out as AttributeValues; the rest as given', async () => {
    const { client, sent } = recordingClient();
    const doc = createDocumentClient(client);

    await doc.put({
      TableName: 't',
      Item: { pk: 'a', n: 1 },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': 'pk' },
    });
    await doc.update({
      TableName: 't',
      Key: { pk: 'outbox' },
      UpdateExpression: 'ADD #m :m',
      ExpressionAttributeNames: { '#m': 'deliveries' },
      ExpressionAttributeValues: { ':m': new Set(['x']) },
      ReturnValues: 'ALL_NEW',
    });
    await doc.scan({
      TableName: 't',
      ExclusiveStartKey: { pk: 'k' },
      ExpressionAttributeValues: { ':p': 'story#' },
    });
    await doc.batchGet({ RequestItems: { t: { Keys: [{ pk: 'a' }], ConsistentRead: true } } });
    await doc.batchWrite({
      RequestItems: { t: [{ PutRequest: { Item: { pk: 'b' } } }, { DeleteRequest: { Key: { pk: 'c' } } }] },
    });

    expect(sent).toEqual([
      {
        operation: 'PutItem',
        input: {
          TableName: 't',
          Item: { pk: { S: 'a' }, n: { N: '1' } },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': 'pk' },
        },
      },
      {
        operation: 'UpdateItem',
        input: {
          TableName: 't',
          Key: { pk: { S: 'outbox' } },
          UpdateExpression: 'ADD #m :m',
          ExpressionAttributeNames: { '#m': 'deliveries' },
          ExpressionAttributeValues: { ':m': { SS: ['x'] } },
          ReturnValues: 'ALL_NEW',
        },
      },
      {
        operation: 'Scan',
        input: {
          TableName: 't',
          ExclusiveStartKey: { pk: { S: 'k' } },
          ExpressionAttributeValues: { ':p': { S: 'story#' } },
        },
      },
      {
        operation: 'BatchGetItem',
        input: { RequestItems: { t: { Keys: [{ pk: { S: 'a' } }], ConsistentRead: true } } },
      },
      {
        operation: 'BatchWriteItem',
        input: {
          RequestItems: {
            t: [{ PutRequest: { Item: { pk: { S: 'b' } } } }, { DeleteRequest: { Key: { pk: { S: 'c' } } } }],
          },
        },
      },
    ]);
  });

  test('items, unprocessed keys and items, and the last evaluated key come back as JS values', async () => {
    const { client } = recordingClient({
      BatchGetItem: {
        Responses: { t: [{ pk: { S: 'a' }, n: { N: '2' } }] },
        UnprocessedKeys: { t: { Keys: [{ pk: { S: 'b' } }], ConsistentRead: true } },
      },
      BatchWriteItem: { UnprocessedItems: { t: [{ PutRequest: { Item: { pk: { S: 'c' } } } }] } },
      Scan: { Items: [{ pk: { S: 'd' } }], LastEvaluatedKey: { pk: { S: 'd' } }, Count: 1, ScannedCount: 3 },
      UpdateItem: { Attributes: { pk: { S: 'e' }, attempts: { N: '2' } } },
      GetItem: {},
    });
    const doc = createDocumentClient(client);

    expect(await doc.batchGet({ RequestItems: { t: { Keys: [{ pk: 'a' }, { pk: 'b' }] } } })).toEqual({
      Responses: { t: [{ pk: 'a', n: 2 }] },
      UnprocessedKeys: { t: { Keys: [{ pk: 'b' }], ConsistentRead: true } },
    });
    expect(await doc.batchWrite({ RequestItems: { t: [] } })).toEqual({
      UnprocessedItems: { t: [{ PutRequest: { Item: { pk: 'c' } } }] },
    });
    expect(await doc.scan({ TableName: 't' })).toEqual({
      Items: [{ pk: 'd' }],
      LastEvaluatedKey: { pk: 'd' },
      Count: 1,
      ScannedCount: 3,
    });
    expect(await doc.update({ TableName: 't', Key: { pk: 'e' }, UpdateExpression: 'SET a = :a' })).toEqual({
      Attributes: { pk: 'e', attempts: 2 },
    });
    expect(await doc.get({ TableName: 't', Key: { pk: 'missing' } })).toEqual({ Item: undefined });
  });

  test('a value that cannot be marshalled rejects the call, and nothing is sent', async () => {
    const { client, sent } = recordingClient();
    const doc = createDocumentClient(client);

    await expect(doc.put({ TableName: 't', Item: { pk: 'a', at: new Date() } })).rejects.toBeInstanceOf(
      MarshallError,
    );
    expect(sent).toEqual([]);
  });
});
