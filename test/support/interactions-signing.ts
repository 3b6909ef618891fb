import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { LambdaFunctionURLEvent } from 'aws-lambda';

/** A test application's key pair: the public key as the Developer Portal shows it, 64 hex characters. */
export interface TestKeys {
  publicKeyHex: string;
  privateKey: KeyObject;
}

export function createTestKeys(): TestKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return { publicKeyHex: spki.subarray(-32).toString('hex'), privateKey };
}

/** Discord's signature: Ed25519 over the timestamp followed by the raw body, as hex. */
export function signatureFor(keys: TestKeys, timestamp: string, body: string): string {
  return sign(null, Buffer.from(timestamp + body, 'utf8'), keys.privateKey).toString('hex');
}

export interface SignOptions {
  /** When the request was signed; default now. */
  at?: Date;
  /** Overrides the header, e.g. a signature made with another key. */
  signature?: string;
  /** Overrides the timestamp header after signing, to test a tampered timestamp. */
  timestampHeader?: string;
  /** Send the body base64-encoded, as a Function URL does for non-text content types. */
  base64?: boolean;
  method?: string;
  /** Leave out the signature headers. */
  unsigned?: boolean;
}

/** A Function URL event carrying a signed interaction, shaped exactly as Lambda delivers it. */
export function signedEvent(
  keys: TestKeys,
  payload: unknown,
  options: SignOptions = {},
): LambdaFunctionURLEvent {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const at = options.at ?? new Date();
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signature = options.signature ?? signatureFor(keys, timestamp, body);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    host: 'abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws',
    'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)',
    'x-forwarded-proto': 'https',
  };
  if (!options.unsigned) {
    headers['x-signature-ed25519'] = signature;
    headers['x-signature-timestamp'] = options.timestampHeader ?? timestamp;
  }
  const method = options.method ?? 'POST';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: 'anonymous',
      apiId: 'abcdefghijklmnopqrstuvwxyz012345',
      domainName: 'abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws',
      domainPrefix: 'abcdefghijklmnopqrstuvwxyz012345',
      http: {
        method,
        path: '/',
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'Discord-Interactions/1.0 (+https://discord.com)',
      },
      requestId: '6f2c1a9e-3b7d-4c1e-9a55-2d8f0e4b7c11',
      routeKey: '$default',
      stage: '$default',
      time: '01/Jun/2025:12:00:00 +0000',
      timeEpoch: at.getTime(),
    },
    body: options.base64 ? Buffer.from(body, 'utf8').toString('base64') : body,
    isBase64Encoded: options.base64 ?? false,
  };
}
