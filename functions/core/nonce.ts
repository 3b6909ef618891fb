import type { DeliveryId } from './ports.ts';

/** Discord's limit on a message nonce. */
export const MAX_NONCE_LENGTH = 25;

/**
 * The nonce of a delivery: the same on every retry, so that Discord's `enforce_nonce` makes a retried bot
 * post idempotent, and at most 25 characters, as Discord requires.
 */
export function deliveryNonce(id: DeliveryId): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const ch of `${id.storyKey}\n${id.channelId}`) {
    const c = ch.codePointAt(0) ?? 0;
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `h${h1.toString(36)}${h2.toString(36)}`.slice(0, MAX_NONCE_LENGTH);
}
