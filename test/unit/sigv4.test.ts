import { describe, expect, test } from 'vitest';
import { type AwsCredentials, amzDate, signRequest } from '../../functions/adapters/sigv4.ts';
import { sdkSignedHeaders } from '../support/sdk-sigv4.ts';

/** The request the DynamoDB client sends, before signing: what both signers are given. */
function dynamoRequest(host: string, operation: string, body: string) {
  return {
    method: 'POST',
    headers: {
      host,
      'content-type': 'application/x-amz-json-1.0',
      'content-length': String(Buffer.byteLength(body)),
      'x-amz-target': `DynamoDB_20120810.${operation}`,
    },
    body,
  };
}

const KEYS: AwsCredentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const TEMPORARY: AwsCredentials = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'q2b7ZLmTJy0tSECRET/key+with/slashes',
  sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6Ex4mpl3+TOKEN/with=padding==',
};

const cases = [
  {
    name: 'a BatchGetItem with long-term keys in us-east-1',
    host: 'dynamodb.us-east-1.amazonaws.com',
    operation: 'BatchGetItem',
    body: '{"RequestItems":{"herald":{"Keys":[{"pk":{"S":"outbox"}}],"ConsistentRead":true}}}',
    region: 'us-east-1',
    credentials: KEYS,
    date: new Date('2025-06-01T12:00:00.000Z'),
  },
  {
    name: "Lambda's temporary credentials with a session token, in eu-west-3",
    host: 'dynamodb.eu-west-3.amazonaws.com',
    operation: 'UpdateItem',
    body: '{"TableName":"herald","Key":{"pk":{"S":"story#voa:1"}},"UpdateExpression":"SET #a = :a"}',
    region: 'eu-west-3',
    credentials: TEMPORARY,
    date: new Date('2026-02-28T23:59:59.999Z'),
  },
  {
    name: 'a body in several scripts and emoji, in ap-southeast-2, at the turn of a day',
    host: 'dynamodb.ap-southeast-2.amazonaws.com',
    operation: 'PutItem',
    body: JSON.stringify({
      TableName: 'herald',
      Item: { pk: { S: 'story#voa:2' }, title: { S: 'Droits humains · 人权 · حقوق الإنسان 🕊️' } },
    }),
    region: 'ap-southeast-2',
    credentials: { ...TEMPORARY, sessionToken: 'short-token' },
    date: new Date('2025-12-31T00:00:00.000Z'),
  },
  {
    name: 'an empty JSON object to a local endpoint with a port',
    host: '127.0.0.1:8000',
    operation: 'Scan',
    body: '{}',
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    date: new Date('2025-06-01T12:00:00.000Z'),
  },
  {
    name: 'an empty body in a China region',
    host: 'dynamodb.cn-north-1.amazonaws.com.cn',
    operation: 'ListTables',
    body: '',
    region: 'cn-north-1',
    credentials: TEMPORARY,
    date: new Date('2024-02-29T08:30:15.000Z'),
  },
];

describe('SigV4 signing', () => {
  test.each(cases)('signs exactly as @smithy/signature-v4: $name', async (c) => {
    const request = dynamoRequest(c.host, c.operation, c.body);

    const ours = signRequest(request, {
      service: 'dynamodb',
      region: c.region,
      credentials: c.credentials,
      date: c.date,
    });
    const sdk = await sdkSignedHeaders(request, c);

    expect(ours.authorization).toBe(sdk.authorization);
    expect(ours['x-amz-date']).toBe(sdk['x-amz-date']);
    expect(ours['x-amz-security-token']).toBe(sdk['x-amz-security-token']);
    expect(ours['x-amz-content-sha256']).toBe(sdk['x-amz-content-sha256']);
  });

  test('the session token is sent and signed only with temporary credentials', () => {
    const request = dynamoRequest('dynamodb.us-east-1.amazonaws.com', 'Scan', '{}');
    const scope = { service: 'dynamodb', region: 'us-east-1', date: new Date('2025-06-01T12:00:00Z') };

    const longTerm = signRequest(request, { ...scope, credentials: KEYS });
    const temporary = signRequest(request, { ...scope, credentials: TEMPORARY });

    expect(longTerm['x-amz-security-token']).toBeUndefined();
    expect(longTerm.authorization).toContain(
      'SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target,',
    );
    expect(temporary['x-amz-security-token']).toBe(TEMPORARY.sessionToken);
    expect(temporary.authorization).toContain(';x-amz-security-token;x-amz-target,');
  });

  test('headers that proxies rewrite are left out of the signature', () => {
    const request = dynamoRequest('dynamodb.us-east-1.amazonaws.com', 'Scan', '{}');
    const scope = {
      service: 'dynamodb',
      region: 'us-east-1',
      credentials: KEYS,
      date: new Date('2025-06-01T12:00:00Z'),
    };

    const plain = signRequest(request, scope);
    const withAgentHeaders = signRequest(
      { ...request, headers: { ...request.headers, 'user-agent': 'herald', connection: 'keep-alive' } },
      scope,
    );

    expect(withAgentHeaders.authorization).toBe(plain.authorization);
  });

  test('a different body, region or key gives a different signature', () => {
    const scope = {
      service: 'dynamodb',
      region: 'us-east-1',
      credentials: KEYS,
      date: new Date('2025-06-01T12:00:00Z'),
    };
    const signature = (s: typeof scope, body = '{}') =>
      signRequest(dynamoRequest('dynamodb.us-east-1.amazonaws.com', 'Scan', body), s).authorization;

    const base = signature(scope);

    expect(signature(scope, '{ }')).not.toBe(base);
    expect(signature({ ...scope, region: 'us-west-2' })).not.toBe(base);
    expect(signature({ ...scope, credentials: { ...KEYS, secretAccessKey: 'other' } })).not.toBe(base);
  });

  test('the date is ISO 8601 basic, in UTC, to the second', () => {
    expect(amzDate(new Date('2025-06-01T02:03:04.567Z'))).toBe('20250601T020304Z');
  });
});
