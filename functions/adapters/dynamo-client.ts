import { type AwsCredentials, signRequest } from './sigv4.ts';

/**
 * A small DynamoDB client: the JSON 1.0 protocol (`POST /`, `X-Amz-Target: DynamoDB_20120810.<Operation>`)
 * signed with SigV4 and retried as the SDK's standard mode retries. The SDK's client parsed about 220 KB
 * of @smithy and @aws-sdk code at every cold start, most of it a generic middleware stack, endpoint rules
 * and a credential chain that a Lambda, whose region and credentials are in its environment, never needs.
 *
 * It sends with Node's `fetch`, whose pool keeps connections alive, rather than node:https with an agent:
 * every poll loads fetch anyway for its feeds, so DynamoDB adds no HTTP stack of its own to the cold
 * start. Measured side by side, node:https cost the poll bundle 4 to 5 ms more at import (0.1x of a bare
 * node start), and more again by the end of a poll's first feed request.
 */

/** The operations Herald sends. Adding one is adding its name: the protocol is the same for all. */
export type DynamoOperation =
  | 'BatchGetItem'
  | 'BatchWriteItem'
  | 'GetItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'Scan';

export type CredentialsSource = AwsCredentials | (() => AwsCredentials | Promise<AwsCredentials>);

export interface DynamoClientConfig {
  /** The signing region, e.g. `us-east-1`. */
  region: string;
  /** `https://dynamodb.<region>.amazonaws.com` unless given (a local store, `AWS_ENDPOINT_URL_DYNAMODB`). */
  endpoint?: string;
  /** Fixed credentials, or a source asked before each attempt (so that rotated credentials are used). */
  credentials: CredentialsSource;
  /** Attempts per request, the first included. Default 4, as the SDK's DynamoDB client. */
  maxAttempts?: number;
  /** One attempt's deadline, from connecting to the last byte of the answer. Default 5 s. */
  attemptTimeoutMs?: number;
  /** The largest answer read, in bytes. Default 64 MB: BatchGetItem answers up to 16 MB of items. */
  maxResponseBytes?: number;
  /** Default: the global `fetch`, looked up at each attempt. */
  fetch?: typeof fetch;
  /** Test seams: the signing clock, the jitter, and the wait between attempts. */
  clock?: () => Date;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Told of each request once, before its first attempt, whatever the retries: for counting requests. */
export type RequestListener = (operation: DynamoOperation, input: Readonly<Record<string, unknown>>) => void;

export interface DynamoClient {
  /**
   * Sends one operation with its input in DynamoDB's wire JSON (AttributeValues), and resolves to its
   * output. Rejects with a {@link DynamoServiceError} when DynamoDB answers with an error, a
   * {@link DynamoRequestError} when no usable answer came, after the retries either allows.
   */
  send<T = Record<string, unknown>>(
    operation: DynamoOperation,
    input: Readonly<Record<string, unknown>>,
  ): Promise<T>;
  /** Adds a listener; returns the function that removes it. */
  onRequest(listener: RequestListener): () => void;
}

/** DynamoDB answered with an error: `name` is its exception, e.g. `ConditionalCheckFailedException`. */
export class DynamoServiceError extends Error {
  override readonly name: string;
  readonly status: number;
  readonly operation: DynamoOperation;
  readonly requestId: string | undefined;
  /** Attempts made when this error ended the request. */
  readonly attempts: number;

  constructor(init: {
    name: string;
    message: string;
    status: number;
    operation: DynamoOperation;
    requestId: string | undefined;
    attempts: number;
  }) {
    super(init.message);
    this.name = init.name;
    this.status = init.status;
    this.operation = init.operation;
    this.requestId = init.requestId;
    this.attempts = init.attempts;
  }
}

/** No usable answer: the attempt timed out, the connection failed, or the answer was not DynamoDB's JSON. */
export class DynamoRequestError extends Error {
  override readonly name = 'DynamoRequestError';
  readonly reason: 'timeout' | 'network' | 'response';
  readonly operation: DynamoOperation;
  readonly attempts: number;
  /** The code of a network failure, e.g. `ECONNREFUSED`, `UND_ERR_SOCKET`. */
  readonly code: string | undefined;

  constructor(
    init: {
      reason: 'timeout' | 'network' | 'response';
      operation: DynamoOperation;
      attempts: number;
      code?: string;
    },
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.reason = init.reason;
    this.operation = init.operation;
    this.attempts = init.attempts;
    this.code = init.code;
  }
}

/** The client cannot be built or cannot sign: no region, an endpoint it cannot use, no credentials. */
export class DynamoConfigError extends Error {
  override readonly name = 'DynamoConfigError';
}

const TARGET_PREFIX = 'DynamoDB_20120810.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
const DEFAULT_MAX_ATTEMPTS = 4;
const DEFAULT_ATTEMPT_TIMEOUT_MS = 5_000;
/** BatchGetItem answers at most 16 MB of items; their JSON is bigger, but not four times bigger. */
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

// The SDK's standard retry mode (retries-2026 in @smithy/core, with the DynamoDB client's 25 ms base):
// full jitter over an exponential cap, a longer base for throttling, and a quota that stops retries
// when most recent requests have been failing, so a struggling table is not hammered further.
const BASE_DELAY_MS = 25;
const THROTTLING_BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 20_000;
const RETRY_QUOTA = 500;
const RETRY_COST = 14;
const THROTTLING_RETRY_COST = 5;

/** The SDK's throttling error codes that DynamoDB can answer. */
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'Throttling',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'TransactionInProgressException',
]);
/** Not throttling, but worth another attempt: DynamoDB's own transient faults, by name. */
const TRANSIENT = new Set(['RequestTimeout', 'RequestTimeoutException', 'ReplicatedWriteConflictException']);
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);

type Retry = 'no' | 'transient' | 'throttling';

/** Whether, and how, a failed attempt is retried: never a 4xx that is not throttling, nor an unreadable answer. */
export function retryOf(error: unknown): Retry {
  if (error instanceof DynamoServiceError) {
    if (error.status === 429 || THROTTLING.has(error.name)) return 'throttling';
    if (TRANSIENT_STATUS.has(error.status) || TRANSIENT.has(error.name)) return 'transient';
    return 'no';
  }
  if (error instanceof DynamoRequestError) return error.reason === 'response' ? 'no' : 'transient';
  return 'no';
}

/** The wait before retry `retry` (1 for the first): a random share of an exponential cap. */
export function backoffMs(retry: number, kind: 'transient' | 'throttling', random: () => number): number {
  const base = kind === 'throttling' ? THROTTLING_BASE_DELAY_MS : BASE_DELAY_MS;
  return Math.floor(random() * Math.min(base * 2 ** (retry - 1), MAX_DELAY_MS));
}

/** `https://dynamodb.<region>.amazonaws.com`, or `.amazonaws.com.cn` in the China regions. */
export function defaultEndpoint(region: string): string {
  return `https://dynamodb.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}

function parseEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch (error) {
    throw new DynamoConfigError(`the DynamoDB endpoint ${JSON.stringify(endpoint)} is not a URL`, {
      cause: error,
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new DynamoConfigError(`the DynamoDB endpoint ${endpoint} is neither http nor https`);
  // Every request goes to `/`, and that is the path the signature covers.
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.username || url.password)
    throw new DynamoConfigError(`the DynamoDB endpoint ${endpoint} must be an origin, with no path or query`);
  return url;
}

/**
 * The config of a client in Lambda (or any process configured the same way): the region from
 * `AWS_REGION` (or `AWS_DEFAULT_REGION`), the endpoint from `AWS_ENDPOINT_URL_DYNAMODB` (or
 * `AWS_ENDPOINT_URL`), and the credentials Lambda puts in the environment, read before each attempt.
 * Nothing else is consulted: no profile, no metadata address.
 */
export function dynamoConfigFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  overrides: Partial<DynamoClientConfig> = {},
): DynamoClientConfig {
  const region = overrides.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new DynamoConfigError('no AWS region: AWS_REGION is not set');
  const endpoint = overrides.endpoint ?? env.AWS_ENDPOINT_URL_DYNAMODB ?? env.AWS_ENDPOINT_URL;
  return {
    ...overrides,
    region,
    ...(endpoint ? { endpoint } : {}),
    credentials: overrides.credentials ?? (() => credentialsFromEnv(env)),
  };
}

function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>): AwsCredentials {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = env;
  if (!accessKeyId || !secretAccessKey)
    throw new DynamoConfigError(
      'no AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set',
    );
  const sessionToken = env.AWS_SESSION_TOKEN;
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}

interface Answer {
  status: number;
  requestId: string | undefined;
  errorType: string | undefined;
  body: string;
}

/** The code of what fetch threw, found along its causes: `ECONNREFUSED`, `UND_ERR_SOCKET`, ... */
function codeOf(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const { code } = e as NodeJS.ErrnoException;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** The body as text; undefined past `limit` bytes, so that a runaway answer cannot exhaust memory. */
async function readCapped(response: Response, limit: number): Promise<string | undefined> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early cancels the stream, which lets its connection go.
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Creates a client. It opens no connection until the first request. */
export function createDynamoClient(config: DynamoClientConfig): DynamoClient {
  if (!config.region) throw new DynamoConfigError('no AWS region for DynamoDB');
  const url = parseEndpoint(config.endpoint ?? defaultEndpoint(config.region));
  const maxAttempts = Math.max(1, config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const attemptTimeoutMs = config.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
  const maxResponseBytes = config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  // Looked up at each attempt, so that a fetch installed later (the bench's loopback guard) is the one used.
  const fetchImpl = config.fetch ?? ((input: URL, init: RequestInit) => fetch(input, init));
  const clock = config.clock ?? (() => new Date());
  const random = config.random ?? Math.random;
  const sleep = config.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const listeners = new Set<RequestListener>();
  let quota = RETRY_QUOTA;

  const credentials = async (): Promise<AwsCredentials> =>
    typeof config.credentials === 'function' ? config.credentials() : config.credentials;

  async function post(
    operation: DynamoOperation,
    body: string,
    headers: Record<string, string>,
    attempt: number,
  ): Promise<Answer> {
    const fail = (reason: 'timeout' | 'network' | 'response', message: string, cause?: unknown) =>
      new DynamoRequestError(
        { reason, operation, attempts: attempt, code: codeOf(cause) },
        `DynamoDB ${operation}: ${message}`,
        { cause },
      );
    // One deadline for the whole attempt: the body is read under the same signal.
    const signal = AbortSignal.timeout(attemptTimeoutMs);
    try {
      const response = await fetchImpl(url, { method: 'POST', headers, body, signal });
      const text = await readCapped(response, maxResponseBytes);
      if (text === undefined) throw fail('response', `the answer is over ${maxResponseBytes} bytes`);
      // fetch's pool takes the connection back a turn after the body ends; a request sent before that (the
      // store often sends one at once) would open, and in AWS shake hands on, a second connection.
      await new Promise((resolve) => setImmediate(resolve));
      return {
        status: response.status,
        requestId: response.headers.get('x-amzn-requestid') ?? undefined,
        errorType: response.headers.get('x-amzn-errortype') ?? undefined,
        body: text,
      };
    } catch (error) {
      if (error instanceof DynamoRequestError) throw error;
      if (signal.aborted) throw fail('timeout', `no answer within ${attemptTimeoutMs} ms`, error);
      // fetch rejects with a TypeError for a refused, reset or cut-off connection; the request may have run.
      const code = codeOf(error);
      throw fail(
        'network',
        `${error instanceof Error ? error.message : String(error)}${code ? ` (${code})` : ''}`,
        error,
      );
    }
  }

  async function attemptOnce(operation: DynamoOperation, body: string, attempt: number): Promise<unknown> {
    // fetch sends host and content-length itself, from the URL and the body: they are signed as it sends them.
    const sent = { 'content-type': CONTENT_TYPE, 'x-amz-target': `${TARGET_PREFIX}${operation}` };
    const signed = signRequest(
      {
        method: 'POST',
        headers: { ...sent, host: url.host, 'content-length': String(Buffer.byteLength(body)) },
        body,
      },
      { service: 'dynamodb', region: config.region, credentials: await credentials(), date: clock() },
    );
    const answer = await post(operation, body, { ...sent, ...signed }, attempt);
    if (answer.status === 200) {
      try {
        return answer.body === '' ? {} : JSON.parse(answer.body);
      } catch (error) {
        throw new DynamoRequestError(
          { reason: 'response', operation, attempts: attempt },
          `DynamoDB ${operation}: the answer is not JSON`,
          { cause: error },
        );
      }
    }
    throw serviceError(operation, answer, attempt);
  }

  return {
    async send<T>(operation: DynamoOperation, input: Readonly<Record<string, unknown>>): Promise<T> {
      for (const listener of listeners) listener(operation, input);
      const body = JSON.stringify(input);
      let retryCost = 0;
      for (let attempt = 1; ; attempt++) {
        try {
          const output = (await attemptOnce(operation, body, attempt)) as T;
          quota = Math.min(RETRY_QUOTA, quota + (retryCost || 1));
          return output;
        } catch (error) {
          const retry = retryOf(error);
          const cost = retry === 'throttling' ? THROTTLING_RETRY_COST : RETRY_COST;
          if (retry === 'no' || attempt >= maxAttempts || quota < cost) throw error;
          quota -= cost;
          retryCost = cost;
          await sleep(backoffMs(attempt, retry, random));
        }
      }
    },
    onRequest(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * DynamoDB's error answer: `{"__type": "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
 * "message": "..."}` (some exceptions spell it `Message`). The name is the part after `#`, and before
 * any `:` in the `x-amzn-errortype` header, which wins when present, as in the SDK.
 */
function serviceError(operation: DynamoOperation, answer: Answer, attempts: number): DynamoServiceError {
  let parsed: { __type?: unknown; code?: unknown; message?: unknown; Message?: unknown } = {};
  try {
    const value: unknown = JSON.parse(answer.body);
    if (value && typeof value === 'object') parsed = value;
  } catch {
    // Not DynamoDB's JSON (a proxy's page, a cut-off body): the status alone tells what happened.
  }
  const raw = answer.errorType ?? [parsed.__type, parsed.code].find((v) => typeof v === 'string');
  const name = typeof raw === 'string' ? (raw.split(':')[0]?.split('#').pop() ?? '') : '';
  const message = [parsed.message, parsed.Message].find((v) => typeof v === 'string');
  return new DynamoServiceError({
    name: name || 'UnknownError',
    message: typeof message === 'string' ? message : `HTTP ${answer.status}`,
    status: answer.status,
    operation,
    requestId: answer.requestId,
    attempts,
  });
}
