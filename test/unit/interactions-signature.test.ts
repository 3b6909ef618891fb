import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  createSignatureVerifier,
  ed25519PublicKey,
  InvalidPublicKeyError,
  type SignatureVerifier,
} from '../../functions/interactions/verify-signature.ts';
import { createTestKeys, signatureFor } from '../support/interactions-signing.ts';

const T0 = new Date('2025-06-01T12:00:00.000Z');
const T0_SECONDS = String(T0.getTime() / 1000);
const BODY = '{"type":1,"id":"1","application_id":"1234567890123456789","token":"t","version":1}';

const keys = createTestKeys();

function verifierAt(clock: { now: Date }, options: { replayCacheSize?: number } = {}): SignatureVerifier {
  return createSignatureVerifier({ publicKey: keys.publicKeyHex, clock: () => clock.now, ...options });
}

function request(body = BODY, timestamp = T0_SECONDS, signature = signatureFor(keys, timestamp, body)) {
  return { signature, timestamp, body: Buffer.from(body) };
}

describe('signature verification', () => {
  test('a request signed with the application key, just now, is accepted', () => {
    const verifier = verifierAt({ now: T0 });

    expect(verifier.verify(request())).toEqual({ ok: true });
  });

  test('a signature made with another key is refused', () => {
    const other = createTestKeys();
    const verifier = verifierAt({ now: T0 });

    const result = verifier.verify(request(BODY, T0_SECONDS, signatureFor(other, T0_SECONDS, BODY)));

    expect(result).toEqual({ ok: false, reason: 'bad-signature' });
  });

  test('a body changed after signing is refused', () => {
    const verifier = verifierAt({ now: T0 });
    const signed = request();

    const result = verifier.verify({ ...signed, body: Buffer.from(BODY.replace('"type":1', '"type":2')) });

    expect(result).toEqual({ ok: false, reason: 'bad-signature' });
  });

  test('a timestamp changed after signing is refused, even when it is fresh', () => {
    const verifier = verifierAt({ now: T0 });
    const signed = request();

    const result = verifier.verify({ ...signed, timestamp: String(Number(T0_SECONDS) - 1) });

    expect(result).toEqual({ ok: false, reason: 'bad-signature' });
  });

  test('missing or malformed signature headers are refused without verifying anything', () => {
    const verifier = verifierAt({ now: T0 });
    const signed = request();

    expect(verifier.verify({ ...signed, signature: undefined })).toEqual({
      ok: false,
      reason: 'missing-signature',
    });
    expect(verifier.verify({ ...signed, timestamp: '' })).toEqual({ ok: false, reason: 'missing-signature' });
    expect(verifier.verify({ ...signed, signature: 'zz'.repeat(64) })).toEqual({
      ok: false,
      reason: 'malformed-signature',
    });
    expect(verifier.verify({ ...signed, signature: signed.signature.slice(2) })).toEqual({
      ok: false,
      reason: 'malformed-signature',
    });
    expect(verifier.verify({ ...signed, timestamp: '2025-06-01T12:00:00Z' })).toEqual({
      ok: false,
      reason: 'malformed-signature',
    });
  });

  test('a timestamp up to 5 minutes old is accepted; older is stale', () => {
    const fiveMinutes = verifierAt({ now: new Date(T0.getTime() + 300_000) });
    const later = verifierAt({ now: new Date(T0.getTime() + 301_000) });

    expect(fiveMinutes.verify(request())).toEqual({ ok: true });
    expect(later.verify(request())).toEqual({ ok: false, reason: 'stale' });
  });

  test('a timestamp more than a minute in the future is refused', () => {
    const clock = { now: T0 };
    const verifier = verifierAt(clock);
    const soon = String(Number(T0_SECONDS) + 60);
    const tooSoon = String(Number(T0_SECONDS) + 61);

    expect(verifier.verify(request(BODY, soon))).toEqual({ ok: true });
    expect(verifier.verify(request(BODY, tooSoon))).toEqual({ ok: false, reason: 'stale' });
  });

  test('the same signed request twice is a replay, whatever the hex case', () => {
    const verifier = verifierAt({ now: T0 });
    const signed = request();

    expect(verifier.verify(signed)).toEqual({ ok: true });
    expect(verifier.verify(signed)).toEqual({ ok: false, reason: 'replayed' });
    expect(verifier.verify({ ...signed, signature: signed.signature.toUpperCase() })).toEqual({
      ok: false,
      reason: 'replayed',
    });
  });

  test('a refused request is not remembered: the genuine one still gets through once', () => {
    const verifier = verifierAt({ now: T0 });
    const signed = request();

    expect(verifier.verify({ ...signed, body: Buffer.from('{}') }).ok).toBe(false);
    expect(verifier.verify(signed)).toEqual({ ok: true });
  });

  test('a replay after the window is refused as stale', () => {
    const clock = { now: T0 };
    const verifier = verifierAt(clock);
    const signed = request();
    verifier.verify(signed);

    clock.now = new Date(T0.getTime() + 400_000);

    expect(verifier.verify(signed)).toEqual({ ok: false, reason: 'stale' });
  });

  test('a full replay cache drops stale signatures first, so live ones are still refused as replays', () => {
    const clock = { now: T0 };
    const verifier = verifierAt(clock, { replayCacheSize: 2 });
    const old = request('{"n":1}', T0_SECONDS);
    const recentSeconds = String(Number(T0_SECONDS) + 200);
    const recent = request('{"n":2}', recentSeconds);
    clock.now = new Date(T0.getTime() + 200_000);
    expect(verifier.verify(old)).toEqual({ ok: true });
    expect(verifier.verify(recent)).toEqual({ ok: true });

    clock.now = new Date(T0.getTime() + 301_000);
    const third = request('{"n":3}', String(Number(T0_SECONDS) + 301));
    expect(verifier.verify(third)).toEqual({ ok: true });

    expect(verifier.verify(recent)).toEqual({ ok: false, reason: 'replayed' });
    expect(verifier.verify(third)).toEqual({ ok: false, reason: 'replayed' });
  });

  test('a KeyObject built once can be passed instead of hex', () => {
    const verifier = createSignatureVerifier({
      publicKey: ed25519PublicKey(keys.publicKeyHex),
      clock: () => T0,
    });

    expect(verifier.verify(request())).toEqual({ ok: true });
  });
});

describe('the public key', () => {
  test('a key that is not 64 hex characters is refused with a message that does not quote it', () => {
    const secretish = 'not-a-key-0123456789abcdef';

    expect(() => ed25519PublicKey(secretish)).toThrow(InvalidPublicKeyError);
    expect(() => ed25519PublicKey(secretish)).toThrow(/64 hex characters \(got 26 characters\)/);
    try {
      ed25519PublicKey(secretish);
    } catch (error) {
      expect((error as Error).message).not.toContain(secretish);
    }
  });

  test('the key is the last 32 bytes of the SPKI encoding, as the Developer Portal shows it', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const hex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');

    const built = ed25519PublicKey(hex.toUpperCase());

    expect(built.equals(publicKey)).toBe(true);
  });
});
