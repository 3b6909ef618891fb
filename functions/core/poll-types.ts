import type { Analyzer, StoryAnalysis } from './analyzer.ts';
import type { ChannelConfig, FeedConfig } from './config.ts';
import type { ArticleSource, Clock, FeedSource, Logger, PollStore, Poster } from './ports.ts';
import type { OutgoingPost } from './render-post.ts';

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
  store: PollStore;
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
