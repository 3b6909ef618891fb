import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { FeedConfig } from '../core/config.ts';
import { errorDetail } from '../core/describe-error.ts';
import { pollFeeds } from '../core/poll-feeds.ts';
import type { PollSummary } from '../core/poll-types.ts';
import { builtOnce } from '../wiring/built-once.ts';
import {
  buildRuntime,
  type PollRuntime,
  pollDeadline,
  pollDeps,
  publishPollMetrics,
} from '../wiring/lambda-runtime.ts';
import { installLazySourceMaps } from '../wiring/lazy-source-maps.ts';
import { pollOptions } from '../wiring/poll-options.ts';
import { type FeedMessage, parseFeedMessage } from './feed-message.ts';

export interface PollerOptions {
  /**
   * Built on the first invocation; default: from `HERALD_CONFIG_FILE`, `HERALD_TABLE`, `HERALD_SECRET_ID`.
   */
  runtime?: () => Promise<PollRuntime>;
}

/** What a batch of feed messages asks for. */
export interface BatchPlan {
  /** The batch's feeds, once each, in config order. */
  feeds: FeedConfig[];
  retryPending: boolean;
  /** Records whose body is not a feed message, by message id. */
  refused: Map<string, Error>;
  /** Records for feeds the config no longer lists (a deploy removed them after the dispatch), by message id. */
  unknown: Map<string, FeedMessage>;
}

/** Reads a batch: which feeds to poll, whether to retry pending deliveries, and which records to refuse. */
export function planBatch(records: readonly SQSRecord[], feeds: readonly FeedConfig[]): BatchPlan {
  const wanted = new Set<string>();
  const plan: BatchPlan = { feeds: [], retryPending: false, refused: new Map(), unknown: new Map() };
  const known = new Set(feeds.map((f) => f.id));
  for (const record of records) {
    let message: FeedMessage;
    try {
      message = parseFeedMessage(record.body);
    } catch (error) {
      plan.refused.set(record.messageId, error as Error);
      continue;
    }
    if (message.retryPending) plan.retryPending = true;
    if (known.has(message.feedId)) wanted.add(message.feedId);
    else plan.unknown.set(record.messageId, message);
  }
  plan.feeds = feeds.filter((f) => wanted.has(f.id));
  return plan;
}

/**
 * The fan-out poller: an SQS event handler. A batch's feeds are polled together, by the same use case
 * as the single poll function (one state read for the batch, a story in two of its feeds decided once).
 *
 * A feed that fails (HTTP error, malformed feed) is a value in the poll's summary, as it is in a single
 * poll: its record succeeds, and the feed's failure streak and backoff live in the store. Only an
 * unexpected exception (the store unreachable) fails the batch's records, so that SQS delivers them
 * again. A record whose body is not a feed message fails alone and ends in the queue's DLQ; a record
 * for a feed the config no longer lists is dropped with a warning, since retrying cannot help.
 */
export function createPoller(
  options: PollerOptions = {},
): (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse> {
  const runtimeOfContainer = builtOnce(options.runtime ?? (() => buildRuntime()));
  return async (event, context) => {
    const runtime = await runtimeOfContainer();
    const { config, logger, metrics } = runtime;
    const plan = planBatch(event.Records, config.feeds);
    for (const [messageId, message] of plan.unknown)
      logger.warn('dropped a message for a feed the config does not list', {
        messageId,
        feedId: message.feedId,
      });
    for (const [messageId, error] of plan.refused)
      logger.error('refused a message that is not a feed message', { messageId, reason: error.message });

    const work = plan.feeds.length > 0 || plan.retryPending;
    const poll: Promise<PollSummary | undefined> = work
      ? pollFeeds(
          pollDeps(runtime),
          pollOptions(config, {
            feeds: plan.feeds,
            retryPending: plan.retryPending,
            deadline: pollDeadline(context, Date.now()),
          }),
        ).then(
          (summary) => {
            publishPollMetrics(metrics, summary);
            // Nothing was done: fail the batch, so that SQS delivers its messages again.
            if (summary.stateUnreadable) {
              logger.error('the poll could not read its state; its messages go back to the queue', {
                feeds: plan.feeds.length,
              });
              throw new Error('the poll could not read its state from the store');
            }
            return summary;
          },
          (error: unknown) => {
            logger.error('the poll failed; its messages go back to the queue', {
              feeds: plan.feeds.length,
              error: errorDetail(error),
            });
            throw error;
          },
        )
      : Promise.resolve(undefined);
    // Each record's handler awaits the one poll; this keeps a failure from counting as unhandled first.
    poll.catch(() => {});

    const processRecord = async (record: SQSRecord): Promise<void> => {
      const refusal = plan.refused.get(record.messageId);
      if (refusal) throw refusal;
      const unknown = plan.unknown.get(record.messageId);
      if (unknown && !unknown.retryPending) return;
      await poll;
    };
    // A processor per invocation: it holds the batch's state, and tests run invocations side by side.
    return processPartialResponse(event, processRecord, new BatchProcessor(EventType.SQS), {
      ...(context ? { context } : {}),
      // A batch whose every record failed (the store down) is reported like any other rather than
      // thrown: SQS delivers the records again either way, and the error log above says why.
      throwOnFullBatchFailure: false,
    });
  };
}

// Stack traces map to the sources when something prints one, not at every cold start.
installLazySourceMaps();

/** The Lambda entry for the fan-out poller (`scale.fanOut`), fed by the feed queue. */
export const handler = createPoller();
