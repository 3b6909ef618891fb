import type { Analyzer, StoryAnalysis, TopicVerdict } from '../../functions/core/analyzer.ts';
import { type ConfigInput, parseConfig } from '../../functions/core/config.ts';
import type { PollDeps } from '../../functions/core/poll-types.ts';
import type {
  ArticleFetchResult,
  ArticleSource,
  ChannelState,
  DeliveryId,
  DeliveryRecord,
  DigestStore,
  FeedFetchResult,
  FeedSource,
  FeedState,
  PollState,
  PollStore,
  Poster,
  PostOutcome,
  StoryRecord,
} from '../../functions/core/ports.ts';
import type { OutgoingPost } from '../../functions/core/render-post.ts';
import type { FeedItem } from '../../functions/core/story.ts';
import { toDelivery } from '../../functions/core/story-record.ts';
import { memoryLogger } from './memory-logger.ts';

/** In-memory fakes of every port of the poll use case, for the pure core's unit tests. */

type StoreMethod = keyof (PollStore & DigestStore);

/** A store with the DynamoDB store's semantics (conditional writes, leases, expiry), that can be told to fail. */
export class MemoryStore implements PollStore, DigestStore {
  feeds = new Map<string, FeedState>();
  channels = new Map<string, ChannelState>();
  stories = new Map<string, StoryRecord>();
  outbox = new Set<string>();
  retries = new Map<string, number>();
  digests = new Map<string, { keys: Set<string>; leaseUntil: number }>();
  /** Writes by method, as a DynamoDB client would count requests. */
  writes = new Map<string, number>();
  reads = new Map<string, number>();
  private readonly failures = new Map<StoreMethod, number>();

  constructor(private readonly now: () => number) {}

  /** The next `times` calls of `method` throw, as a store outage would. */
  breakOn(method: StoreMethod, times = 1): void {
    this.failures.set(method, times);
  }

  totalWrites(): number {
    return [...this.writes.values()].reduce((a, b) => a + b, 0);
  }

  resetCounts(): void {
    this.writes.clear();
    this.reads.clear();
  }

  private call(method: StoreMethod, kind: 'read' | 'write'): void {
    const left = this.failures.get(method) ?? 0;
    if (left > 0) {
      this.failures.set(method, left - 1);
      throw new Error(`store ${method} failed (injected)`);
    }
    const counts = kind === 'read' ? this.reads : this.writes;
    counts.set(method, (counts.get(method) ?? 0) + 1);
  }

  private live(key: string): StoryRecord | undefined {
    const story = this.stories.get(key);
    return story && story.expiresAt > this.now() / 1000 ? story : undefined;
  }

  async loadPollState(feedIds: readonly string[], channelIds: readonly string[]): Promise<PollState> {
    this.call('loadPollState', 'read');
    return structuredClone({
      feeds: new Map(feedIds.flatMap((id) => (this.feeds.has(id) ? [[id, this.feeds.get(id)]] : []))),
      channels: new Map(
        channelIds.flatMap((id) => (this.channels.has(id) ? [[id, this.channels.get(id)]] : [])),
      ),
      outbox: [...this.outbox].sort().map(decode),
      retries: new Map(this.retries),
    }) as PollState;
  }

  async saveFeedStates(states: readonly FeedState[]): Promise<void> {
    this.call('saveFeedStates', 'write');
    for (const state of states) this.feeds.set(state.feedId, structuredClone(state));
  }

  async saveChannelState(state: ChannelState): Promise<void> {
    this.call('saveChannelState', 'write');
    this.channels.set(state.channelId, structuredClone(state));
  }

  async getStories(keys: readonly string[]): Promise<Map<string, StoryRecord>> {
    this.call('getStories', 'read');
    return new Map(
      keys.flatMap((k) => (this.live(k) ? [[k, structuredClone(this.live(k) as StoryRecord)]] : [])),
    );
  }

  async putStories(records: readonly StoryRecord[]): Promise<void> {
    this.call('putStories', 'write');
    for (const record of records) this.stories.set(record.key, structuredClone(record));
  }

  private putUndecided(method: StoreMethod, record: StoryRecord): boolean {
    this.call(method, 'write');
    const existing = this.live(record.key);
    if (existing && existing.decision !== 'retrying') return false;
    this.stories.set(record.key, structuredClone(record));
    return true;
  }

  async recordStory(record: StoryRecord): Promise<boolean> {
    return this.putUndecided('recordStory', record);
  }

  async saveRetry(record: StoryRecord): Promise<boolean> {
    return this.putUndecided('saveRetry', record);
  }

  async trackRetries(entries: ReadonlyMap<string, number>): Promise<void> {
    if (!entries.size) return;
    this.call('trackRetries', 'write');
    for (const [key, at] of entries) this.retries.set(key, at);
  }

  async untrackRetries(keys: readonly string[]): Promise<void> {
    if (!keys.length) return;
    this.call('untrackRetries', 'write');
    for (const key of keys) this.retries.delete(key);
  }

  async addToOutbox(ids: readonly DeliveryId[]): Promise<void> {
    if (!ids.length) return;
    this.call('addToOutbox', 'write');
    for (const id of ids) this.outbox.add(encode(id));
  }

  async removeFromOutbox(ids: readonly DeliveryId[]): Promise<void> {
    if (!ids.length) return;
    this.call('removeFromOutbox', 'write');
    for (const id of ids) this.outbox.delete(encode(id));
  }

  async getDeliveries(ids: readonly DeliveryId[]): Promise<DeliveryRecord[]> {
    this.call('getDeliveries', 'read');
    const seen = new Set<string>();
    return ids.flatMap((id) => {
      const story = this.live(id.storyKey);
      if (!story?.deliveries?.[id.channelId] || seen.has(encode(id))) return [];
      seen.add(encode(id));
      return [structuredClone(toDelivery(story, id.channelId))];
    });
  }

  async claimDelivery(id: DeliveryId, now: number, leaseUntil: number): Promise<DeliveryRecord | undefined> {
    this.call('claimDelivery', 'write');
    const story = this.live(id.storyKey);
    const delivery = story?.deliveries?.[id.channelId];
    if (!story || !delivery || delivery.status !== 'pending' || delivery.leaseUntil >= now) return undefined;
    delivery.leaseUntil = leaseUntil;
    delivery.attempts++;
    return structuredClone(toDelivery(story, id.channelId));
  }

  async markPosted(id: DeliveryId, messageId: string, at: string): Promise<void> {
    this.call('markPosted', 'write');
    const delivery = this.live(id.storyKey)?.deliveries?.[id.channelId];
    if (!delivery) throw new Error(`no delivery ${encode(id)}`);
    Object.assign(delivery, { status: 'posted', messageId, postedAt: at });
  }

  async releaseDelivery(id: DeliveryId, error: string): Promise<void> {
    this.call('releaseDelivery', 'write');
    const delivery = this.live(id.storyKey)?.deliveries?.[id.channelId];
    if (delivery?.status === 'pending') Object.assign(delivery, { lastError: error, leaseUntil: 0 });
  }

  async markFailed(id: DeliveryId, reason: string, at: string): Promise<void> {
    this.call('markFailed', 'write');
    const delivery = this.live(id.storyKey)?.deliveries?.[id.channelId];
    if (delivery?.status === 'pending')
      Object.assign(delivery, { status: 'failed', lastError: reason, failedAt: at });
  }

  async addToDigest(channelId: string, keys: readonly string[]): Promise<void> {
    this.call('addToDigest', 'write');
    const digest = this.digests.get(channelId) ?? { keys: new Set<string>(), leaseUntil: 0 };
    for (const key of keys) digest.keys.add(key);
    this.digests.set(channelId, digest);
  }

  async loadDigests(channelIds: readonly string[]): Promise<Map<string, string[]>> {
    this.call('loadDigests', 'read');
    return new Map(channelIds.map((id) => [id, [...(this.digests.get(id)?.keys ?? [])].sort()]));
  }

  async claimDigest(channelId: string, now: number, leaseUntil: number): Promise<boolean> {
    this.call('claimDigest', 'write');
    const digest = this.digests.get(channelId) ?? { keys: new Set<string>(), leaseUntil: 0 };
    if (digest.leaseUntil >= now) return false;
    digest.leaseUntil = leaseUntil;
    this.digests.set(channelId, digest);
    return true;
  }

  async finishDigest(channelId: string, posted: readonly string[]): Promise<void> {
    this.call('finishDigest', 'write');
    const digest = this.digests.get(channelId);
    if (!digest) return;
    for (const key of posted) digest.keys.delete(key);
    digest.leaseUntil = 0;
  }
}

const encode = (id: DeliveryId) => `${id.storyKey}\n${id.channelId}`;
const decode = (value: string): DeliveryId => {
  const [storyKey = '', channelId = ''] = value.split('\n');
  return { storyKey, channelId };
};

/** Feeds as the test sets them: the items each feed lists, or an outcome to return. */
export class MemoryFeeds implements FeedSource {
  items = new Map<string, FeedItem[]>();
  outcomes = new Map<string, FeedFetchResult>();
  fetches = 0;

  async fetchFeed(feed: { id: string }): Promise<FeedFetchResult> {
    this.fetches++;
    const outcome = this.outcomes.get(feed.id);
    if (outcome) return outcome;
    return { kind: 'ok', items: structuredClone(this.items.get(feed.id) ?? []), skippedItems: 0 };
  }
}

/** Pages by URL; an unknown URL serves a plain article page. */
export class MemoryPages implements ArticleSource {
  outcomes = new Map<string, ArticleFetchResult>();
  fetched: string[] = [];

  async fetchArticle(url: string): Promise<ArticleFetchResult> {
    this.fetched.push(url);
    return this.outcomes.get(url) ?? { kind: 'ok', html: `<p>the page of ${url}</p>`, url };
  }
}

/**
 * An analyzer that needs no lexicon: a title with `[rights]` matches the human-rights topic, `[throws]`
 * makes it throw, and with no page it reads the description (and says so in `source`).
 */
export function fakeAnalyzer(): Analyzer & { calls: number } {
  const analyzer = {
    calls: 0,
    analyze(item: FeedItem, page: string | undefined): StoryAnalysis {
      analyzer.calls++;
      if (item.title.includes('[throws]')) throw new Error(`the analyzer broke on ${item.key}`);
      const text = page ?? item.description;
      const matched = item.title.includes('[rights]') || text.includes('[rights]');
      const topic: TopicVerdict = {
        id: 'human-rights',
        label: 'Human rights',
        score: matched ? 9 : 1,
        threshold: 5,
        matched,
        evidence: matched ? ['rights'] : [],
      };
      return {
        title: item.title,
        topics: [topic],
        summary: `Summary of ${item.title}.`,
        keyQuotes: [{ text: 'A quote.', speaker: 'Ada Obi', role: null }],
        source: page === undefined ? 'description' : 'page',
      };
    },
  };
  return analyzer;
}

/** Discord as a list of posts; the outcomes queue answers the next posts, then everything is posted. */
export class MemoryPoster implements Poster {
  posts: Array<{ channelId: string; message: OutgoingPost; nonce: string }> = [];
  outcomes: PostOutcome[] = [];

  async post(
    channel: { id: string },
    message: OutgoingPost,
    options: { nonce: string },
  ): Promise<PostOutcome> {
    const next = this.outcomes.shift();
    if (next && next.kind !== 'posted') return next;
    this.posts.push({ channelId: channel.id, message, nonce: options.nonce });
    return { kind: 'posted', messageId: `m${this.posts.length}` };
  }

  titles(channelId?: string): string[] {
    return this.posts
      .filter((p) => !channelId || p.channelId === channelId)
      .map((p) => p.message.embeds[0]?.title ?? '');
  }
}

export const HOUR_MS = 3_600_000;
export const T0 = Date.parse('2026-11-30T12:00:00.000Z');

/** One feed item; `hoursAgo` is its pubDate before the fakes' clock start. */
export function item(
  id: number,
  title: string,
  options: { feedId?: string; hoursAgo?: number } = {},
): FeedItem {
  const url = `https://www.voanews.com/a/story-${id}/${7000000 + id}.html`;
  return {
    key: `voa:${7000000 + id}`,
    feedId: options.feedId ?? 'usa',
    url,
    title,
    description: `The description of ${title}.`,
    published: new Date(T0 - (options.hoursAgo ?? 1) * HOUR_MS),
    categories: [],
    guid: url,
  };
}

/** Every fake wired into the poll's dependencies, a clock the test moves, and a config. */
export function memoryPoll(configInput: Partial<ConfigInput> = {}) {
  const clock = { now: T0 };
  const store = new MemoryStore(() => clock.now);
  const feeds = new MemoryFeeds();
  const pages = new MemoryPages();
  const analyzer = fakeAnalyzer();
  const poster = new MemoryPoster();
  const logger = memoryLogger();
  const config = parseConfig({
    feeds: [{ id: 'usa', url: 'https://www.voanews.com/api/usa' }],
    channels: [{ id: 'rights', webhookUrl: 'https://discord.com/api/webhooks/1/token' }],
    ...configInput,
  });
  const deps: PollDeps = {
    store,
    feedSource: feeds,
    articleSource: pages,
    loadAnalyzer: async () => analyzer,
    loadPoster: async () => poster,
    clock: () => new Date(clock.now),
    logger,
  };
  return { clock, store, feeds, pages, analyzer, poster, logger, config, deps };
}
