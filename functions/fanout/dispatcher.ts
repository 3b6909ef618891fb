import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@aws-lambda-powertools/logger';
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, SQSClient } from '@aws-sdk/client-sqs';
import { mapLimit } from '../core/concurrency.ts';
import type { HeraldConfig } from '../core/config.ts';
import { builtOnce } from '../wiring/built-once.ts';
import type { RuntimeEnv } from '../wiring/config-files.ts';
import { loadDeployedConfig, requireEnv } from '../wiring/deployed-config.ts';
import { installLazySourceMaps } from '../wiring/lazy-source-maps.ts';
import { encodeFeedMessage, type FeedMessage, feedMessages } from './feed-message.ts';

/** SendMessageBatch takes at most ten entries. */
export const SQS_BATCH_LIMIT = 10;
/** Rounds of sending: the first, then retries of entries that SQS failed on its side. */
const MAX_ROUNDS = 3;
/** The pause before the second round, doubled before the third. */
const ROUND_PAUSE_MS = 100;
/** Requests in flight: 1,000 feeds are 100 requests, sent in about ten round trips. */
const SEND_CONCURRENCY = 10;

/** What one dispatch did. */
export interface DispatchSummary {
  feeds: number;
  queued: number;
  /** SendMessageBatch requests, retries included. */
  requests: number;
}

/** Some feeds could not be queued: their polls are skipped this run. The next run queues them again. */
export class DispatchError extends Error {
  override readonly name = 'DispatchError';
  constructor(
    readonly feedIds: readonly string[],
    reason: string,
    options?: { cause?: unknown },
  ) {
    const shown = feedIds.slice(0, 20).join(', ');
    const more = feedIds.length > 20 ? ` and ${feedIds.length - 20} more` : '';
    super(`could not queue ${feedIds.length} feed(s) (${shown}${more}): ${reason}`, options);
  }
}

export interface DispatcherOptions {
  /** Default `process.env`: `HERALD_CONFIG_FILE` (or `HERALD_CONFIG`) and `HERALD_FEED_QUEUE_URL`. */
  env?: RuntimeEnv;
  /** Default: a client from the environment (`AWS_REGION`, `AWS_ENDPOINT_URL_SQS`). */
  sqs?: SQSClient;
}

interface Dispatcher {
  config: HeraldConfig;
  queueUrl: string;
  sqs: SQSClient;
  logger: Logger;
}

/**
 * The fan-out dispatcher: on each scheduled run, one SQS message per feed, sent with SendMessageBatch
 * in tens. It reads neither the store nor the secret, so it needs only `sqs:SendMessage` and loads no
 * more than the config and the SQS client. The event's content is not read: whatever invokes it, it
 * queues every feed.
 */
export function createDispatcher(
  options: DispatcherOptions = {},
): (event?: unknown) => Promise<DispatchSummary> {
  const built = builtOnce(async (): Promise<Dispatcher> => {
    const env = options.env ?? process.env;
    return {
      // The dispatcher never posts: where the secrets live is no concern of it.
      config: await loadDeployedConfig(env, { secretsElsewhere: true }),
      queueUrl: requireEnv(env, 'HERALD_FEED_QUEUE_URL'),
      sqs: options.sqs ?? new SQSClient({}),
      logger: new Logger({ serviceName: 'herald' }),
    };
  });
  return async () => {
    const { config, queueUrl, sqs, logger } = await built();
    const messages = feedMessages(config.feeds.map((f) => f.id));
    const summary: DispatchSummary = { feeds: messages.length, queued: 0, requests: 0 };
    let pending: Entry[] = messages.map((message, index) => ({ id: String(index), message }));
    const refused: Entry[] = [];
    let reason = '';
    let cause: unknown;
    for (let round = 1; round <= MAX_ROUNDS && pending.length; round++) {
      if (round > 1) await sleep(ROUND_PAUSE_MS * 2 ** (round - 2));
      const batches = chunk(pending, SQS_BATCH_LIMIT);
      summary.requests += batches.length;
      const results = await Promise.all(
        mapLimit(batches, SEND_CONCURRENCY, (batch) => sendBatch(sqs, queueUrl, batch)),
      );
      pending = [];
      for (const result of results) {
        summary.queued += result.queued;
        pending.push(...result.retry);
        refused.push(...result.refused);
        if (result.reason) {
          reason = result.reason;
          cause = result.cause ?? cause;
        }
      }
    }
    const failed = [...refused, ...pending].map((e) => e.message.feedId);
    if (failed.length) {
      logger.error('some feeds were not queued', { ...summary, failed: failed.length, reason });
      throw new DispatchError(failed, reason, { cause });
    }
    logger.info('dispatched', { ...summary });
    return summary;
  };
}

interface Entry {
  id: string;
  message: FeedMessage;
}

interface BatchResult {
  queued: number;
  /** Entries that failed on SQS's side, or whose request failed: worth another round. */
  retry: Entry[];
  /** Entries that SQS refused as the sender's fault: another round would fail the same way. */
  refused: Entry[];
  /** The last failure, for the error. */
  reason?: string;
  cause?: unknown;
}

async function sendBatch(sqs: SQSClient, queueUrl: string, batch: Entry[]): Promise<BatchResult> {
  const entries: SendMessageBatchRequestEntry[] = batch.map((e) => ({
    Id: e.id,
    MessageBody: encodeFeedMessage(e.message),
  }));
  try {
    const output = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
    const byId = new Map(batch.map((e) => [e.id, e]));
    const result: BatchResult = { queued: output.Successful?.length ?? 0, retry: [], refused: [] };
    for (const failed of output.Failed ?? []) {
      const entry = byId.get(failed.Id ?? '');
      if (!entry) continue;
      (failed.SenderFault ? result.refused : result.retry).push(entry);
      result.reason = `${failed.Code ?? 'failed'}: ${failed.Message ?? ''}`.trim();
    }
    return result;
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { queued: 0, retry: batch, refused: [], reason, cause: error };
  }
}

function chunk<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < values.length; start += size) chunks.push(values.slice(start, start + size));
  return chunks;
}

// Stack traces map to the sources when something prints one, not at every cold start.
installLazySourceMaps();

/** The Lambda entry, invoked by the schedule when `scale.fanOut` is on. */
export const handler = createDispatcher();
