import type { StoryAnalysis } from './analyzer.ts';
import type { PollDeps, WirePolicy } from './poll-types.ts';
import type { StoryRetry } from './ports.ts';
import type { OutgoingPost } from './render-post.ts';
import { renderStory } from './render-story.ts';
import type { FeedItem } from './story.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** The page is tried this many times in a row (this poll and the next two) before retries back off. */
const IMMEDIATE_TRIES = 3;
/** After those, at most one try per this long, until the retry window closes. */
const RETRY_INTERVAL_MS = 30 * MINUTE_MS;
/** What a page with no article in it (a challenge or consent page) counts as: a failure that may pass. */
const NO_ARTICLE = 'the page has no article text (a challenge or consent page?)';

/** A story decided: from its page, or from its RSS description, and then `fromDescription` says why. */
export interface Decided {
  kind: 'decided';
  analysis: StoryAnalysis;
  post: OutgoingPost;
  /** The wire service, when the story is wire copy. */
  wire?: string;
  fromDescription?: string;
}

/** The page failed in a way that may pass: try again at `nextTryAt`. */
export interface Undecided {
  kind: 'retry';
  retry: Omit<StoryRetry, 'item'>;
}

export type StoryOutcome = Decided | Undecided;

export interface DecideOptions {
  wire: WirePolicy;
  retryHours: number;
  analysisBudgetMs: number;
  /** The configured feed that listed the story: links on its origin are trusted. */
  feedUrl?: string;
  /** The retry state of an earlier poll, for a story whose page failed before. */
  retry?: StoryRetry;
}

/**
 * Decides one story: fetch its page, analyse it, render its post. A page that fails in a way that may pass
 * (5xx, a timeout, a reset, a page with no article) leaves the story undecided, to be tried at once by the
 * next two polls, then every 30 minutes for `retryHours`; after that, and at once for a 404, a 410, a
 * refused address or an analysis over its time budget, the RSS description decides it and says so.
 * Unexpected failures (the analyzer throws) are thrown: the caller settles them.
 */
export async function decideStory(
  deps: PollDeps,
  item: FeedItem,
  options: DecideOptions,
): Promise<StoryOutcome> {
  const now = deps.clock().getTime();
  const page = await deps.articleSource.fetchArticle(
    item.url,
    options.feedUrl ? { feedUrl: options.feedUrl } : {},
  );
  const analyzer = await deps.loadAnalyzer();
  let failure: { reason: string; transient: boolean };
  if (page.kind === 'ok') {
    let analysis: StoryAnalysis | undefined;
    try {
      analysis = analyzer.analyze(item, page.html, { budgetMs: options.analysisBudgetMs });
    } catch (error) {
      if (!isBudgetError(error)) throw error;
      failure = { reason: `its analysis ran past ${options.analysisBudgetMs} ms`, transient: false };
    }
    if (analysis && analysis.source !== 'description') return decided(analysis, item, options.wire);
    if (analysis?.pageOverBudget)
      failure ??= {
        reason: 'the page is over the parse budget (too many or too deep elements)',
        transient: false,
      };
    failure ??= { reason: NO_ARTICLE, transient: true };
  } else {
    failure = { reason: page.reason, transient: page.failure === 'transient' };
  }

  if (failure.transient) {
    const retry = scheduleRetry(options.retry, now, options.retryHours, failure.reason);
    if (retry) return { kind: 'retry', retry };
  }
  const why =
    failure.transient && options.retryHours > 0
      ? `its page failed for ${options.retryHours} h (${failure.reason})`
      : `its page could not be used (${failure.reason})`;
  deps.logger.warn('deciding from the RSS description', { key: item.key, url: item.url, why });
  const analysis = analyzer.analyze(item, undefined, { budgetMs: options.analysisBudgetMs });
  return decided(analysis, item, options.wire, why);
}

/**
 * When a story whose page failed is tried next: at once for the next two polls, then every 30 minutes,
 * until `retryHours` after the first try. Undefined when that window has closed.
 */
export function scheduleRetry(
  earlier: Pick<StoryRetry, 'attempts' | 'firstTriedAt'> | undefined,
  now: number,
  retryHours: number,
  reason: string,
): Omit<StoryRetry, 'item'> | undefined {
  const attempts = (earlier?.attempts ?? 0) + 1;
  const firstTriedAt = earlier?.firstTriedAt ?? new Date(now).toISOString();
  const windowEnds = Date.parse(firstTriedAt) + retryHours * HOUR_MS;
  const nextTryAt = attempts < IMMEDIATE_TRIES ? now : now + RETRY_INTERVAL_MS;
  return nextTryAt <= windowEnds ? { attempts, firstTriedAt, nextTryAt, lastError: reason } : undefined;
}

function decided(
  analysis: StoryAnalysis,
  item: FeedItem,
  policy: WirePolicy,
  fromDescription?: string,
): Decided {
  const wire = analysis.wire;
  return {
    kind: 'decided',
    analysis,
    wire,
    post: renderStory(item, analysis, {
      linkOnly: wire !== undefined && policy === 'link-only',
      ...(fromDescription ? { note: 'from the RSS description: the page was unavailable' } : {}),
    }),
    ...(fromDescription ? { fromDescription } : {}),
  };
}

/** The analysis gave up at its time budget (its error's name says so): decide from the description. */
function isBudgetError(error: unknown): boolean {
  return error instanceof Error && /Budget/.test(error.name);
}
