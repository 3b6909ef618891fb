import type { HttpLimits } from '../adapters/http-client.ts';
import type { HeraldConfig } from '../core/config.ts';
import type { PollOptions } from '../core/poll-types.ts';

/** The poll's options, from a parsed config. */
export function pollOptions(config: HeraldConfig, overrides: Partial<PollOptions> = {}): PollOptions {
  return {
    feeds: config.feeds,
    channels: config.channels,
    maxAgeHours: config.maxAgeHours,
    backfill: config.firstRun.backfill,
    leaseSeconds: config.delivery.leaseSeconds,
    maxAttempts: config.delivery.maxAttempts,
    feedConcurrency: config.http.feedConcurrency,
    articleConcurrency: config.http.articleConcurrency,
    wire: config.wire,
    alerts: config.alerts,
    ...overrides,
  };
}

export function httpLimits(config: HeraldConfig): HttpLimits {
  return {
    timeoutMs: config.http.timeoutMs,
    maxBytes: config.http.maxBytes,
    userAgent: config.http.userAgent,
  };
}
