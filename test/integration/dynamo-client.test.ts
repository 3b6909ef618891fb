import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  backoffMs,
  createDynamoClient,
  type DynamoClient,
  type DynamoClientConfig,
  DynamoConfigError,
  DynamoRequestError,
  DynamoServiceError,
  defaultEndpoint,
  dynamoConfigFromEnv,
} from '../../functions/adapters/dynamo-client.ts';
import { unusedPort } from '../support/ports.ts';
import { sdkSignedHeaders } from '../support/sdk-sigv4.ts';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  socket: Socket;
}

type Answer = (req: Received, res: ServerResponse) => void;

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
const dynamoError = (status: number, type: string, message = `injected ${type}`): Answer =>
  json(
    status,
    { __type: `com.amazonaws.dynamodb.v20120810#${type}`, message },
    { 'x-amzn-requestid': 'REQ1' },
  );
const ok = (body: unknown = {}): Answer => json(200, body);
const reset: Answer = (req) => req.socket.destroy();
const hang: Answer = () => {};
const cutOff: Answer = (req, res) => {
  res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': '100' });
  res.write('{"Items":[');
  setTimeout(() => req.socket.destroy(), 5);
};

/** A loopback DynamoDB that answers each request with the next scripted answer, then with `{}`. */
class ScriptedDynamo {
  readonly requests: Received[] = [];
  readonly connections = new Set<Socket>();
  private answers: Answer[] = [];
  private server!: Server;
  endpoint = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const received = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          socket: req.socket,
        };
        this.requests.push(received);
        (this.answers.shift() ?? ok())(received, res);
      });
    });
    this.server.on('connection', (socket) => this.connections.add(socket));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  script(...answers: Answer[]): void {
    this.answers.push(...answers);
  }

  async stop(): Promise<void> {
    for (const socket of this.connections) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret/key+test' };
const NOW = new Date('2025-06-01T12:00:00.000Z');

describe('the DynamoDB client, against a scripted local server', () => {
  let dynamo: ScriptedDynamo;
  let client: DynamoClient;
  let waits: number[];

  /** No real waiting between attempts: the waits are recorded, and jitter is the whole cap. */
  const clientFor = (config: Partial<DynamoClientConfig> = {}) =>
    createDynamoClient({
      region: 'eu-west-1',
      endpoint: dynamo.endpoint,
      credentials: CREDENTIALS,
      clock: () => NOW,
      random: () => 1,
      sleep: async (ms) => {
        waits.push(ms);
      },
      attemptTimeoutMs: 1_000,
      ...config,
    });

  beforeEach(async () => {
    dynamo = new ScriptedDynamo();
    await dynamo.start();
    waits = [];
    client = clientFor();
  });

  afterEach(async () => {
    await dynamo.stop();
  });

  describe('the wire', () => {
    test('an operation is a POST to / with its target, the JSON 1.0 content type and its input as JSON', async () => {
      dynamo.script(ok({ Responses: { herald: [] } }));
      const input = { RequestItems: { herald: { Keys: [{ pk: { S: 'outbox' } }], ConsistentRead: true } } };

      const output = await client.send('BatchGetItem', input);

      expect(output).toEqual({ Responses: { herald: [] } });
      const [request] = dynamo.requests;
      expect(request?.method).toBe('POST');
      expect(request?.url).toBe('/');
      expect(request?.headers['x-amz-target']).toBe('DynamoDB_20120810.BatchGetItem');
      expect(request?.headers['content-type']).toBe('application/x-amz-json-1.0');
      expect(JSON.parse(request?.body ?? '')).toEqual(input);
    });

    test('the request on the wire carries the signature the SDK would compute for it', async () => {
      const temporary = { ...CREDENTIALS, sessionToken: 'FwoGZXIvYXdzEJr//token==' };
      const signed = clientFor({ credentials: temporary });
      await signed.send('PutItem', { TableName: 'herald', Item: { pk: { S: 'feed#world' }, n: { N: '1' } } });

      const [request] = dynamo.requests;
      const headers = request?.headers as Record<string, string>;
      const unsigned = Object.fromEntries(
        ['host', 'content-type', 'content-length', 'x-amz-target'].map((name) => [name, headers[name] ?? '']),
      );
      const sdk = await sdkSignedHeaders(
        { method: 'POST', headers: unsigned, body: request?.body ?? '' },
        { region: 'eu-west-1', credentials: temporary, date: NOW },
      );
      expect(headers.authorization).toBe(sdk.authorization);
      expect(headers['x-amz-date']).toBe('20250601T120000Z');
      expect(headers['x-amz-security-token']).toBe(temporary.sessionToken);
      expect(headers.authorization).toContain('Credential=AKIDTEST/20250601/eu-west-1/dynamodb/aws4_request');
    });

    test('requests reuse one kept-alive connection', async () => {
      await client.send('Scan', { TableName: 'herald' });
      await client.send('Scan', { TableName: 'herald' });
      await client.send('Scan', { TableName: 'herald' });

      expect(dynamo.requests).toHaveLength(3);
      expect(dynamo.connections.size).toBe(1);
    });

    test('each request is told to the listeners once, whatever the retries', async () => {
      const told: string[] = [];
      const stop = client.onRequest((operation, input) => told.push(`${operation} ${JSON.stringify(input)}`));
      dynamo.script(dynamoError(500, 'InternalServerError'), dynamoError(400, 'ThrottlingException'));

      await client.send('UpdateItem', { TableName: 'herald' });
      stop();
      await client.send('UpdateItem', { TableName: 'other' });

      expect(dynamo.requests).toHaveLength(4);
      expect(told).toEqual(['UpdateItem {"TableName":"herald"}']);
    });
  });

  describe('errors', () => {
    test("an error answer becomes an error named for DynamoDB's exception, with its status and message", async () => {
      dynamo.script(dynamoError(400, 'ConditionalCheckFailedException', 'The conditional request failed'));

      const sending = client.send('PutItem', { TableName: 'herald' });

      await expect(sending).rejects.toBeInstanceOf(DynamoServiceError);
      await expect(sending).rejects.toMatchObject({
        name: 'ConditionalCheckFailedException',
        message: 'The conditional request failed',
        status: 400,
        operation: 'PutItem',
        requestId: 'REQ1',
        attempts: 1,
      });
    });

    test('a 4xx that is not throttling is never retried', async () => {
      dynamo.script(
        dynamoError(400, 'ValidationException'),
        dynamoError(400, 'ResourceNotFoundException'),
        json(400, { __type: 'com.amazon.coral.service#SerializationException', Message: 'bad JSON' }),
        dynamoError(403, 'AccessDeniedException'),
      );

      const names = [];
      for (let i = 0; i < 4; i++) {
        names.push(
          await client.send('Scan', {}).then(
            () => 'ok',
            (error: DynamoServiceError) => `${error.name}: ${error.message} (${error.attempts})`,
          ),
        );
      }

      expect(names).toEqual([
        'ValidationException: injected ValidationException (1)',
        'ResourceNotFoundException: injected ResourceNotFoundException (1)',
        'SerializationException: bad JSON (1)',
        'AccessDeniedException: injected AccessDeniedException (1)',
      ]);
      expect(dynamo.requests).toHaveLength(4);
      expect(waits).toEqual([]);
    });

    test('the x-amzn-errortype header names the error when the body does not', async () => {
      dynamo.script(
        json(400, '', { 'x-amzn-errortype': 'ResourceNotFoundException:http://internal.amazon.com/coral/' }),
      );

      await expect(client.send('Scan', {})).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: 'HTTP 400',
      });
    });

    test('an answer over the size cap is not read to its end, and fails at once', async () => {
      const capped = clientFor({ maxResponseBytes: 1024 });
      dynamo.script(ok({ Items: [{ pk: { S: 'x'.repeat(4096) } }] }));

      const sending = capped.send('Scan', {});

      await expect(sending).rejects.toBeInstanceOf(DynamoRequestError);
      await expect(sending).rejects.toMatchObject({ reason: 'response', attempts: 1 });
      expect(dynamo.requests).toHaveLength(1);
    });

    test('an answer of 200 that is not JSON fails at once, as a response error', async () => {
      dynamo.script(json(200, '<html>not dynamo</html>'));

      const sending = client.send('Scan', {});

      await expect(sending).rejects.toBeInstanceOf(DynamoRequestError);
      await expect(sending).rejects.toMatchObject({ reason: 'response', attempts: 1 });
      expect(dynamo.requests).toHaveLength(1);
    });
  });

  describe('retries', () => {
    test.each([
      ['ProvisionedThroughputExceededException', 400],
      ['ThrottlingException', 400],
      ['RequestLimitExceeded', 400],
      ['TooManyRequests', 429],
    ])('throttling (%s, HTTP %i) is retried after the throttling backoff', async (type, status) => {
      dynamo.script(dynamoError(status, type), dynamoError(status, type), ok({ Items: [] }));

      const output = await client.send('Scan', {});

      expect(output).toEqual({ Items: [] });
      expect(dynamo.requests).toHaveLength(3);
      expect(waits).toEqual([1_000, 2_000]);
    });

    test('500, 502, 503 and 504 are retried after the short backoff', async () => {
      dynamo.script(
        dynamoError(500, 'InternalServerError'),
        json(502, '<html>Bad Gateway</html>'),
        dynamoError(503, 'ServiceUnavailable'),
      );

      await client.send('Scan', {});
      dynamo.script(json(504, ''));
      await client.send('Scan', {});

      expect(dynamo.requests).toHaveLength(6);
      expect(waits).toEqual([25, 50, 100, 25]);
    });

    test('a reset connection, and an answer cut off before its end, are retried', async () => {
      dynamo.script(reset, cutOff, ok({ Count: 0 }));

      const output = await client.send('Scan', {});

      expect(output).toEqual({ Count: 0 });
      expect(dynamo.requests).toHaveLength(3);
    });

    test('an attempt that hangs times out and is retried', async () => {
      const patient = clientFor({ attemptTimeoutMs: 100 });
      dynamo.script(hang, ok({ Count: 1 }));

      const started = performance.now();
      const output = await patient.send('Scan', {});

      expect(output).toEqual({ Count: 1 });
      expect(dynamo.requests).toHaveLength(2);
      expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    });

    test('retries are bounded: after the last attempt, its error is thrown with the count', async () => {
      const hanging = clientFor({ attemptTimeoutMs: 50, maxAttempts: 3 });
      dynamo.script(hang, hang, hang, hang);

      const sending = hanging.send('BatchGetItem', {});

      await expect(sending).rejects.toBeInstanceOf(DynamoRequestError);
      await expect(sending).rejects.toMatchObject({
        reason: 'timeout',
        attempts: 3,
        operation: 'BatchGetItem',
      });
      expect(dynamo.requests).toHaveLength(3);
    });

    test('four attempts by default, as the SDK makes for DynamoDB', async () => {
      dynamo.script(...Array.from({ length: 5 }, () => dynamoError(500, 'InternalServerError')));

      await expect(client.send('Scan', {})).rejects.toMatchObject({
        name: 'InternalServerError',
        attempts: 4,
      });
      expect(dynamo.requests).toHaveLength(4);
    });

    test('a refused connection is retried, then fails as a network error with its code', async () => {
      const port = await unusedPort();
      const refused = clientFor({ endpoint: `http://127.0.0.1:${port}`, maxAttempts: 2 });

      const sending = refused.send('Scan', {});

      await expect(sending).rejects.toMatchObject({ reason: 'network', code: 'ECONNREFUSED', attempts: 2 });
      expect(waits).toEqual([25]);
    });

    test('when most requests keep failing, the retry quota stops retries until successes refill it', async () => {
      const stubborn = clientFor({ maxAttempts: 100 });
      dynamo.script(...Array.from({ length: 37 }, () => dynamoError(500, 'InternalServerError')));

      // 500 tokens at 14 a retry: 35 retries, then the error is thrown, and the next one fails at once.
      await expect(stubborn.send('Scan', {})).rejects.toMatchObject({ attempts: 36 });
      await expect(stubborn.send('Scan', {})).rejects.toMatchObject({ attempts: 1 });
      // 10 tokens left; each success adds one, and 14 buy a retry again.
      for (let i = 0; i < 4; i++) await stubborn.send('Scan', {});
      dynamo.script(dynamoError(500, 'InternalServerError'));
      await expect(stubborn.send('Scan', {})).resolves.toEqual({});
      expect(dynamo.requests).toHaveLength(37 + 4 + 2);
    });
  });

  test('the backoff is a random share of a cap that doubles, from 25 ms, or 1 s for throttling, up to 20 s', () => {
    expect([1, 2, 3, 4].map((retry) => backoffMs(retry, 'transient', () => 1))).toEqual([25, 50, 100, 200]);
    expect([1, 2, 3].map((retry) => backoffMs(retry, 'throttling', () => 0.5))).toEqual([500, 1000, 2000]);
    expect(backoffMs(30, 'throttling', () => 0.999)).toBe(19_980);
    expect(backoffMs(2, 'transient', () => 0)).toBe(0);
  });
});

describe('the DynamoDB client, configured from the environment as Lambda sets it', () => {
  let dynamo: ScriptedDynamo;

  beforeEach(async () => {
    dynamo = new ScriptedDynamo();
    await dynamo.start();
  });

  afterEach(async () => {
    await dynamo.stop();
  });

  test('region, endpoint and temporary credentials come from the environment', async () => {
    const client = createDynamoClient(
      dynamoConfigFromEnv({
        AWS_REGION: 'ap-south-1',
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
        AWS_ACCESS_KEY_ID: 'ASIALAMBDA',
        AWS_SECRET_ACCESS_KEY: 'lambda-secret',
        AWS_SESSION_TOKEN: 'lambda-token',
      }),
    );

    await client.send('GetItem', { TableName: 'herald', Key: { pk: { S: 'outbox' } } });

    const headers = dynamo.requests[0]?.headers;
    expect(headers?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=ASIALAMBDA\/\d{8}\/ap-south-1\/dynamodb\//,
    );
    expect(headers?.['x-amz-security-token']).toBe('lambda-token');
  });

  test('without credentials in the environment, a request fails before it is sent', async () => {
    const client = createDynamoClient(
      dynamoConfigFromEnv({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint }),
    );

    await expect(client.send('Scan', {})).rejects.toBeInstanceOf(DynamoConfigError);
    expect(dynamo.requests).toHaveLength(0);
  });

  test('without a region there is no client, and nothing is asked of the network', () => {
    expect(() => dynamoConfigFromEnv({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' })).toThrow(
      DynamoConfigError,
    );
  });

  test('the endpoint is the regional one unless one is given, and must be an origin', () => {
    expect(defaultEndpoint('eu-central-1')).toBe('https://dynamodb.eu-central-1.amazonaws.com');
    expect(defaultEndpoint('cn-northwest-1')).toBe('https://dynamodb.cn-northwest-1.amazonaws.com.cn');
    expect(dynamoConfigFromEnv({ AWS_REGION: 'us-east-1' }).endpoint).toBeUndefined();
    expect(
      dynamoConfigFromEnv({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }).endpoint,
    ).toBe('http://127.0.0.1:9');
    for (const endpoint of ['http://127.0.0.1:8000/prefix', 'ftp://example.org', 'not a url'])
      expect(() => createDynamoClient({ region: 'us-east-1', endpoint, credentials: CREDENTIALS })).toThrow(
        DynamoConfigError,
      );
  });
});
