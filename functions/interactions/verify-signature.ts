import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { Clock } from '../core/ports.ts';

/** The DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PUBLIC_KEY_HEX = /^[0-9a-f]{64}$/i;
const SIGNATURE_HEX = /^[0-9a-f]{128}$/i;
const TIMESTAMP = /^\d{1,12}$/;

const DEFAULT_MAX_AGE_SECONDS = 300;
const DEFAULT_MAX_FUTURE_SECONDS = 60;
const DEFAULT_REPLAY_CACHE_SIZE = 10_000;

/** The configured public key is not the 64 hex characters that the Developer Portal shows. */
export class InvalidPublicKeyError extends Error {
  override readonly name = 'InvalidPublicKeyError';
}

/**
 * Builds the KeyObject for an application's public key, as the Developer Portal shows it (64 hex characters).
 * Throws {@link InvalidPublicKeyError}, which names neither the key nor its bytes.
 */
export function ed25519PublicKey(hex: string): KeyObject {
  const trimmed = hex.trim();
  if (!PUBLIC_KEY_HEX.test(trimmed)) {
    throw new InvalidPublicKeyError(
      `the Discord public key must be 64 hex characters (got ${trimmed.length} characters)`,
    );
  }
  try {
    return createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(trimmed, 'hex')]),
      format: 'der',
      type: 'spki',
    });
  } catch (error) {
    throw new InvalidPublicKeyError('the Discord public key is not a valid Ed25519 key', { cause: error });
  }
}

/** Why a request was refused. Every refusal is a 401: Discord's own checks send bad signatures on purpose. */
export type Refusal = 'missing-signature' | 'malformed-signature' | 'bad-signature' | 'stale' | 'replayed';

export type Verification = { ok: true } | { ok: false; reason: Refusal };

export interface SignedRequest {
  /** `X-Signature-Ed25519`: hex. */
  signature: string | undefined;
  /** `X-Signature-Timestamp`: Unix seconds, as Discord sent it. */
  timestamp: string | undefined;
  /** The raw body bytes, exactly as received. */
  body: Buffer;
}

export interface SignatureVerifierOptions {
  /** 64 hex characters, or a KeyObject built once by the caller. */
  publicKey: string | KeyObject;
  clock: Clock;
  /** A timestamp older than this is stale. Default 300 (5 minutes). */
  maxAgeSeconds?: number;
  /** A timestamp this far ahead of the clock is refused too. Default 60. */
  maxFutureSeconds?: number;
  /** Signatures remembered for replay checks. Default 10 000. */
  replayCacheSize?: number;
}

export interface SignatureVerifier {
  verify(request: SignedRequest): Verification;
}

/**
 * Verifies Discord's Ed25519 signature over `timestamp + body`, then the timestamp's freshness, then that
 * the signature was not seen before in this container.
 *
 * A signature is remembered only until its timestamp goes stale: after that, the freshness check refuses
 * a replay by itself. The cache is per container and bounded; when it is full of live entries, the
 * oldest is forgotten. Ed25519 signatures are not malleable (OpenSSL refuses a non-canonical S), so a
 * replay must reuse the same signature bytes; hex case is normalised before the lookup.
 */
export function createSignatureVerifier(options: SignatureVerifierOptions): SignatureVerifier {
  const key = typeof options.publicKey === 'string' ? ed25519PublicKey(options.publicKey) : options.publicKey;
  const maxAgeMs = (options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS) * 1000;
  const maxFutureMs = (options.maxFutureSeconds ?? DEFAULT_MAX_FUTURE_SECONDS) * 1000;
  const capacity = Math.max(1, options.replayCacheSize ?? DEFAULT_REPLAY_CACHE_SIZE);
  /** Signature (lowercase hex) -> epoch ms after which its timestamp is stale. Insertion-ordered. */
  const seen = new Map<string, number>();

  function prune(now: number): void {
    for (const [signature, staleAt] of seen) {
      if (staleAt <= now) seen.delete(signature);
    }
    while (seen.size >= capacity) {
      const oldest = seen.keys().next();
      if (oldest.done) break;
      seen.delete(oldest.value);
    }
  }

  return {
    verify({ signature, timestamp, body }) {
      if (!signature || !timestamp) return { ok: false, reason: 'missing-signature' };
      if (!SIGNATURE_HEX.test(signature) || !TIMESTAMP.test(timestamp))
        return { ok: false, reason: 'malformed-signature' };
      const signatureHex = signature.toLowerCase();
      let valid: boolean;
      try {
        valid = verify(
          null,
          Buffer.concat([Buffer.from(timestamp, 'utf8'), body]),
          key,
          Buffer.from(signatureHex, 'hex'),
        );
      } catch {
        valid = false;
      }
      if (!valid) return { ok: false, reason: 'bad-signature' };

      const now = options.clock().getTime();
      const signedAt = Number(timestamp) * 1000;
      if (now - signedAt > maxAgeMs || signedAt - now > maxFutureMs) return { ok: false, reason: 'stale' };

      const staleAt = seen.get(signatureHex);
      if (staleAt !== undefined && staleAt > now) return { ok: false, reason: 'replayed' };
      seen.delete(signatureHex);
      if (seen.size >= capacity) prune(now);
      seen.set(signatureHex, signedAt + maxAgeMs);
      return { ok: true };
    },
  };
}
