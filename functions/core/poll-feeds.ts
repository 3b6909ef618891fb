import { mapLimit } from './concurrency.ts';
import type { FeedConfig } from './config.ts';
import { decideStory, type StoryOutcome, scheduleRetry } from './decide-story.ts';
import { DeliveryCycle } from './delivery-cycle.ts';
import { describeError, errorDetail } from './describe-error.ts';
import { type FeedPollResult, itemsHash, saveFeedStates } from './feed-health.ts';
import type { PollDeps, PollEvent, PollOptions, PollSummary } from './poll-types.ts';
import type { DeliveryId, FeedFetchResult, FeedState, Logger, StoryRecord } from './ports.ts';
import { routeStory } from './route-story.ts';
import { byPublished, type FeedItem } from './story.ts';
import { itemFromStored, storedItem, storyRecord } from './story-record.ts';

const HOUR_MS = 3_600_000;
const DEFAULT_RETRY_HOURS = 6;
const DEFAULT_ANALYSIS_BUDGET_MS = 2000;

interface FeedOutcome extends FeedPollResult {
  /** The feed's items inside maxAgeHours. */
  fresh: FeedItem[];
}

/** A story to decide this poll: new, or back from an earlier poll whose try of its page failed. */
interface Candidate {
  item: FeedItem;
  feeds: Set<string>;
  earlier?: StoryRecord;
}

/** What deciding a story came to: an outcome, or the unexpected error that stopped it. */
type Settled = { ok: true; outcome: StoryOutcome } | { ok: false; error: unknown };

/**
 * One poll: fetch every feed (conditionally), decide each story never decided before, and deliver the
 * matching ones to their channels, oldest first. Every failure is counted and logged; none stops the other
 * feeds, stories or channels, and every decision settles to a value. A story whose page fails for a while
 * waits in the retry index, with its item, and is decided by a later poll. A feed's validators advance only
 * after its stories are decided or waiting, so a poll that stops mid-way makes the next poll see them again.
 */
export async function pollFeeds(deps: PollDeps, options: PollOptions): Promise<PollSummary> {
  const { store, clock, logger } = deps;
  const now = clock().getTime();
  const dryRun = options.dryRun ?? false;
  const emit = deps.onEvent ?? (() => {});
  const summary: PollSummary = {
    feeds: options.feeds.length,
    notModified: 0,
    newStories: 0,
    matched: 0,
    posted: 0,
    failed: 0,
    skipped: 0,
    durationMs: 0,
    feedErrors: 0,
    pending: 0,
    deliveriesFailed: 0,
    retrying: 0,
    fromDescription: 0,
    deadlineReached: false,
    dryRun,
  };

  let state: Awaited<ReturnType<typeof store.loadPollState>>;
  try {
    state = await store.loadPollState(
      options.feeds.map((f) => f.id),
      options.channels.map((c) => c.id),
    );
  } catch (error) {
    // Nothing can be decided without the state; nothing is lost either: the next poll starts from it.
    summary.failed++;
    summary.stateUnreadable = true;
    logger.error('reading the poll state failed; nothing was done', { error: errorDetail(error) });
    return finish();
  }
  const delivery = new DeliveryCycle(deps, options, state.channels, summary);

  if (!dryRun && (options.retryPending ?? true) && state.outbox.length > 0)
    await delivery.retryOutbox(state.outbox);

  const outcomes = await Promise.all(
    mapLimit(options.feeds, options.feedConcurrency, (feed) =>
      fetchOne(deps, feed, state.feeds.get(feed.id), now),
    ),
  );

  const candidates = collectCandidates(outcomes, now, options.maxAgeHours, summary, emit, logger);
  const due = dryRun ? [] : [...state.retries].filter(([, at]) => at <= now).map(([key]) => key);
  const keys = [...new Set([...candidates.keys(), ...due])];
  const blocked = new Set<string>();
  let known = new Map<string, StoryRecord>();
  try {
    if (keys.length) known = await store.getStories(keys);
  } catch (error) {
    // Which stories are new is unknown: decide none, and keep every feed's validators for the next poll.
    summary.failed++;
    logger.error('reading story records failed; their feeds wait for the next poll', {
      error: errorDetail(error),
    });
    for (const outcome of outcomes) blocked.add(outcome.feed.id);
    candidates.clear();
    due.length = 0;
  }
  const unknown = [...candidates.values()].filter((c) => !known.has(c.item.key));
  const backfill = dryRun ? Math.max(options.backfill, options.dryRunBackfill ?? 0) : options.backfill;
  const { fresh, seeded } = splitSeeded(unknown, outcomes, backfill, (item) =>
    storyRecord(item, 'seeded', now, options),
  );
  summary.skipped += seeded.length;
  summary.newStories = fresh.length;

  if (seeded.length && !dryRun) {
    try {
      await store.putStories(seeded);
    } catch (error) {
      logger.error('seeding failed', { error: errorDetail(error) });
      for (const s of unknown) for (const id of s.feeds) blocked.add(id);
    }
  }

  // Stories back for another try of their page: those the retry index says are due, and any waiting story
  // a feed lists that the index lost. A decided one only needs its index entry dropped.
  const retries = new Map<string, number>();
  const untrack: string[] = [];
  const back: Candidate[] = [];
  if (!dryRun) {
    const indexed = new Set(due);
    for (const key of keys) {
      const record = known.get(key);
      const waiting = record?.decision === 'retrying' ? record.retry : undefined;
      if (waiting && waiting.nextTryAt <= now)
        back.push({ item: itemFromStored(waiting.item), feeds: new Set(), earlier: record });
      else if (!waiting && indexed.has(key)) untrack.push(key);
    }
  }

  const queue = [...fresh, ...back].sort((a, b) => byPublished(a.item, b.item));
  const feedUrls = new Map(options.feeds.map((f) => [f.id, f.url]));
  const settled: (Settled | undefined)[] = [];
  const decisions = mapLimit(queue, options.articleConcurrency, async (story, i): Promise<Settled> => {
    if (pastDeadline(deps, options)) return { ok: false, error: new DeadlineError() };
    const result = await decideStory(deps, story.item, {
      wire: options.wire ?? 'link-only',
      retryHours: options.retryHours ?? DEFAULT_RETRY_HOURS,
      analysisBudgetMs: options.analysisBudgetMs ?? DEFAULT_ANALYSIS_BUDGET_MS,
      feedUrl: feedUrls.get(story.item.feedId),
      ...(story.earlier?.retry ? { retry: story.earlier.retry } : {}),
    }).then(
      (outcome): Settled => ({ ok: true, outcome }),
      (error: unknown): Settled => ({ ok: false, error }),
    );
    settled[i] = result;
    return result;
  });

  for (const [i, pending] of decisions.entries()) {
    const story = queue[i] as Candidate;
    const result = await pending;
    try {
      if (!result.ok) throw result.error;
      const { outcome } = result;
      if (outcome.kind === 'retry') {
        summary.retrying++;
        const nextTryAt = new Date(outcome.retry.nextTryAt).toISOString();
        emit({
          type: 'retry',
          key: story.item.key,
          title: story.item.title,
          reason: outcome.retry.lastError,
          nextTryAt,
        });
        logger.warn('article unavailable; the story waits for another try', {
          key: story.item.key,
          url: story.item.url,
          attempts: outcome.retry.attempts,
          reason: outcome.retry.lastError,
          nextTryAt,
        });
        if (dryRun) continue;
        const record = storyRecord(story.item, 'retrying', now, options, {
          retry: { ...outcome.retry, item: storedItem(story.item) },
        });
        if (await store.saveRetry(record)) retries.set(story.item.key, outcome.retry.nextTryAt);
        continue;
      }
      const routes = routeStory(outcome.analysis, options.channels, options.wire ?? 'link-only');
      const matched = outcome.analysis.topics.filter((t) => t.matched);
      const postTo = routes.filter((r) => r.mode === 'post').map((r) => r.channelId);
      const digestTo = routes.filter((r) => r.mode === 'digest').map((r) => r.channelId);
      emit({
        type: 'story',
        key: story.item.key,
        title: story.item.title,
        matched: matched.map((t) => t.id),
        ...(outcome.fromDescription ? { fromDescription: outcome.fromDescription } : {}),
      });
      if (outcome.fromDescription) summary.fromDescription++;
      if (postTo.length || digestTo.length) summary.matched++;
      if (dryRun) {
        if (postTo.length || digestTo.length)
          emit({
            type: 'preview',
            key: story.item.key,
            channelIds: [...postTo, ...digestTo],
            post: outcome.post,
            analysis: outcome.analysis,
          });
        continue;
      }
      const channels = [...postTo, ...digestTo];
      const record = storyRecord(story.item, channels.length ? 'matched' : 'unmatched', now, options, {
        topics: matched.map((t) => t.id),
        channels,
        ...(channels.length
          ? {
              post: outcome.post,
              scores: Object.fromEntries(matched.map((t) => [t.id, t.score])),
              digestLine: digestLine(outcome),
            }
          : {}),
        ...(outcome.fromDescription ? { fromDescription: outcome.fromDescription } : {}),
      });
      await delivery.reserve(idsOf(record.key, postTo), () => readyAhead(settled, queue, i, options));
      for (const channelId of digestTo) await store.addToDigest(channelId, [record.key]);
      await delivery.deliverNew(record, postTo, digestTo);
      if (story.earlier) untrack.push(story.item.key);
    } catch (error) {
      if (error instanceof DeadlineError) {
        summary.deadlineReached = true;
      } else {
        summary.failed++;
        logger.error('story failed', { key: story.item.key, error: errorDetail(error) });
      }
      // Undecided: its feeds keep their validators, so the next poll meets the story again.
      for (const id of story.feeds) blocked.add(id);
      if (!dryRun && !(error instanceof DeadlineError)) await keepForRetry(story, error);
    }
  }

  /**
   * A story whose decision threw waits like one whose page failed, on the same schedule, so that it never
   * blocks its feed for ever; when the window closes it is recorded as skipped, with the reason.
   */
  async function keepForRetry(story: Candidate, error: unknown): Promise<void> {
    const reason = `its analysis failed (${describeError(error)})`;
    const retry = scheduleRetry(story.earlier?.retry, now, options.retryHours ?? DEFAULT_RETRY_HOURS, reason);
    const record = retry
      ? storyRecord(story.item, 'retrying', now, options, {
          retry: { ...retry, item: storedItem(story.item) },
        })
      : storyRecord(story.item, 'skipped', now, options, { fromDescription: reason });
    try {
      const saved = retry ? await store.saveRetry(record) : await store.recordStory(record);
      if (!saved) return;
      if (retry) retries.set(story.item.key, retry.nextTryAt);
      else if (story.earlier) untrack.push(story.item.key);
      for (const id of story.feeds) blocked.delete(id);
    } catch (saveError) {
      logger.error('could not keep a failed story for later', {
        key: story.item.key,
        error: errorDetail(saveError),
      });
    }
  }

  if (!dryRun) {
    await delivery.finish();
    await Promise.all([
      store.trackRetries(retries).catch((error: unknown) => {
        // Their records say `retrying`: the feed lists them again, and the next poll that meets them retries.
        logger.error('could not index stories waiting for their page', { error: errorDetail(error) });
        for (const key of retries.keys()) for (const id of candidates.get(key)?.feeds ?? []) blocked.add(id);
      }),
      store.untrackRetries(untrack.filter((key) => !retries.has(key))).catch((error: unknown) => {
        logger.warn('could not tidy the retry index', { error: errorDetail(error) });
      }),
    ]);
    await saveFeedStates(deps, outcomes, blocked, now, summary, options, (text) => delivery.alert(text));
  }
  summary.pending += delivery.leftPending;
  return finish();

  function finish(): PollSummary {
    summary.durationMs = clock().getTime() - now;
    logger.info('poll finished', { ...summary });
    return summary;
  }
}

/** The poll started no more work after its deadline. */
class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}

function pastDeadline(deps: PollDeps, options: PollOptions): boolean {
  return options.deadline !== undefined && deps.clock().getTime() >= options.deadline;
}

function idsOf(storyKey: string, channelIds: readonly string[]): DeliveryId[] {
  return channelIds.map((channelId) => ({ storyKey, channelId }));
}

/** The deliveries of the stories after `i` whose decisions are in already: reserved in the same write. */
function readyAhead(
  settled: readonly (Settled | undefined)[],
  queue: readonly Candidate[],
  i: number,
  options: PollOptions,
): DeliveryId[] {
  const ahead: DeliveryId[] = [];
  for (let j = i + 1; j < queue.length; j++) {
    const result = settled[j];
    if (!result?.ok || result.outcome.kind !== 'decided') continue;
    const routes = routeStory(result.outcome.analysis, options.channels, options.wire ?? 'link-only');
    const key = (queue[j] as Candidate).item.key;
    ahead.push(
      ...idsOf(
        key,
        routes.filter((r) => r.mode === 'post').map((r) => r.channelId),
      ),
    );
  }
  return ahead;
}

/** What a digest lists of a story: a line of summary and its top quote's speaker. */
function digestLine(outcome: Extract<StoryOutcome, { kind: 'decided' }>): StoryRecord['digestLine'] {
  const summary = outcome.analysis.summary.split(/(?<=[.!?])\s+/)[0] ?? '';
  const speaker = outcome.analysis.keyQuotes.find((q) => q.speaker)?.speaker ?? undefined;
  return { summary: summary.slice(0, 300), ...(speaker ? { speaker } : {}) };
}

/**
 * Counts each feed's outcome and gathers the stories inside maxAgeHours, each once, with the feeds that
 * list it. A feed whose items hash as they did last time is unchanged: counted as not modified, and none
 * of its stories is read.
 */
function collectCandidates(
  outcomes: FeedOutcome[],
  now: number,
  maxAgeHours: number,
  summary: PollSummary,
  emit: (event: PollEvent) => void,
  logger: Logger,
): Map<string, Candidate> {
  const candidates = new Map<string, Candidate>();
  const maxAgeMs = maxAgeHours * HOUR_MS;
  for (const outcome of outcomes) {
    const { feed, result } = outcome;
    emit({
      type: 'feed',
      feedId: feed.id,
      outcome: result.kind,
      detail: 'reason' in result ? result.reason : undefined,
    });
    if (result.kind === 'backoff') summary.skipped++;
    else if (result.kind === 'not-modified' || result.kind === 'unchanged') summary.notModified++;
    else if (result.kind === 'error') {
      summary.feedErrors++;
      summary.failed++;
      logger.warn('feed failed', { feedId: feed.id, reason: result.reason });
    } else {
      summary.skipped += result.skippedItems;
      for (const item of result.items) {
        if (item.published && now - item.published.getTime() > maxAgeMs) continue;
        outcome.fresh.push(item);
        const seen = candidates.get(item.key);
        if (seen) seen.feeds.add(feed.id);
        else candidates.set(item.key, { item, feeds: new Set([feed.id]) });
      }
    }
  }
  return candidates;
}

/**
 * A feed's first poll records what it lists as seen. An unknown story is new when any feed that lists
 * it was seeded before, or when it is among a new feed's newest `backfill` items; the rest are seeded.
 */
function splitSeeded(
  unknown: Candidate[],
  outcomes: FeedOutcome[],
  backfill: number,
  seedRecord: (item: FeedItem) => StoryRecord,
): { fresh: Candidate[]; seeded: StoryRecord[] } {
  const seeding = new Set(
    outcomes.filter((o) => o.result.kind === 'ok' && !o.previous?.seededAt).map((o) => o.feed.id),
  );
  const backfilled = new Set<string>();
  for (const outcome of outcomes) {
    if (!seeding.has(outcome.feed.id)) continue;
    const newest = [...outcome.fresh].sort(byPublished).reverse();
    for (const item of newest.slice(0, backfill)) backfilled.add(item.key);
  }
  const fresh: Candidate[] = [];
  const seeded: StoryRecord[] = [];
  for (const story of unknown) {
    const seededOnly = [...story.feeds].every((id) => seeding.has(id));
    if (seededOnly && !backfilled.has(story.item.key)) seeded.push(seedRecord(story.item));
    else fresh.push(story);
  }
  return { fresh, seeded };
}

/** Fetches one feed, unless it is backing off; a 200 with the same items as last time is `unchanged`. */
async function fetchOne(
  deps: PollDeps,
  feed: FeedConfig,
  previous: FeedState | undefined,
  now: number,
): Promise<FeedOutcome> {
  if (previous?.nextPollAt && Date.parse(previous.nextPollAt) > now) {
    return { feed, previous, result: { kind: 'backoff' }, fresh: [] };
  }
  let result: FeedFetchResult | { kind: 'unchanged'; etag?: string; lastModified?: string };
  try {
    result = await deps.feedSource.fetchFeed(feed, {
      etag: previous?.etag,
      lastModified: previous?.lastModified,
    });
  } catch (error) {
    result = { kind: 'error', reason: describeError(error) };
  }
  if (result.kind === 'ok' && previous?.seededAt && previous.itemsHash === itemsHash(result.items))
    result = { kind: 'unchanged', etag: result.etag, lastModified: result.lastModified };
  return { feed, previous, result, fresh: [] };
}
