import type { DynamoClient } from './dynamo-client.ts';

/**
 * The document layer over {@link DynamoClient}: plain JS values in, plain JS values out, converted to
 * and from DynamoDB's AttributeValues as `@aws-sdk/lib-dynamodb` converts them with
 * `removeUndefinedValues` (strings, numbers, booleans, null, lists, maps, sets, binary). Only the fields
 * that hold items, keys and values are converted; the rest of an input goes to the wire as it is.
 */

/** An item, a key or a set of expression values, as JS values. */
export type Item = Record<string, unknown>;

/** One value in DynamoDB's wire JSON. Binary is base64 text there. */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { L: AttributeValue[] }
  | { M: AttributeMap }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] };

export type AttributeMap = Record<string, AttributeValue>;

/** A value DynamoDB cannot hold (NaN, an empty set, a Date, ...): a bug in the caller, as in the SDK. */
export class MarshallError extends Error {
  override readonly name = 'MarshallError';
}

/** Buffers, typed arrays and DataViews: bytes, sent as base64 text. */
const isBinary = (value: unknown): value is ArrayBufferView => ArrayBuffer.isView(value);

function numberText(value: number | bigint): string {
  if (typeof value === 'bigint') return value.toString();
  if (!Number.isFinite(value)) throw new MarshallError(`the number ${value} cannot be stored`);
  // Beyond 2^53 a JS number has already lost digits; the SDK refuses it rather than store a rounded one.
  if (value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER)
    throw new MarshallError(`the number ${value} is beyond Number.MAX_SAFE_INTEGER: pass a bigint`);
  return value.toString();
}

const base64 = (bytes: ArrayBufferView): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

function toSet(set: Set<unknown>): AttributeValue {
  const members = [...set].filter((member) => member !== undefined);
  const [first] = members;
  if (first === undefined) throw new MarshallError('an empty set cannot be stored');
  if (typeof first === 'string') return { SS: members.map((m) => (typeof m === 'string' ? m : mixed())) };
  if (typeof first === 'number' || typeof first === 'bigint')
    return {
      NS: members.map((m) => (typeof m === 'number' || typeof m === 'bigint' ? numberText(m) : mixed())),
    };
  if (isBinary(first)) return { BS: members.map((m) => (isBinary(m) ? base64(m) : mixed())) };
  throw new MarshallError('a set holds strings, numbers or binary values only');
}

function mixed(): never {
  throw new MarshallError('a set holds values of one type only');
}

/** One JS value as an AttributeValue; undefined for what is left out (undefined, functions). */
export function toAttributeValue(value: unknown): AttributeValue | undefined {
  if (value === undefined || typeof value === 'function') return undefined;
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number' || typeof value === 'bigint') return { N: numberText(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) {
    const list: AttributeValue[] = [];
    for (const element of value) {
      const converted = toAttributeValue(element);
      if (converted) list.push(converted);
    }
    return { L: list };
  }
  if (value instanceof Set) return toSet(value);
  if (isBinary(value)) return { B: base64(value) };
  if (value instanceof Map) return { M: marshallEntries(value.entries()) };
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value);
    // A Date or another class instance has no obvious form in DynamoDB; the SDK refuses them too.
    if (prototype !== Object.prototype && prototype !== null)
      throw new MarshallError(`a ${prototype?.constructor?.name ?? 'class instance'} cannot be stored`);
    return { M: marshallItem(value as Item) };
  }
  throw new MarshallError(`a ${typeof value} cannot be stored`);
}

function marshallEntries(entries: Iterable<[unknown, unknown]>): AttributeMap {
  const map: AttributeMap = {};
  for (const [key, value] of entries) {
    const converted = toAttributeValue(value);
    if (converted) map[String(key)] = converted;
  }
  return map;
}

/** An item (or a key, or expression values) as AttributeValues, its undefined members left out. */
export function marshallItem(item: Item): AttributeMap {
  return marshallEntries(Object.entries(item));
}

function fromNumber(text: string): number | bigint {
  const value = Number(text);
  if (value <= Number.MAX_SAFE_INTEGER && value >= Number.MIN_SAFE_INTEGER) return value;
  if (!Number.isFinite(value)) return value;
  // As the SDK does: a bigint rather than a number that silently lost digits.
  try {
    return BigInt(text);
  } catch (error) {
    throw new MarshallError(`the stored number ${text} is beyond what a JS number holds exactly`, {
      cause: error,
    });
  }
}

const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

/** An AttributeValue as a JS value: numbers as numbers, sets as Sets, binary as Uint8Array. */
export function fromAttributeValue(value: AttributeValue): unknown {
  if ('S' in value) return value.S;
  if ('N' in value) return fromNumber(value.N);
  if ('BOOL' in value) return value.BOOL;
  if ('NULL' in value) return null;
  if ('M' in value) return unmarshallItem(value.M);
  if ('L' in value) return value.L.map(fromAttributeValue);
  if ('SS' in value) return new Set(value.SS);
  if ('NS' in value) return new Set(value.NS.map(fromNumber));
  if ('B' in value) return fromBase64(value.B);
  if ('BS' in value) return new Set(value.BS.map(fromBase64));
  throw new MarshallError(`an AttributeValue of an unknown type: ${Object.keys(value).join(', ')}`);
}

export function unmarshallItem(map: AttributeMap): Item {
  const item: Item = {};
  for (const [name, value] of Object.entries(map)) item[name] = fromAttributeValue(value);
  return item;
}

const marshallOptional = (item: Item | undefined): AttributeMap | undefined =>
  item === undefined ? undefined : marshallItem(item);
const unmarshallOptional = (map: AttributeMap | undefined): Item | undefined =>
  map === undefined ? undefined : unmarshallItem(map);

interface ExpressionInput {
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Item;
}

type ReturnValues = 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';

export interface GetInput {
  TableName: string;
  Key: Item;
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
}

export interface PutInput extends ExpressionInput {
  TableName: string;
  Item: Item;
  ReturnValues?: ReturnValues;
}

export interface UpdateInput extends ExpressionInput {
  TableName: string;
  Key: Item;
  UpdateExpression: string;
  ReturnValues?: ReturnValues;
}

export interface KeysAndAttributes {
  Keys: Item[];
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
}

export interface BatchGetInput {
  RequestItems: Record<string, KeysAndAttributes>;
}

export interface BatchGetOutput {
  Responses?: Record<string, Item[]>;
  UnprocessedKeys?: Record<string, KeysAndAttributes>;
}

export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

export interface BatchWriteInput {
  RequestItems: Record<string, WriteRequest[]>;
}

export interface BatchWriteOutput {
  UnprocessedItems?: Record<string, WriteRequest[]>;
}

export interface ScanInput {
  TableName: string;
  ConsistentRead?: boolean;
  ExclusiveStartKey?: Item;
  FilterExpression?: string;
  ProjectionExpression?: string;
  Limit?: number;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Item;
}

export interface ScanOutput {
  Items?: Item[];
  LastEvaluatedKey?: Item;
  Count?: number;
  ScannedCount?: number;
}

/** The operations the state store uses, with JS values where DynamoDB has AttributeValues. */
export interface DocumentClient {
  get(input: GetInput): Promise<{ Item?: Item }>;
  put(input: PutInput): Promise<{ Attributes?: Item }>;
  update(input: UpdateInput): Promise<{ Attributes?: Item }>;
  batchGet(input: BatchGetInput): Promise<BatchGetOutput>;
  batchWrite(input: BatchWriteInput): Promise<BatchWriteOutput>;
  scan(input: ScanInput): Promise<ScanOutput>;
}

type WireKeys = Omit<KeysAndAttributes, 'Keys'> & { Keys: AttributeMap[] };

function withValues<T extends ExpressionInput>(input: T) {
  return { ...input, ExpressionAttributeValues: marshallOptional(input.ExpressionAttributeValues) };
}

function keysToWire(request: KeysAndAttributes) {
  return { ...request, Keys: request.Keys.map(marshallItem) };
}

function keysFromWire(request: WireKeys): KeysAndAttributes {
  return { ...request, Keys: request.Keys.map(unmarshallItem) };
}

function writeToWire(request: WriteRequest) {
  return 'PutRequest' in request
    ? { PutRequest: { Item: marshallItem(request.PutRequest.Item) } }
    : { DeleteRequest: { Key: marshallItem(request.DeleteRequest.Key) } };
}

type WireWrite = { PutRequest: { Item: AttributeMap } } | { DeleteRequest: { Key: AttributeMap } };

function writeFromWire(request: WireWrite): WriteRequest {
  return 'PutRequest' in request
    ? { PutRequest: { Item: unmarshallItem(request.PutRequest.Item) } }
    : { DeleteRequest: { Key: unmarshallItem(request.DeleteRequest.Key) } };
}

function mapValues<A, B>(record: Record<string, A> | undefined, convert: (value: A) => B) {
  if (record === undefined) return undefined;
  return Object.fromEntries(Object.entries(record).map(([name, value]) => [name, convert(value)]));
}

/** The document layer over a client; it keeps no state of its own. */
export function createDocumentClient(client: DynamoClient): DocumentClient {
  return {
    async get(input) {
      const output = await client.send<{ Item?: AttributeMap }>('GetItem', {
        ...input,
        Key: marshallItem(input.Key),
      });
      return { Item: unmarshallOptional(output.Item) };
    },

    async put(input) {
      const output = await client.send<{ Attributes?: AttributeMap }>('PutItem', {
        ...withValues(input),
        Item: marshallItem(input.Item),
      });
      return { Attributes: unmarshallOptional(output.Attributes) };
    },

    async update(input) {
      const output = await client.send<{ Attributes?: AttributeMap }>('UpdateItem', {
        ...withValues(input),
        Key: marshallItem(input.Key),
      });
      return { Attributes: unmarshallOptional(output.Attributes) };
    },

    async batchGet(input) {
      const output = await client.send<{
        Responses?: Record<string, AttributeMap[]>;
        UnprocessedKeys?: Record<string, WireKeys>;
      }>('BatchGetItem', { RequestItems: mapValues(input.RequestItems, keysToWire) });
      return {
        Responses: mapValues(output.Responses, (items) => items.map(unmarshallItem)),
        UnprocessedKeys: mapValues(output.UnprocessedKeys, keysFromWire),
      };
    },

    async batchWrite(input) {
      const output = await client.send<{ UnprocessedItems?: Record<string, WireWrite[]> }>('BatchWriteItem', {
        RequestItems: mapValues(input.RequestItems, (requests) => requests.map(writeToWire)),
      });
      return {
        UnprocessedItems: mapValues(output.UnprocessedItems, (requests) => requests.map(writeFromWire)),
      };
    },

    async scan(input) {
      const output = await client.send<{
        Items?: AttributeMap[];
        LastEvaluatedKey?: AttributeMap;
        Count?: number;
        ScannedCount?: number;
      }>('Scan', {
        ...input,
        ExclusiveStartKey: marshallOptional(input.ExclusiveStartKey),
        ExpressionAttributeValues: marshallOptional(input.ExpressionAttributeValues),
      });
      return {
        ...output,
        Items: output.Items?.map(unmarshallItem),
        LastEvaluatedKey: unmarshallOptional(output.LastEvaluatedKey),
      };
    },
  };
}
