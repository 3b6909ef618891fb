import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { createDynamoClient, type DynamoClient, dynamoConfigFromEnv } from '../adapters/dynamo-client.ts';
import { createDynamoStateStore } from '../adapters/dynamo-state-store.ts';
import type { Analyzer } from '../core/analyzer.ts';
import type { HeraldConfig } from '../core/config.ts';
import type { PollDeps, PollSummary } from '../core/poll-types.ts';
import type { Logger as HeraldLogger, Poster, StateStore } from '../core/ports.ts';
import type { DigestSummary } from '../core/post-digests.ts';
import { redactFields } from '../core/redact.ts';
import type { RuntimeEnv } from './config-files.ts';
import { loadDeployedConfig, requireEnv } from './deployed-config.ts';
import { httpSources } from './http-sources.ts';
import { analyzerLoader, posterLoader } from './loaders.ts';

/**
 * Everything a poll function builds once per container: config parsing and clients happen at cold
 * start, not per poll. The poll handler and the fan-out poller share it.
 */
export interface PollRuntime {
  config: HeraldConfig;
  store: StateStore;
  logger: Logger;
  metrics: Metrics;
  /** The analysis module loads on the first story that needs it. */
  loadAnalyzer: () => Promise<Analyzer>;
  /** discord.js and the secret load on the first post. */
  loadPoster: () => Promise<Poster>;
}

/**
 * Builds the runtime from the config (`HERALD_CONFIG`, or the `HERALD_CONFIG_FILE` shipped in the bundle),
 * `HERALD_TABLE` and `HERALD_SECRET_ID`.
 *
 * @param options.env the environment (default `process.env`)
 * @param options.dynamo a DynamoDB client; by default one from the environment's region, endpoint and
 *   credentials, as Lambda sets them
 */
export async function buildRuntime(
  options: { env?: RuntimeEnv; dynamo?: DynamoClient } = {},
): Promise<PollRuntime> {
  const env = options.env ?? process.env;
  const secretId = env.HERALD_SECRET_ID;
  const config = await loadDeployedConfig(env);
  const logger = new Logger({ serviceName: 'herald' });
  const metrics = new Metrics({ namespace: 'Herald', serviceName: 'herald' });
  const client = options.dynamo ?? createDynamoClient(dynamoConfigFromEnv(env));
  return {
    config,
    logger,
    metrics,
    store: createDynamoStateStore({ client, tableName: requireEnv(env, 'HERALD_TABLE') }),
    loadAnalyzer: analyzerLoader(config),
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

/** The poll use case's dependencies over a runtime: HTTP sources within the config's limits, the system clock. */
export function pollDeps(runtime: PollRuntime): PollDeps {
  const { config, logger } = runtime;
  // Secrets never reach a log line, whatever a field carries (a feed-named URL with a password in it).
  const narrow: HeraldLogger = {
    info: (message, fields) => logger.info(message, redactFields(fields)),
    warn: (message, fields) => logger.warn(message, redactFields(fields)),
    error: (message, fields) => logger.error(message, redactFields(fields)),
  };
  return {
    store: runtime.store,
    ...httpSources(config, narrow),
    loadAnalyzer: runtime.loadAnalyzer,
    loadPoster: runtime.loadPoster,
    clock: () => new Date(),
    logger: narrow,
  };
}

/** Time the poll keeps to save its feed states and return its summary after it stops starting work. */
const DEADLINE_MARGIN_MS = 15_000;

/** The poll's deadline inside a Lambda invocation: its remaining time, less a margin. */
export function pollDeadline(context: { getRemainingTimeInMillis?: () => number } | undefined, now: number) {
  const remaining = context?.getRemainingTimeInMillis?.();
  return remaining === undefined ? undefined : now + Math.max(0, remaining - DEADLINE_MARGIN_MS);
}

/** The poll's metrics, which the stack's alarms watch. */
export function publishPollMetrics(metrics: Metrics, summary: PollSummary): void {
  metrics.addMetric('Posted', MetricUnit.Count, summary.posted);
  // Only deliveries that failed for good: a 429 or a 5xx that a later poll retries is not a failure yet.
  metrics.addMetric('FailedDeliveries', MetricUnit.Count, summary.deliveriesFailed);
  metrics.addMetric('StoriesWaitingForPage', MetricUnit.Count, summary.retrying);
  metrics.addMetric('FeedErrors', MetricUnit.Count, summary.feedErrors);
  metrics.addMetric('PendingDeliveries', MetricUnit.Count, summary.pending);
  metrics.addMetric('PollDuration', MetricUnit.Milliseconds, summary.durationMs);
  metrics.publishStoredMetrics();
}

/** A digest run's metrics: failed digests count as failed deliveries, which the stack's alarm watches. */
export function publishDigestMetrics(metrics: Metrics, summary: DigestSummary): void {
  metrics.addMetric('DigestsPosted', MetricUnit.Count, summary.posted);
  metrics.addMetric('FailedDeliveries', MetricUnit.Count, summary.failed);
  metrics.publishStoredMetrics();
}
