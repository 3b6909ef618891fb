import type { Analyzer, StoryAnalysis } from './analyzer.ts';
import { mapLimit } from './concurrency.ts';
import type { ChannelConfig, FeedConfig } from './config.ts';
import type {
  ArticleSource,
  ChannelState,
  Clock,
  DeliveryId,
  DeliveryRecord,
  FeedFetchResult,
  FeedSource,
  FeedState,
  Logger,
  Poster,
  StateStore,
  StoryRecord,
} from './ports.ts';
import { type OutgoingPost, renderAlert, renderPost } from './render-post.ts';
import { byPublished, type FeedItem } from './story.ts';

/** The poll's result: the counts that the CLI prints and the Lambda returns. */
export interface PollSummary {
  feeds: number;
  notModified: number;
  newStories: number;
  matched: number;
  posted: number;
  /** Feeds that failed, plus deliveries that did not post this poll. */
  failed: number;
  /** Feeds in backoff, stories seeded silently or too old, items without an identity. */
  skipped: number;
  durationMs: number;
  feedErrors: number;
  /** Deliveries left for a later poll. */
  pending: number;
  dryRun: boolean;
}

export type PollEvent =
  | { type: 'feed'; feedId: string; outcome: 'not-modified' | 'ok' | 'error' | 'backoff'; detail?: string }
  | { type: 'story'; key: string; title: string; matched: string[] }
  | { type: 'preview'; key: string; channelIds: string[]; post: OutgoingPost; analysis: StoryAnalysis }
  | { type: 'delivery'; key: string; channelId: string; outcome: string; detail?: string };

export interface PollDeps {
  store: StateStore;
  feedSource: FeedSource;
  articleSource: ArticleSource;
  /** Loaded on the first story that needs analysis. */
  loadAnalyzer: () => Promise<Analyzer>;
  /** Loaded on the first post: an idle poll never loads Discord code. */
  loadPoster: () => Promise<Poster>;
  clock: Clock;
  logger: Logger;
  onEvent?: (event: PollEvent) => void;
}

export interface PollOptions {
  feeds: readonly FeedConfig[];
  channels: readonly ChannelConfig[];
  maxAgeHours: number;
  backfill: number;
  leaseSeconds: number;
  maxAttempts: number;
  feedConcurrency: number;
  articleConcurrency: number;
  /** Render what would be posted; write nothing and post nothing. */
  dryRun?: boolean;
  /** Minimum items per feed a dry run shows when the feed was never seeded. */
  dryRunBackfill?: number;
  /** What to do with wire copy (AP, Reuters, AFP). */
  wire?: WirePolicy;
  /** A channel id for operational alerts, and the feed failure streak that raises one. */
  alerts?: { channel?: string; feedFailures: number };
  /**
   * Retry the deliveries that earlier polls left pending (default true). Fan-out pollers each handle a
   * few feeds of one scheduled run: only the batch holding the run's designated message retries them.
   */
  retryPending?: boolean;
}

export type WirePolicy = 'link-only' | 'full' | 'skip';

const HOUR_MS = 3_600_000;
const DAY_S = 86_400;
/** Health is rewritten at least this often even when nothing changed, so `status` shows a recent success. */
const HEARTBEAT_MS = HOUR_MS;
const BACKOFF_AFTER_FAILURES = 5;
/** A broken channel is probed with one real post this long after it broke: few enough requests never to risk a ban. */
const BROKEN_PROBE_MS = 6 * HOUR_MS;

interface FeedOutcome {
  feed: FeedConfig;
  previous?: FeedState;
  result: FeedFetchResult | { kind: 'backoff' };
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

  const candidates = new Map<string, PendingStory>();
  const maxAgeMs = options.maxAgeHours * HOUR_MS;
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

  const known = candidates.size
    ? await store.getStories([...candidates.keys()])
    : new Map<string, StoryRecord>();
  const unknown = [...candidates.values()].filter((c) => !known.has(c.item.key));

  // A feed's first poll records what it lists as seen. A story counts as new when any feed that
  // lists it was seeded before, or when it is among a new feed's newest `backfill` items.
  const seeding = new Set(
    outcomes.filter((o) => o.result.kind === 'ok' && !o.previous?.seededAt).map((o) => o.feed.id),
  );
  const backfilled = new Set<string>();
  const backfill = dryRun ? Math.max(options.backfill, options.dryRunBackfill ?? 0) : options.backfill;
  for (const outcome of outcomes) {
    if (!seeding.has(outcome.feed.id)) continue;
    const newest = [...outcome.fresh].sort(byPublished).reverse();
    for (const item of newest.slice(0, backfill)) backfilled.add(item.key);
  }
  const fresh: PendingStory[] = [];
  const seeded: StoryRecord[] = [];
  for (const story of unknown) {
    const seededOnly = [...story.feeds].every((id) => seeding.has(id));
    if (seededOnly && !backfilled.has(story.item.key))
      seeded.push(storyRecord(story.item, 'seeded', [], [], now, options));
    else fresh.push(story);
  }
  summary.skipped += seeded.length;
  summary.newStories = fresh.length;

  const blocked = new Set<string>();
  if (seeded.length && !dryRun) {
    try {
      await store.putStories(seeded);
    } catch (error) {
      logger.error('seeding failed', { error: describe(error) });
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
      logger.error('story failed', { key: story.item.key, error: describe(error) });
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
    result = { kind: 'error', reason: describe(error) };
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
    reason: describe(error),
  }));
  if (page.kind === 'error')
    deps.logger.warn('article unavailable, using the description', {
      key: item.key,
      url: item.url,
      reason: page.reason,
    });
  const analyzer = await deps.loadAnalyzer();
  const analysis = analyzer.analyze(item, page.kind === 'ok' ? page.html : undefined);
  const wire = analysis.wire ?? wireService(item.author);
  return {
    analysis,
    wire,
    post: renderStory(item, analysis, { linkOnly: wire !== undefined && policy === 'link-only' }),
  };
}

/** `webdesk@voanews.com (Associated Press)` and the like: the feed's own credit line. */
export function wireService(author: string | undefined): string | undefined {
  if (!author) return undefined;
  if (/\bassociated press\b|\(AP\)/i.test(author)) return 'AP';
  if (/\breuters\b/i.test(author)) return 'Reuters';
  if (/\bAFP\b|agence france/i.test(author)) return 'AFP';
  return undefined;
}

/** The post for one story, as DESIGN.md lays it out. Wire copy under the link-only policy shows title and link. */
export function renderStory(
  item: FeedItem,
  analysis: StoryAnalysis,
  options: { linkOnly?: boolean } = {},
): OutgoingPost {
  const matched = analysis.topics.filter((t) => t.matched);
  const primary = matched[0];
  return renderPost({
    title: analysis.title || item.title,
    url: item.url,
    summary: analysis.summary,
    authorLine: authorLine(item, analysis),
    quotes: analysis.keyQuotes,
    topicLabel: primary?.label,
    evidence: primary?.evidence.slice(0, 6) ?? [],
    published: item.published,
    image: item.image,
    linkOnly: options.linkOnly,
  });
}

function authorLine(item: FeedItem, analysis: StoryAnalysis): string | undefined {
  const credit = /\(([^)]+)\)\s*$/.exec(item.author ?? '')?.[1] ?? analysis.byline ?? item.author;
  const section = analysis.section ?? item.categories[0];
  const parts = [credit, section].filter((p): p is string => Boolean(p?.trim()));
  return parts.length ? parts.join(' · ') : undefined;
}

function storyRecord(
  item: FeedItem,
  decision: StoryRecord['decision'],
  topics: string[],
  channels: string[],
  now: number,
  options: Pick<PollOptions, 'maxAgeHours'>,
): StoryRecord {
  // A record must outlive the story's stay in maxAge, or a stale feed would make it new again.
  const base = Math.max(now, item.published?.getTime() ?? now) / 1000;
  const keep = item.published ? options.maxAgeHours * 3600 + 7 * DAY_S : 365 * DAY_S;
  return {
    key: item.key,
    url: item.url,
    title: item.title.slice(0, 500),
    published: item.published?.toISOString(),
    decidedAt: new Date(now).toISOString(),
    decision,
    topics,
    channels,
    expiresAt: Math.ceil(base + keep),
  };
}

async function saveFeedStates(
  deps: PollDeps,
  outcomes: FeedOutcome[],
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
        deps.logger.error('saving feed state failed', { feedId: feed.id, error: describe(error) });
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

/** Claim, post, mark: the delivery of one story to one channel, and its retries. */
class DeliveryCycle {
  leftPending = 0;
  private poster?: Promise<Poster>;
  private readonly channels: Map<string, ChannelConfig>;
  /** Discord said stop (global 429): the rest of this poll's posts wait for the next poll. */
  private halted = false;

  constructor(
    private readonly deps: PollDeps,
    private readonly options: PollOptions,
    private readonly channelStates: Map<string, ChannelState>,
    private readonly summary: PollSummary,
  ) {
    this.channels = new Map(options.channels.map((c) => [c.id, c]));
  }

  /** A story's deliveries become durable (outbox, then claimed records) before its decision is recorded. */
  async deliverNew(
    item: FeedItem,
    post: OutgoingPost,
    channels: ChannelConfig[],
    topics: string[],
  ): Promise<void> {
    const { store, clock } = this.deps;
    const now = clock().getTime();
    const ids = channels.map((c) => ({ storyKey: item.key, channelId: c.id }));
    if (ids.length) await store.addToOutbox(ids);
    const claimed: DeliveryRecord[] = [];
    for (const id of ids) {
      // A delivery to a resting channel is created unclaimed: it waits without spending an attempt.
      const postable = this.canPost(id.channelId);
      const record = this.newRecord(id, item, post, now, postable);
      if (await store.createDelivery(record)) {
        if (postable) claimed.push(record);
        else this.leftPending++;
      } else if (postable) {
        // Another poll (or an earlier, interrupted one) created it: claim it like any pending delivery.
        const existing = await store.claimDelivery(id, now, now + this.options.leaseSeconds * 1000);
        if (existing) claimed.push(existing);
      }
    }
    const decision = channels.length ? 'matched' : 'unmatched';
    const record = storyRecord(
      item,
      decision,
      topics,
      channels.map((c) => c.id),
      now,
      this.options,
    );
    await store.recordStory(record);
    for (const d of claimed) await this.post(d);
  }

  /** Deliveries that an earlier poll left pending, oldest first. */
  async retryOutbox(ids: DeliveryId[]): Promise<void> {
    const { store, clock, logger } = this.deps;
    let records: DeliveryRecord[];
    try {
      records = await store.getDeliveries(ids);
    } catch (error) {
      logger.error('reading pending deliveries failed', { error: describe(error) });
      return;
    }
    const found = new Set(records.map(deliveryKey));
    const done = records.filter((r) => r.status !== 'pending').map(toId);
    const stale = [...done, ...(await this.staleOrphans(ids.filter((id) => !found.has(deliveryKey(id)))))];
    if (stale.length) await store.removeFromOutbox(stale).catch(() => {});
    const gone = records.filter((r) => r.status === 'pending' && !this.channels.has(r.channelId)).map(toId);
    const pending = records
      .filter((r) => r.status === 'pending' && this.channels.has(r.channelId))
      .sort((a, b) => (a.publishedAt ?? a.createdAt).localeCompare(b.publishedAt ?? b.createdAt));
    this.leftPending += gone.length;
    for (const record of pending) {
      const now = clock().getTime();
      // A lease still held, or a channel that is resting: leave it without spending an attempt.
      if (record.leaseUntil > now || !this.canPost(record.channelId)) {
        this.leftPending++;
        continue;
      }
      try {
        if (record.attempts >= this.options.maxAttempts) {
          await this.fail(record, record.lastError ?? 'too many attempts');
          continue;
        }
        const claimed = await store.claimDelivery(toId(record), now, now + this.options.leaseSeconds * 1000);
        if (claimed) await this.post(claimed);
      } catch (error) {
        this.summary.failed++;
        this.leftPending++;
        logger.error('retrying a delivery failed', { ...toId(record), error: describe(error) });
      }
    }
  }

  /** False while Discord asked this poll to stop, or while a broken channel waits for its probe. */
  private canPost(channelId: string): boolean {
    if (this.halted || !this.channels.has(channelId)) return false;
    const health = this.channelStates.get(channelId);
    return !(health?.health === 'broken' && Date.parse(health.probeAt ?? '') > this.deps.clock().getTime());
  }

  /**
   * Outbox ids with no record. One is in flight (another poll added it and is creating the record) or
   * left by a poll that stopped before creating it; then its story is undecided and comes back through
   * its feed. Only an id whose story has since been decided is stale.
   */
  private async staleOrphans(orphans: DeliveryId[]): Promise<DeliveryId[]> {
    if (!orphans.length) return [];
    const decided = await this.deps.store.getStories(orphans.map((o) => o.storyKey));
    return orphans.filter((o) => decided.has(o.storyKey));
  }

  private newRecord(
    id: DeliveryId,
    item: FeedItem,
    message: OutgoingPost,
    now: number,
    claimed: boolean,
  ): DeliveryRecord {
    return {
      ...id,
      status: 'pending',
      attempts: claimed ? 1 : 0,
      leaseUntil: claimed ? now + this.options.leaseSeconds * 1000 : 0,
      message,
      nonce: nonceFor(id),
      createdAt: new Date(now).toISOString(),
      publishedAt: item.published?.toISOString(),
      expiresAt: Math.ceil(now / 1000) + 30 * DAY_S,
    };
  }

  private async post(record: DeliveryRecord): Promise<void> {
    const { store, logger, clock } = this.deps;
    const channel = this.channels.get(record.channelId);
    const health = this.channelStates.get(record.channelId);
    if (!channel || !this.canPost(record.channelId)) {
      await store.releaseDelivery(toId(record), health?.reason ?? 'not posted this poll');
      this.leftPending++;
      return;
    }
    // The lease may have run out while earlier posts were slow: then claim it again, or leave it.
    if (clock().getTime() >= record.leaseUntil) {
      const now = clock().getTime();
      const reclaimed = await store.claimDelivery(toId(record), now, now + this.options.leaseSeconds * 1000);
      if (!reclaimed) return;
      record = reclaimed;
    }
    this.poster ??= this.deps.loadPoster();
    const poster = await this.poster;
    const target = { id: channel.id, kind: channel.channelId ? ('bot' as const) : ('webhook' as const) };
    const outcome = await poster.post(target, record.message, { nonce: record.nonce });
    const id = toId(record);
    this.deps.onEvent?.({
      type: 'delivery',
      key: record.storyKey,
      channelId: record.channelId,
      outcome: outcome.kind,
      detail: 'reason' in outcome ? outcome.reason : undefined,
    });
    switch (outcome.kind) {
      case 'posted':
        await store.markPosted(id, outcome.messageId, clock().toISOString());
        await store.removeFromOutbox([id]);
        this.summary.posted++;
        if (health?.health === 'broken') await this.recovered(id.channelId);
        return;
      case 'retry':
        this.summary.failed++;
        logger.warn('post will be retried', { ...id, attempts: record.attempts, reason: outcome.reason });
        if (record.attempts >= this.options.maxAttempts) return this.fail(record, outcome.reason);
        if (outcome.global) this.halted = true;
        await store.releaseDelivery(id, outcome.reason);
        this.leftPending++;
        return;
      case 'rejected':
        this.summary.failed++;
        logger.error('Discord rejected the post', { ...id, reason: outcome.reason });
        return this.fail(record, outcome.reason);
      case 'broken': {
        this.summary.failed++;
        const at = clock();
        const probeAt = new Date(at.getTime() + BROKEN_PROBE_MS).toISOString();
        logger.error('channel is broken; nothing more is sent to it until a probe', {
          channelId: id.channelId,
          reason: outcome.reason,
          probeAt,
        });
        const state: ChannelState = {
          channelId: id.channelId,
          health: 'broken',
          reason: outcome.reason,
          since: health?.health === 'broken' ? health.since : at.toISOString(),
          probeAt,
        };
        this.channelStates.set(id.channelId, state);
        await store.saveChannelState(state);
        await store.releaseDelivery(id, outcome.reason);
        this.leftPending++;
        if (health?.health !== 'broken') {
          await this.alert(
            `Channel ${id.channelId} is broken (${outcome.reason}). Herald stops posting to it and will try once more at ${probeAt}; its stories wait as pending deliveries.`,
          );
        }
        return;
      }
    }
  }

  private async recovered(channelId: string): Promise<void> {
    const state: ChannelState = { channelId, health: 'ok', since: this.deps.clock().toISOString() };
    this.channelStates.set(channelId, state);
    await this.deps.store.saveChannelState(state);
    this.deps.logger.info('channel works again', { channelId });
  }

  /** Logs an operational alert and posts it to the alerts channel, once, without retries. */
  async alert(text: string): Promise<void> {
    this.deps.logger.error('alert', { text });
    const channelId = this.options.alerts?.channel;
    const channel = channelId ? this.channels.get(channelId) : undefined;
    if (!channel || !this.canPost(channel.id)) return;
    try {
      this.poster ??= this.deps.loadPoster();
      const poster = await this.poster;
      const target = { id: channel.id, kind: channel.channelId ? ('bot' as const) : ('webhook' as const) };
      const nonce = nonceFor({ storyKey: text, channelId: channel.id });
      const outcome = await poster.post(target, renderAlert(text), { nonce });
      if (outcome.kind !== 'posted')
        this.deps.logger.warn('alert not posted', { channelId: channel.id, reason: outcome.reason });
    } catch (error) {
      this.deps.logger.warn('alert not posted', { channelId: channel.id, reason: describe(error) });
    }
  }

  private async fail(record: DeliveryRecord, reason: string): Promise<void> {
    const id = toId(record);
    await this.deps.store.markFailed(id, reason, this.deps.clock().toISOString());
    await this.deps.store.removeFromOutbox([id]);
    this.deps.logger.error('delivery failed for good', { ...id, attempts: record.attempts, reason });
  }
}

function toId(record: DeliveryId): DeliveryId {
  return { storyKey: record.storyKey, channelId: record.channelId };
}

function deliveryKey(id: DeliveryId): string {
  return `${id.channelId}\n${id.storyKey}`;
}

/** Discord nonces are at most 25 characters; one per delivery makes a retried bot post idempotent. */
function nonceFor(id: DeliveryId): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const ch of `${id.storyKey}\n${id.channelId}`) {
    const c = ch.codePointAt(0) ?? 0;
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `h${h1.toString(36)}${h2.toString(36)}`.slice(0, 25);
}

/** An error as one line, for logs and summaries. */
export function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
