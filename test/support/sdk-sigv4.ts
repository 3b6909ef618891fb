import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentials } from '../../functions/adapters/sigv4.ts';

/** The SDK's signer takes a hash class; this one is node:crypto's, so both signers hash alike. */
class NodeSha256 {
  private readonly hash: Hash | Hmac;

  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }

  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function bytes(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

export interface UnsignedRequest {
  method: string;
  /** Lower-case names, `host` among them. */
  headers: Record<string, string>;
  body: string;
}

/**
 * Signs a request to `/` as the SDK's DynamoDB client does: `@smithy/signature-v4` with its defaults and
 * service `dynamodb`. The reference the signer under test must agree with, header for header.
 */
export async function sdkSignedHeaders(
  request: UnsignedRequest,
  scope: { region: string; credentials: AwsCredentials; date: Date },
): Promise<Record<string, string>> {
  const [hostname = '', port] = (request.headers.host ?? '').split(':');
  const signer = new SignatureV4({
    credentials: scope.credentials,
    region: scope.region,
    service: 'dynamodb',
    sha256: NodeSha256,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'https:',
      hostname,
      port: port === undefined ? undefined : Number(port),
      path: '/',
      query: {},
      headers: { ...request.headers },
      body: request.body,
    },
    { signingDate: scope.date },
  );
  return signed.headers as Record<string, string>;
}
