import type { OutgoingPost } from './render-post.ts';
import type { FeedItem } from './story.ts';

/** What the core knows about a feed between polls. */
export interface FeedState {
  feedId: string;
  etag?: string;
  lastModified?: string;
  /**
   * A hash of the identities (guid, link, title) of the items last read. A 200 that brings the same items
   * (a server that re-stamps `lastBuildDate` on every request) then costs what a 304 costs.
   */
  itemsHash?: string;
  /** When the first poll recorded the feed's items as seen. Absent: the next poll seeds. */
  seededAt?: string;
  lastSuccessAt?: string;
  lastErrorAt?: string;
  lastError?: string;
  consecutiveFailures: number;
  itemsSeen: number;
  /** The newest pubDate among the feed's items, as last read. */
  newestItemAt?: string;
  /** Set when the alert that the feed went stale was raised; cleared, with a second alert, when it is fresh. */
  staleSince?: string;
  /** Backoff: the feed is skipped until then. */
  nextPollAt?: string;
  updatedAt?: string;
}

/**
 * `seeded`: recorded by a feed's first poll without analysis. `retrying`: the page failed for a while and
 * the story is not decided yet; `retry` says when to try again.
 */
export type StoryDecision = 'matched' | 'unmatched' | 'seeded' | 'skipped' | 'retrying';

/** A feed item as the store keeps it: JSON, dates as ISO strings. */
export type StoredItem = Omit<FeedItem, 'published'> & { published?: string };

/** A story whose page has failed, kept with its item, so that it is decided even if its feed drops it. */
export interface StoryRetry {
  /** Tries of the page so far. */
  attempts: number;
  firstTriedAt: string;
  /** Epoch ms of the next try. */
  nextTryAt: number;
  lastError: string;
  item: StoredItem;
}

export type DeliveryStatus = 'pending' | 'posted' | 'failed';

/** One story in one channel, inside the story's record. The claim on it stops two polls posting it twice. */
export interface StoryDelivery {
  status: DeliveryStatus;
  attempts: number;
  /** Epoch ms until which the last claim blocks other polls. */
  leaseUntil: number;
  /** Sent as Discord's `nonce` on the bot-token path. */
  nonce: string;
  createdAt: string;
  /** Waits for the channel's digest instead of a post of its own. */
  digest?: boolean;
  postedAt?: string;
  failedAt?: string;
  messageId?: string;
  lastError?: string;
}

/** The decision about one story, recorded once, with its deliveries. */
export interface StoryRecord {
  key: string;
  url: string;
  title: string;
  published?: string;
  decidedAt: string;
  decision: StoryDecision;
  topics: string[];
  channels: string[];
  /** Each matched topic's score, for the channels' role pings. */
  scores?: Record<string, number>;
  /** Set when the story was decided from its RSS description rather than its page: why. */
  fromDescription?: string;
  retry?: StoryRetry;
  /** The post, rendered once: a retry posts the same message without fetching the article again. */
  post?: OutgoingPost;
  /** The lines a digest shows of the story. */
  digestLine?: { summary: string; speaker?: string };
  /** By channel id. */
  deliveries?: Record<string, StoryDelivery>;
  /** Epoch seconds: DynamoDB's TTL attribute; reads treat an expired record as absent. */
  expiresAt: number;
}

export interface DeliveryId {
  storyKey: string;
  channelId: string;
}

/** One delivery with what posting it needs from its story. */
export interface DeliveryRecord extends StoryDelivery, DeliveryId {
  message: OutgoingPost;
  title: string;
  publishedAt?: string;
  scores?: Record<string, number>;
}

export type ChannelHealth = 'ok' | 'broken';

export interface ChannelState {
  channelId: string;
  health: ChannelHealth;
  reason?: string;
  since?: string;
  /** A broken channel gets one probe post after this; until then nothing is sent to it. */
  probeAt?: string;
}

/** What a poll reads before it does anything else: one round trip to the store. */
export interface PollState {
  feeds: Map<string, FeedState>;
  channels: Map<string, ChannelState>;
  /** Deliveries that were created and not yet posted or failed. */
  outbox: DeliveryId[];
  /** Stories waiting for their page, with the epoch ms of their next try. */
  retries: Map<string, number>;
}

/**
 * The poll's store: what one poll reads and writes. One table holds feed state, story decisions with their
 * deliveries, and the small indexes (outbox, retries, digests) that spare a poll any scan. Every write is a
 * plain or conditional single-item write, or a batch of plain ones: no transactions, no PartiQL.
 */
export interface PollStore {
  /** Feed states, channel states, the outbox and the retry index, in one read. */
  loadPollState(feedIds: readonly string[], channelIds: readonly string[]): Promise<PollState>;
  /** Writes feed states unconditionally, in as few requests as the store allows. */
  saveFeedStates(states: readonly FeedState[]): Promise<void>;
  saveChannelState(state: ChannelState): Promise<void>;
  /** The records of these stories that exist and have not expired. */
  getStories(keys: readonly string[]): Promise<Map<string, StoryRecord>>;
  /** Writes records unconditionally (a feed's first poll). */
  putStories(records: readonly StoryRecord[]): Promise<void>;
  /**
   * Writes a decision, its deliveries inside it, unless a decision exists: a `retrying` record is replaced.
   * False when another poll decided first.
   */
  recordStory(record: StoryRecord): Promise<boolean>;
  /** Writes a `retrying` record unless the story was decided meanwhile (then false). */
  saveRetry(record: StoryRecord): Promise<boolean>;
  /** Sets when each story waiting for its page is tried next. */
  trackRetries(entries: ReadonlyMap<string, number>): Promise<void>;
  untrackRetries(keys: readonly string[]): Promise<void>;
  /** Adds deliveries to the outbox, before they exist, so that a crash cannot lose them. */
  addToOutbox(ids: readonly DeliveryId[]): Promise<void>;
  removeFromOutbox(ids: readonly DeliveryId[]): Promise<void>;
  getDeliveries(ids: readonly DeliveryId[]): Promise<DeliveryRecord[]>;
  /**
   * Claims a pending delivery whose lease has expired: bumps `attempts` and sets the lease.
   * Returns the claimed record, or undefined when another poll holds it or it is no longer pending.
   */
  claimDelivery(id: DeliveryId, now: number, leaseUntil: number): Promise<DeliveryRecord | undefined>;
  markPosted(id: DeliveryId, messageId: string, at: string): Promise<void>;
  /** Leaves the delivery pending and lets the next poll claim it at once. */
  releaseDelivery(id: DeliveryId, error: string): Promise<void>;
  markFailed(id: DeliveryId, reason: string, at: string): Promise<void>;
  /** Adds stories to a channel's digest, before their records say so, so that a crash cannot lose them. */
  addToDigest(channelId: string, keys: readonly string[]): Promise<void>;
}

/** Digest channels: the stories waiting for each channel's next digest, and the claim on a digest run. */
export interface DigestStore {
  /** The story keys waiting for each of these channels' digests. */
  loadDigests(channelIds: readonly string[]): Promise<Map<string, string[]>>;
  /** Claims a channel's digest run until `leaseUntil`; false while another run holds it. */
  claimDigest(channelId: string, now: number, leaseUntil: number): Promise<boolean>;
  /** Ends a run: takes the posted stories out of the digest and releases the claim. */
  finishDigest(channelId: string, posted: readonly string[], at: string): Promise<void>;
}

/** The operator's listings, for `herald status` and `/herald latest`: Scans, never on the poll's path. */
export interface StatusStore {
  /** Deliveries in a status. */
  listDeliveries(status: DeliveryStatus, limit?: number): Promise<DeliveryRecord[]>;
  listFeedStates(): Promise<FeedState[]>;
  listChannelStates(): Promise<ChannelState[]>;
  /**
   * The most recent matched stories, newest first by `published ?? decidedAt`, at most `limit`; with a
   * `topic`, only stories that matched it. Expired records are absent. For `/herald latest`, not the poll:
   * the DynamoDB store answers it with a filtered Scan of the table.
   */
  listRecentStories(options: { topic?: string; limit: number }): Promise<StoryRecord[]>;
  /** Stories waiting for their page, and stories decided from their description: newest first. */
  listStoryIssues(limit: number): Promise<{ retrying: StoryRecord[]; fromDescription: StoryRecord[] }>;
}

/** A store that serves the poll, the digests and the operator: the DynamoDB adapter. */
export type StateStore = PollStore & DigestStore & StatusStore;

/** The outcome of fetching a feed: expected outcomes are values. */
export type FeedFetchResult =
  | { kind: 'not-modified' }
  | { kind: 'ok'; items: FeedItem[]; etag?: string; lastModified?: string; skippedItems: number }
  | { kind: 'error'; reason: string };

export interface FeedSource {
  /** @param feed.maxItems only the feed's newest this many items are read (default 200). */
  fetchFeed(
    feed: { id: string; url: string; maxItems?: number },
    validators: { etag?: string; lastModified?: string },
  ): Promise<FeedFetchResult>;
}

/**
 * Why a page could not be used, which decides what the poll does next:
 * - `transient`: 5xx, timeout, reset, a truncated body: the story stays undecided and is tried again;
 * - `gone`: 404 or 410: decided from the RSS description at once;
 * - `refused`: the address policy would not fetch it (never fetched): decided from the description;
 * - `permanent`: anything else that a retry will not mend (another 4xx, not HTML): from the description.
 */
export type ArticleFailure = 'transient' | 'gone' | 'refused' | 'permanent';

export type ArticleFetchResult =
  | { kind: 'ok'; html: string; url: string }
  | { kind: 'error'; failure: ArticleFailure; reason: string; status?: number };

/** Article pages. */
export interface ArticleSource {
  /**
   * @param context.feedUrl the configured feed that named the link: a link on its origin is trusted;
   *   any other must resolve to a public address.
   */
  fetchArticle(url: string, context?: { feedUrl?: string }): Promise<ArticleFetchResult>;
}

/** Where a channel's posts go. Secrets stay inside the poster: the core sees only the channel id. */
export interface ChannelTarget {
  id: string;
  kind: 'webhook' | 'bot';
}

/** Discord's answers, as values. */
export type PostOutcome =
  /** `note`: what went wrong after the message was posted (a thread that could not be opened). */
  | { kind: 'posted'; messageId: string; note?: string }
  /** 429, 5xx, timeout: the delivery stays pending. */
  | { kind: 'retry'; reason: string; retryAfterMs?: number; global?: boolean }
  /** 400: Discord refused this body; retrying it unchanged will not help. */
  | { kind: 'rejected'; reason: string }
  /** 401, 403, 404: the webhook or channel is gone or not ours. */
  | { kind: 'broken'; reason: string };

export interface Poster {
  /**
   * Posts a message as its fields ask: a forum post when `thread_name` is set, a thread on the message when
   * `thread` is. `nonce`: at most 25 characters (`deliveryNonce`), the same on every retry of a delivery;
   * Discord takes it on a bot's channel message only.
   */
  post(channel: ChannelTarget, message: OutgoingPost, options: { nonce: string }): Promise<PostOutcome>;
}

/** A narrow logger: the composition root supplies Powertools, the CLI or a test fake. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type Clock = () => Date;
