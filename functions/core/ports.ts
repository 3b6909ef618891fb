import type { OutgoingPost } from './render-post.ts';
import type { FeedItem } from './story.ts';

/** What the core knows about a feed between polls. */
export interface FeedState {
  feedId: string;
  etag?: string;
  lastModified?: string;
  /** When the first poll recorded the feed's items as seen. Absent: the next poll seeds. */
  seededAt?: string;
  lastSuccessAt?: string;
  lastErrorAt?: string;
  lastError?: string;
  consecutiveFailures: number;
  itemsSeen: number;
  /** Backoff: the feed is skipped until then. */
  nextPollAt?: string;
  updatedAt?: string;
}

/** The decision about one story, recorded once. */
export interface StoryRecord {
  key: string;
  url: string;
  title: string;
  published?: string;
  decidedAt: string;
  /** `seeded`: recorded by a feed's first poll without analysis. */
  decision: 'matched' | 'unmatched' | 'seeded' | 'skipped';
  topics: string[];
  channels: string[];
  /** Epoch seconds: DynamoDB's TTL attribute; reads treat an expired record as absent. */
  expiresAt: number;
}

export type DeliveryStatus = 'pending' | 'posted' | 'failed';

/** One story in one channel. The claim on it is what stops two polls from posting it twice. */
export interface DeliveryRecord {
  storyKey: string;
  channelId: string;
  status: DeliveryStatus;
  attempts: number;
  /** Epoch ms until which the last claim blocks other polls. */
  leaseUntil: number;
  /** Rendered once, so a retry posts the same message without fetching the article again. */
  message: OutgoingPost;
  /** Sent as Discord's `nonce` on the bot-token path. */
  nonce: string;
  createdAt: string;
  publishedAt?: string;
  postedAt?: string;
  failedAt?: string;
  messageId?: string;
  lastError?: string;
  expiresAt: number;
}

export interface DeliveryId {
  storyKey: string;
  channelId: string;
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
}

/**
 * The poll's store: what one poll reads and writes. One table holds feed state, story decisions and
 * deliveries. Every write is a plain or conditional single-item write: no transactions, no PartiQL.
 */
export interface PollStore {
  /** Feed states, channel states and the outbox, in one read. */
  loadPollState(feedIds: readonly string[], channelIds: readonly string[]): Promise<PollState>;
  saveFeedState(state: FeedState): Promise<void>;
  saveChannelState(state: ChannelState): Promise<void>;
  /** The records of these stories that exist and have not expired. */
  getStories(keys: readonly string[]): Promise<Map<string, StoryRecord>>;
  /** Writes records unconditionally (a feed's first poll). */
  putStories(records: readonly StoryRecord[]): Promise<void>;
  /** Writes a decision unless one exists. False when another poll decided first. */
  recordStory(record: StoryRecord): Promise<boolean>;
  /** Adds deliveries to the outbox, before they exist, so that a crash cannot lose them. */
  addToOutbox(ids: readonly DeliveryId[]): Promise<void>;
  removeFromOutbox(ids: readonly DeliveryId[]): Promise<void>;
  /**
   * Creates a delivery already claimed by this poll (`attempts: 1`, lease set).
   * Returns false when it exists: claim it with `claimDelivery` instead.
   */
  createDelivery(record: DeliveryRecord): Promise<boolean>;
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
}

/** A store that serves both the poll and the operator: the DynamoDB adapter. */
export type StateStore = PollStore & StatusStore;

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
  | { kind: 'posted'; messageId: string }
  /** 429, 5xx, timeout: the delivery stays pending. */
  | { kind: 'retry'; reason: string; retryAfterMs?: number; global?: boolean }
  /** 400: Discord refused this body; retrying it unchanged will not help. */
  | { kind: 'rejected'; reason: string }
  /** 401, 403, 404: the webhook or channel is gone or not ours. */
  | { kind: 'broken'; reason: string };

export interface Poster {
  /** `nonce`: at most 25 characters (`deliveryNonce`), the same on every retry of a delivery. */
  post(channel: ChannelTarget, message: OutgoingPost, options: { nonce: string }): Promise<PostOutcome>;
}

/** A narrow logger: the composition root supplies Powertools, the CLI or a test fake. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type Clock = () => Date;
