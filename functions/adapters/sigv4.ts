import { createHash, createHmac } from 'node:crypto';

/** AWS credentials: Lambda's from its environment, or fixed ones for a local store. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (Lambda's always are) carry a session token, which is signed too. */
  sessionToken?: string;
}

export interface SignableRequest {
  method: string;
  /** Header names in lower case; `host` among them. */
  headers: Readonly<Record<string, string>>;
  body: string;
}

export interface SigningScope {
  service: string;
  region: string;
  credentials: AwsCredentials;
  date: Date;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

/**
 * Headers that proxies and agents may add, drop or rewrite on the way, so SigV4 leaves them out of the
 * signature (the same list as `@smithy/signature-v4`): signing one would break on the first hop that
 * touches it.
 */
const UNSIGNABLE = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);

const sha256Hex = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer =>
  createHmac('sha256', key).update(data, 'utf8').digest();

/** `20250601T120000Z`: ISO 8601 basic format, in UTC, without milliseconds. */
export function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * Signs a request to the root path `/` with no query string, which is every request of the DynamoDB
 * JSON protocol: the headers to add to it, `x-amz-date`, `x-amz-content-sha256`, `x-amz-security-token`
 * (with temporary credentials) and `authorization`. The payload's hash is sent as a header, as the SDK
 * does, so that the body is bound to the signature on the wire as well as in the canonical request.
 *
 * The signing key is derived on every call: four HMACs cost microseconds, and a cache would keep the
 * secret key's derivatives in memory for no measurable gain.
 */
export function signRequest(request: SignableRequest, scope: SigningScope): Record<string, string> {
  const longDate = amzDate(scope.date);
  const shortDate = longDate.slice(0, 8);
  const credentialScope = `${shortDate}/${scope.region}/${scope.service}/aws4_request`;
  const payloadHash = sha256Hex(request.body);
  const added: Record<string, string> = {
    'x-amz-date': longDate,
    'x-amz-content-sha256': payloadHash,
  };
  if (scope.credentials.sessionToken) added['x-amz-security-token'] = scope.credentials.sessionToken;

  const canonical = new Map<string, string>();
  for (const [name, value] of Object.entries({ ...request.headers, ...added })) {
    const lower = name.toLowerCase();
    if (UNSIGNABLE.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-')) continue;
    canonical.set(
      lower,
      value
        .replace(/[\r\n]/g, ' ')
        .replace(/[ \t]+/g, ' ')
        .trim(),
    );
  }
  const names = [...canonical.keys()].sort();
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    request.method,
    '/',
    '',
    ...names.map((name) => `${name}:${canonical.get(name)}`),
    '',
    signedHeaders,
    payloadHash,
  ].join('\n');
  const stringToSign = [ALGORITHM, longDate, credentialScope, sha256Hex(canonicalRequest)].join('\n');

  const dateKey = hmac(`AWS4${scope.credentials.secretAccessKey}`, shortDate);
  const signingKey = hmac(hmac(hmac(dateKey, scope.region), scope.service), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return {
    ...added,
    authorization: `${ALGORITHM} Credential=${scope.credentials.accessKeyId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
