import type { StoryAnalysis } from './analyzer.ts';
import { mapLimit } from './concurrency.ts';
import type { FeedConfig } from './config.ts';
import { DeliveryCycle } from './delivery-cycle.ts';
import { describeError, errorDetail } from './describe-error.ts';
import { type FeedPollResult, saveFeedStates } from './feed-health.ts';
import type { PollDeps, PollEvent, PollOptions, PollSummary, WirePolicy } from './poll-types.ts';
import type { FeedFetchResult, FeedState, Logger, StoryRecord } from './ports.ts';
import type { OutgoingPost } from './render-post.ts';
import { renderStory } from './render-story.ts';
import { byPublished, type FeedItem } from './story.ts';
import { storyRecord } from './story-record.ts';

const HOUR_MS = 3_600_000;

interface FeedOutcome extends FeedPollResult {
  /** The feed's items inside maxAgeHours. */
  fresh: FeedItem[];
}

interface PendingStory {
  item: FeedItem;
  feeds: Set<string>;
}

/**
 * One poll: fetch every feed (conditionally), decide each story never decided before, and deliver
 * the matching ones to their channels, oldest first. Every failure is counted and logged; none stops
 * the other feeds, stories or channels. A feed's validators advance only after its stories are decided,
 * so a crash mid-poll makes the next poll see them again.
 */
export async function pollFeeds(deps: PollDeps, options: PollOptions): Promise<PollSummary> {
  const { store, clock, logger } = deps;
  const started = clock();
  const now = started.getTime();
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
    dryRun,
  };

  const state = await store.loadPollState(
    options.feeds.map((f) => f.id),
    options.channels.map((c) => c.id),
  );
  const delivery = new DeliveryCycle(deps, options, state.channels, summary);

  if (!dryRun && (options.retryPending ?? true) && state.outbox.length > 0)
    await delivery.retryOutbox(state.outbox);

  const outcomes = await Promise.all(
    mapLimit(options.feeds, options.feedConcurrency, (feed) =>
      fetchOne(deps, feed, state.feeds.get(feed.id), now),
    ),
  );

  const candidates = collectCandidates(outcomes, now, options.maxAgeHours, summary, emit, logger);
  const known = candidates.size
    ? await store.getStories([...candidates.keys()])
    : new Map<string, StoryRecord>();
  const unknown = [...candidates.values()].filter((c) => !known.has(c.item.key));
  const backfill = dryRun ? Math.max(options.backfill, options.dryRunBackfill ?? 0) : options.backfill;
  const { fresh, seeded } = splitSeeded(unknown, outcomes, backfill, (item) =>
    storyRecord(item, 'seeded', [], [], now, options),
  );
  summary.skipped += seeded.length;
  summary.newStories = fresh.length;

  const blocked = new Set<string>();
  if (seeded.length && !dryRun) {
    try {
      await store.putStories(seeded);
    } catch (error) {
      logger.error('seeding failed', { error: errorDetail(error) });
      for (const s of unknown) for (const id of s.feeds) blocked.add(id);
    }
  }

  fresh.sort((a, b) => byPublished(a.item, b.item));
  const decided = mapLimit(fresh, options.articleConcurrency, (story) =>
    decide(deps, story.item, options.wire),
  );
  for (const [i, pending] of decided.entries()) {
    const story = fresh[i] as PendingStory;
    try {
      const decision = await pending;
      const matchedTopics = decision.analysis.topics.filter((t) => t.matched).map((t) => t.id);
      const skipWire = decision.wire !== undefined && options.wire === 'skip';
      if (skipWire) logger.info('wire copy skipped', { key: story.item.key, wire: decision.wire });
      const channels = skipWire
        ? []
        : options.channels.filter((c) => c.topics.some((t) => matchedTopics.includes(t)));
      emit({ type: 'story', key: story.item.key, title: story.item.title, matched: matchedTopics });
      if (channels.length) summary.matched++;
      if (dryRun) {
        if (channels.length) {
          emit({
            type: 'preview',
            key: story.item.key,
            channelIds: channels.map((c) => c.id),
            post: decision.post,
            analysis: decision.analysis,
          });
        }
        continue;
      }
      await delivery.deliverNew(story.item, decision.post, channels, matchedTopics);
    } catch (error) {
      summary.failed++;
      logger.error('story failed', { key: story.item.key, error: errorDetail(error) });
      for (const id of story.feeds) blocked.add(id);
    }
  }

  if (!dryRun)
    await saveFeedStates(deps, outcomes, blocked, now, summary, options, (text) => delivery.alert(text));
  summary.pending += delivery.leftPending;
  summary.durationMs = clock().getTime() - now;
  logger.info('poll finished', { ...summary });
  return summary;
}

/**
 * Counts each feed's outcome and gathers the stories inside maxAgeHours, each once, with the feeds
 * that list it.
 */
function collectCandidates(
  outcomes: FeedOutcome[],
  now: number,
  maxAgeHours: number,
  summary: PollSummary,
  emit: (event: PollEvent) => void,
  logger: Logger,
): Map<string, PendingStory> {
  const candidates = new Map<string, PendingStory>();
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
    else if (result.kind === 'not-modified') summary.notModified++;
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
  unknown: PendingStory[],
  outcomes: FeedOutcome[],
  backfill: number,
  seedRecord: (item: FeedItem) => StoryRecord,
): { fresh: PendingStory[]; seeded: StoryRecord[] } {
  const seeding = new Set(
    outcomes.filter((o) => o.result.kind === 'ok' && !o.previous?.seededAt).map((o) => o.feed.id),
  );
  const backfilled = new Set<string>();
  for (const outcome of outcomes) {
    if (!seeding.has(outcome.feed.id)) continue;
    const newest = [...outcome.fresh].sort(byPublished).reverse();
    for (const item of newest.slice(0, backfill)) backfilled.add(item.key);
  }
  const fresh: PendingStory[] = [];
  const seeded: StoryRecord[] = [];
  for (const story of unknown) {
    const seededOnly = [...story.feeds].every((id) => seeding.has(id));
    if (seededOnly && !backfilled.has(story.item.key)) seeded.push(seedRecord(story.item));
    else fresh.push(story);
  }
  return { fresh, seeded };
}

async function fetchOne(
  deps: PollDeps,
  feed: FeedConfig,
  previous: FeedState | undefined,
  now: number,
): Promise<FeedOutcome> {
  if (previous?.nextPollAt && Date.parse(previous.nextPollAt) > now) {
    return { feed, previous, result: { kind: 'backoff' }, fresh: [] };
  }
  let result: FeedFetchResult;
  try {
    result = await deps.feedSource.fetchFeed(feed, {
      etag: previous?.etag,
      lastModified: previous?.lastModified,
    });
  } catch (error) {
    result = { kind: 'error', reason: describeError(error) };
  }
  return { feed, previous, result, fresh: [] };
}

interface Decision {
  analysis: StoryAnalysis;
  post: OutgoingPost;
  /** The wire service, when the story is wire copy. */
  wire?: string;
}

async function decide(deps: PollDeps, item: FeedItem, policy: WirePolicy = 'link-only'): Promise<Decision> {
  const page = await deps.articleSource.fetchArticle(item.url).catch((error: unknown) => ({
    kind: 'error' as const,
    reason: describeError(error),
  }));
  if (page.kind === 'error')
    deps.logger.warn('article unavailable, using the description', {
      key: item.key,
      url: item.url,
      reason: page.reason,
    });
  const analyzer = await deps.loadAnalyzer();
  const analysis = analyzer.analyze(item, page.kind === 'ok' ? page.html : undefined);
  const wire = analysis.wire;
  return {
    analysis,
    wire,
    post: renderStory(item, analysis, { linkOnly: wire !== undefined && policy === 'link-only' }),
  };
}
