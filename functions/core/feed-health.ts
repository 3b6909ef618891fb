import type { FeedConfig } from './config.ts';
import { errorDetail } from './describe-error.ts';
import type { PollDeps, PollOptions, PollSummary } from './poll-types.ts';
import type { FeedFetchResult, FeedState } from './ports.ts';

const HOUR_MS = 3_600_000;
/** Health is rewritten at least this often even when nothing changed, so `status` shows a recent success. */
const HEARTBEAT_MS = HOUR_MS;
const BACKOFF_AFTER_FAILURES = 5;

/** What one poll learned about one feed. */
export interface FeedPollResult {
  feed: FeedConfig;
  previous?: FeedState;
  result: FeedFetchResult | { kind: 'backoff' };
}

/**
 * Records each feed's health and validators after a poll: failures are counted (backoff after 5 in a
 * row, one alert at the configured streak), a success resets them. Feeds in `blocked` keep their old
 * validators, so that the next poll sees their stories again. Writes happen only on a change, plus an
 * hourly heartbeat.
 */
export async function saveFeedStates(
  deps: PollDeps,
  outcomes: readonly FeedPollResult[],
  blocked: Set<string>,
  now: number,
  summary: PollSummary,
  options: PollOptions,
  alert: (text: string) => Promise<void>,
): Promise<void> {
  const iso = new Date(now).toISOString();
  await Promise.all(
    outcomes.map(async ({ feed, previous, result }) => {
      if (result.kind === 'backoff') return;
      const base: FeedState = previous ?? { feedId: feed.id, consecutiveFailures: 0, itemsSeen: 0 };
      let next: FeedState;
      if (result.kind === 'error') {
        const failures = base.consecutiveFailures + 1;
        next = { ...base, consecutiveFailures: failures, lastError: result.reason, lastErrorAt: iso };
        if (failures >= BACKOFF_AFTER_FAILURES) {
          // 20, 40, then 60 minutes: a failing feed is polled less often, and at least once an hour.
          const delayMs = Math.min(HOUR_MS, 2 ** (failures - BACKOFF_AFTER_FAILURES + 1) * 10 * 60_000);
          next.nextPollAt = new Date(now + delayMs).toISOString();
        }
        // One alert per failure streak: the poll that reaches the threshold raises it.
        if (failures === (options.alerts?.feedFailures ?? Number.POSITIVE_INFINITY)) {
          await alert(`Feed ${feed.id} has failed ${failures} polls in a row. Last error: ${result.reason}`);
        }
      } else if (blocked.has(feed.id)) {
        return;
      } else {
        if (base.consecutiveFailures >= (options.alerts?.feedFailures ?? Number.POSITIVE_INFINITY)) {
          await alert(`Feed ${feed.id} has recovered after ${base.consecutiveFailures} failed polls.`);
        }
        next = { ...base, consecutiveFailures: 0, lastSuccessAt: iso, nextPollAt: undefined };
        if (result.kind === 'ok') {
          next.etag = result.etag;
          next.lastModified = result.lastModified;
          next.itemsSeen = result.items.length;
          next.seededAt ??= iso;
        }
      }
      if (!needsWrite(previous, next, now)) return;
      try {
        await deps.store.saveFeedState({ ...next, updatedAt: iso });
      } catch (error) {
        summary.failed++;
        deps.logger.error('saving feed state failed', { feedId: feed.id, error: errorDetail(error) });
      }
    }),
  );
}

/** Health writes are rare: only on change, plus an hourly heartbeat. */
function needsWrite(previous: FeedState | undefined, next: FeedState, now: number): boolean {
  if (!previous) return true;
  const fields: (keyof FeedState)[] = [
    'etag',
    'lastModified',
    'seededAt',
    'consecutiveFailures',
    'lastError',
    'nextPollAt',
    'itemsSeen',
  ];
  if (fields.some((f) => previous[f] !== next[f])) return true;
  const last = previous.updatedAt ? Date.parse(previous.updatedAt) : 0;
  return now - last >= HEARTBEAT_MS;
}
