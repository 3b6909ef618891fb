import { hash64 } from './hash.ts';
import type { DeliveryId } from './ports.ts';

/** Discord's limit on a message nonce. */
export const MAX_NONCE_LENGTH = 25;

/**
 * The nonce of a delivery: the same on every retry, so that Discord's `enforce_nonce` makes a retried bot
 * post idempotent, and at most 25 characters, as Discord requires.
 */
export function deliveryNonce(id: DeliveryId): string {
  return `h${hash64(`${id.storyKey}\n${id.channelId}`)}`.slice(0, MAX_NONCE_LENGTH);
}
