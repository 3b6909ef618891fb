import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoStateStore } from '../adapters/dynamo-state-store.ts';
import type { Analyzer } from '../core/analyzer.ts';
import type { HeraldConfig } from '../core/config.ts';
import type { PollDeps, PollSummary } from '../core/poll-types.ts';
import type { Logger as HeraldLogger, Poster, StateStore } from '../core/ports.ts';
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
 * @param options.dynamo a DynamoDB client; by default one from the environment's region and endpoint
 */
export function buildRuntime(options: { env?: RuntimeEnv; dynamo?: DynamoDBClient } = {}): PollRuntime {
  const env = options.env ?? process.env;
  const secretId = env.HERALD_SECRET_ID;
  const config = loadDeployedConfig(env);
  const logger = new Logger({ serviceName: 'herald' });
  const metrics = new Metrics({ namespace: 'Herald', serviceName: 'herald' });
  const client = options.dynamo ?? new DynamoDBClient({});
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
  const narrow: HeraldLogger = {
    info: (message, fields) => logger.info(message, fields ?? {}),
    warn: (message, fields) => logger.warn(message, fields ?? {}),
    error: (message, fields) => logger.error(message, fields ?? {}),
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

/** The poll's metrics, which the stack's alarms watch. */
export function publishPollMetrics(metrics: Metrics, summary: PollSummary): void {
  metrics.addMetric('Posted', MetricUnit.Count, summary.posted);
  metrics.addMetric('FailedDeliveries', MetricUnit.Count, summary.failed - summary.feedErrors);
  metrics.addMetric('FeedErrors', MetricUnit.Count, summary.feedErrors);
  metrics.addMetric('PendingDeliveries', MetricUnit.Count, summary.pending);
  metrics.addMetric('PollDuration', MetricUnit.Milliseconds, summary.durationMs);
  metrics.publishStoredMetrics();
}
