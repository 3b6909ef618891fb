import type { PostOutcome } from './ports.ts';

/** What came back from one Discord request, before it is judged. `status` is absent on a network error. */
export interface DiscordResponse {
  status?: number;
  /** Discord's error message or code, or the network error. Must not contain a token. */
  detail: string;
  /** From `Retry-After` or the body's `retry_after`, in ms. */
  retryAfterMs?: number;
  global?: boolean;
  messageId?: string;
  /** Discord's JSON error code, when its answer had one. */
  code?: number;
}

/**
 * Discord's answers that say the channel's config does not fit the channel. Retrying the same post cannot
 * help, and neither can another story: every post to that channel fails the same way until the config is
 * fixed. So they are `broken` (the channel rests, its stories wait as pending deliveries, one alert names
 * it, `herald status` shows why) rather than `rejected`, which would fail each story for good.
 */
const CONFIG_ERRORS: Record<number, string> = {
  220001: 'is a forum channel: set "kind": "forum" on it, so that each story becomes a forum post',
  220003: 'is not a forum channel: remove "kind": "forum" from it, or use a forum channel\'s webhook',
  40058: 'is a forum channel: set "kind": "forum" on it, so that each story becomes a forum post',
  50024: 'is not a forum channel: remove "kind": "forum" from it, or give the id of a forum channel',
};

/**
 * Turns Discord's HTTP answer into a value, following Discord's guidance: a 429 or 5xx is
 * retried later, a 400 is not retried as it is, and 401/403/404 mean the webhook or channel is gone.
 */
export function classifyDiscordResponse(response: DiscordResponse, channelId?: string): PostOutcome {
  const { status, detail } = response;
  if (status === undefined) return { kind: 'retry', reason: `network: ${detail}` };
  const misfit = response.code === undefined ? undefined : CONFIG_ERRORS[response.code];
  if (status === 400 && misfit)
    return {
      kind: 'broken',
      reason: `configuration error: channel ${channelId ?? '(unnamed)'} ${misfit} (Discord said HTTP 400: ${detail})`,
    };
  if (status >= 200 && status < 300) {
    return response.messageId
      ? { kind: 'posted', messageId: response.messageId }
      : { kind: 'retry', reason: `HTTP ${status} without a message id` };
  }
  if (status === 429) {
    const scope = response.global ? 'global rate limit' : 'rate limited';
    return {
      kind: 'retry',
      reason: `HTTP 429 ${scope}: ${detail}`,
      retryAfterMs: response.retryAfterMs,
      ...(response.global ? { global: true } : {}),
    };
  }
  if (status === 401 || status === 403 || status === 404)
    return { kind: 'broken', reason: `HTTP ${status}: ${detail}` };
  if (status >= 500 || status === 408) return { kind: 'retry', reason: `HTTP ${status}: ${detail}` };
  return { kind: 'rejected', reason: `HTTP ${status}: ${detail}` };
}
