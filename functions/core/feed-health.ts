import type { FeedConfig } from './config.ts';
import { errorDetail } from './describe-error.ts';
import { DEFAULT_STALE_DAYS, isStale } from './feed-staleness.ts';
import { hash64 } from './hash.ts';
import type { PollDeps, PollOptions, PollSummary } from './poll-types.ts';
import type { FeedFetchResult, FeedState } from './ports.ts';
import type { FeedItem } from './story.ts';

const HOUR_MS = 3_600_000;
/** Health is rewritten at least this often even when nothing changed, so `status` shows a recent success. */
const HEARTBEAT_MS = HOUR_MS;
const BACKOFF_AFTER_FAILURES = 5;

/** What one poll learned about one feed. `unchanged`: a 200 whose items hash as the last ones did. */
export interface FeedPollResult {
  feed: FeedConfig;
  previous?: FeedState;
  result: FeedFetchResult | { kind: 'backoff' } | { kind: 'unchanged'; etag?: string; lastModified?: string };
}

/** The identities of a feed's items (guid, link, title), as one hash: what tells a re-stamped feed apart. */
export function itemsHash(items: readonly FeedItem[]): string {
  return hash64(
    items
      .map((i) => `${i.guid ?? ''}\u0001${i.url}\u0001${i.title}`)
      .sort()
      .join('\u0002'),
  );
}

/** The newest pubDate among the items, as ISO text. */
export function newestItemAt(items: readonly FeedItem[]): string | undefined {
  let newest: number | undefined;
  for (const item of items) {
    const t = item.published?.getTime();
    if (t !== undefined && (newest === undefined || t > newest)) newest = t;
  }
  return newest === undefined ? undefined : new Date(newest).toISOString();
}

/**
 * Records each feed's health and validators after a poll: failures are counted (backoff after 5 in a
 * row, one alert at the configured streak), a success resets them, and a feed that turns stale (or fresh
 * again) raises one alert. Feeds in `blocked` keep their old state, so that the next poll sees their
 * stories again. States are written only on a change, plus an hourly heartbeat, in one batch.
 */
export async function saveFeedStates(
  deps: PollDeps,
  outcomes: readonly FeedPollResult[],
  blocked: ReadonlySet<string>,
  now: number,
  summary: PollSummary,
  options: PollOptions,
  alert: (text: string) => Promise<void>,
): Promise<void> {
  const iso = new Date(now).toISOString();
  const streak = options.alerts?.feedFailures ?? Number.POSITIVE_INFINITY;
  const changed: FeedState[] = [];
  for (const { feed, previous, result } of outcomes) {
    if (result.kind === 'backoff' || (result.kind !== 'error' && blocked.has(feed.id))) continue;
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
      if (failures === streak)
        await alert(`Feed ${feed.id} has failed ${failures} polls in a row. Last error: ${result.reason}`);
    } else {
      if (base.consecutiveFailures >= streak)
        await alert(`Feed ${feed.id} has recovered after ${base.consecutiveFailures} failed polls.`);
      next = { ...base, consecutiveFailures: 0, lastSuccessAt: iso, nextPollAt: undefined };
      if (result.kind === 'ok') {
        Object.assign(next, {
          etag: result.etag,
          lastModified: result.lastModified,
          itemsHash: itemsHash(result.items),
          newestItemAt: newestItemAt(result.items) ?? base.newestItemAt,
          itemsSeen: result.items.length,
        });
        next.seededAt ??= iso;
      }
      await staleTransition(feed, next, now, options.staleDays, iso, alert);
      // New validators alone are not worth a write: the items hash already makes the next 200 free.
      if (result.kind === 'unchanged' && needsWrite(previous, next, now))
        Object.assign(next, { etag: result.etag, lastModified: result.lastModified });
    }
    if (needsWrite(previous, next, now)) changed.push({ ...next, updatedAt: iso });
  }
  if (!changed.length) return;
  try {
    await deps.store.saveFeedStates(changed);
  } catch (error) {
    summary.failed++;
    deps.logger.error('saving feed state failed', {
      feedIds: changed.map((s) => s.feedId),
      error: errorDetail(error),
    });
  }
}

/** One alert when a feed turns stale, one when it is fresh again; `staleSince` remembers which was said. */
async function staleTransition(
  feed: FeedConfig,
  next: FeedState,
  now: number,
  staleDays: number | undefined,
  iso: string,
  alert: (text: string) => Promise<void>,
): Promise<void> {
  const stale = isStale(next.newestItemAt, now, staleDays);
  if (stale && !next.staleSince) {
    next.staleSince = iso;
    await alert(
      `Feed ${feed.id} is stale: its newest item is from ${next.newestItemAt}, more than ${staleDays ?? DEFAULT_STALE_DAYS} days ago. ` +
        'The site may have stopped updating it; see the README on stale feeds for other feeds in the same format.',
    );
  } else if (!stale && next.staleSince) {
    next.staleSince = undefined;
    await alert(`Feed ${feed.id} is fresh again: its newest item is from ${next.newestItemAt}.`);
  }
}

/** Health writes are rare: only on change, plus an hourly heartbeat. */
function needsWrite(previous: FeedState | undefined, next: FeedState, now: number): boolean {
  if (!previous) return true;
  const fields: (keyof FeedState)[] = [
    'etag',
    'lastModified',
    'itemsHash',
    'seededAt',
    'consecutiveFailures',
    'lastError',
    'nextPollAt',
    'itemsSeen',
    'newestItemAt',
    'staleSince',
  ];
  if (fields.some((f) => previous[f] !== next[f])) return true;
  const last = previous.updatedAt ? Date.parse(previous.updatedAt) : 0;
  return now - last >= HEARTBEAT_MS;
}
