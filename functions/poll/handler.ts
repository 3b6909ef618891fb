import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { type FollowUpMessage, type FollowUpTarget, sendFollowUp } from '../adapters/discord-followup.ts';
import { createDynamoStateStore } from '../adapters/dynamo-state-store.ts';
import { createHttpArticleSource } from '../adapters/http-article-source.ts';
import { createRssFeedSource } from '../adapters/rss-feed-source.ts';
import { type HeraldConfig, parseConfig } from '../core/config.ts';
import { type PollSummary, pollFeeds } from '../core/poll-feeds.ts';
import type { Poster } from '../core/ports.ts';
import { pollFailedMessage, pollSummaryMessage } from '../interactions/responses.ts';
import { analyzerLoader, httpLimits, pollOptions, posterLoader } from './wiring.ts';

/** A payload the handler cannot act on: refused before anything runs. */
export class InvalidPayloadError extends Error {
  override readonly name = 'InvalidPayloadError';
}

/** A manual run: `aws lambda invoke --payload '{"dryRun":true,"feeds":["usa"]}'` or `herald invoke`. */
const manualPayload = z.strictObject({
  dryRun: z.boolean().optional(),
  feeds: z.array(z.string().min(1)).min(1).optional(),
  /**
   * Set by `/herald poll` (the interactions function): the summary goes back to that interaction as a
   * follow-up message. The token is a credential for 15 minutes: it is never logged.
   */
  followUp: z
    .strictObject({
      applicationId: z.string().regex(/^\d{15,25}$/, 'must be a Discord snowflake'),
      token: z.string().regex(/^[\w.~+=-]{1,1000}$/, 'must be an interaction token'),
    })
    .optional(),
});

/** What EventBridge (rules or Scheduler's templated target) sends on a schedule. */
const scheduledEvent = z.looseObject({
  source: z.enum(['aws.events', 'aws.scheduler']),
  'detail-type': z.literal('Scheduled Event'),
});

export type PollRequest = z.infer<typeof manualPayload>;

/** Reads an invocation payload: a scheduled event, a manual payload, or nothing. */
export function parsePayload(event: unknown, feedIds: readonly string[]): PollRequest {
  if (event === undefined || event === null) return {};
  if (scheduledEvent.safeParse(event).success) return {};
  const parsed = manualPayload.safeParse(event);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`);
    throw new InvalidPayloadError(
      'Refused the payload: expected a scheduled event or ' +
        `{ "dryRun"?: boolean, "feeds"?: string[], "followUp"?: { applicationId, token } }. ${problems.join('; ')}`,
    );
  }
  const unknown = parsed.data.feeds?.filter((id) => !feedIds.includes(id)) ?? [];
  if (unknown.length) {
    throw new InvalidPayloadError(
      `Refused the payload: unknown feed ids ${unknown.join(', ')}; known: ${feedIds.join(', ')}`,
    );
  }
  return parsed.data;
}

/** Everything built once per container: config parsing and clients happen at cold start, not per poll. */
interface Runtime {
  config: HeraldConfig;
  store: ReturnType<typeof createDynamoStateStore>;
  logger: Logger;
  metrics: Metrics;
  loadPoster: () => Promise<Poster>;
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the stack sets it; for a local run, set it yourself`);
  return value;
}

function buildRuntime(): Runtime {
  const secretId = process.env.HERALD_SECRET_ID;
  const config = parseConfig(JSON.parse(env('HERALD_CONFIG')), 'HERALD_CONFIG', {
    secretsElsewhere: Boolean(secretId),
  });
  const logger = new Logger({ serviceName: 'herald' });
  const metrics = new Metrics({ namespace: 'Herald', serviceName: 'herald' });
  const client = new DynamoDBClient({});
  return {
    config,
    logger,
    metrics,
    store: createDynamoStateStore({ client, tableName: env('HERALD_TABLE') }),
    // The secret is read on a poll's first post, not at cold start: most polls post nothing. Its
    // cache (5 minutes) means `herald secrets set` reaches a warm function within that time.
    loadPoster: async () => {
      if (!secretId) return posterLoader(config)();
      const { loadSecretConfig } = await import('../adapters/secrets.ts');
      const secret = await loadSecretConfig(secretId);
      return posterLoader(config, {
        webhooks: new Map(Object.entries(secret.channels)),
        botToken: secret.botToken,
      })();
    },
  };
}

let runtime: Runtime | undefined;

/** The Lambda entry: translate the event, run one poll, publish metrics, return the summary. */
export const handler = async (event: unknown): Promise<PollSummary> => {
  runtime ??= buildRuntime();
  const { config, logger, metrics, store } = runtime;
  const request = parsePayload(
    event,
    config.feeds.map((f) => f.id),
  );
  const feeds = request.feeds ? config.feeds.filter((f) => request.feeds?.includes(f.id)) : config.feeds;
  const limits = httpLimits(config);
  const followUp = request.followUp;
  const report = (message: FollowUpMessage) =>
    followUp ? sendPollFollowUp(config, logger, followUp, message) : Promise.resolve();
  let summary: PollSummary;
  try {
    summary = await pollFeeds(
      {
        store,
        feedSource: createRssFeedSource({ limits }),
        articleSource: createHttpArticleSource({ limits }),
        loadAnalyzer: analyzerLoader(config),
        loadPoster: runtime.loadPoster,
        clock: () => new Date(),
        logger: {
          info: (message, fields) => logger.info(message, fields ?? {}),
          warn: (message, fields) => logger.warn(message, fields ?? {}),
          error: (message, fields) => logger.error(message, fields ?? {}),
        },
      },
      pollOptions(config, { feeds, dryRun: request.dryRun ?? false }),
    );
  } catch (error) {
    await report(pollFailedMessage(error));
    throw error;
  }
  metrics.addMetric('Posted', MetricUnit.Count, summary.posted);
  metrics.addMetric('FailedDeliveries', MetricUnit.Count, summary.failed - summary.feedErrors);
  metrics.addMetric('FeedErrors', MetricUnit.Count, summary.feedErrors);
  metrics.addMetric('PendingDeliveries', MetricUnit.Count, summary.pending);
  metrics.addMetric('PollDuration', MetricUnit.Milliseconds, summary.durationMs);
  metrics.publishStoredMetrics();
  await report(pollSummaryMessage(summary));
  return summary;
};

/** Posts the poll's outcome to the interaction that asked for it. A failure is logged, not thrown. */
async function sendPollFollowUp(
  config: HeraldConfig,
  logger: Logger,
  target: FollowUpTarget,
  message: FollowUpMessage,
): Promise<void> {
  const outcome = await sendFollowUp(target, message, {
    apiBase: config.discord.apiBase,
    timeoutMs: config.discord.timeoutMs,
  });
  if (outcome.kind === 'sent') {
    logger.info('sent the poll summary to the interaction', { applicationId: target.applicationId });
  } else {
    logger.warn('could not send the poll summary to the interaction', {
      applicationId: target.applicationId,
      reason: outcome.reason,
    });
  }
}
