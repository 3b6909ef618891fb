import { createDynamoStateStore } from '../functions/adapters/dynamo-state-store.ts';
import { ensureTable } from '../functions/adapters/embedded-dynamo.ts';
import { createHttpArticleSource } from '../functions/adapters/http-article-source.ts';
import { createRssFeedSource } from '../functions/adapters/rss-feed-source.ts';
import { type ConfigInput, type HeraldConfig, parseConfig } from '../functions/core/config.ts';
import type { PollDeps } from '../functions/core/poll-feeds.ts';
import type { Logger, StateStore } from '../functions/core/ports.ts';
import { type SqsStandIn, startSqsStandIn } from '../functions/fanout/sqs-stand-in.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../functions/local/discord-stand-in.ts';
import { type FeedServer, startFeedServer } from '../functions/local/feed-server.ts';
import { analyzerLoader, httpLimits, posterLoader } from '../functions/poll/wiring.ts';
import { type LocalDynamo, startDynalite } from '../test/support/dynalite.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Keeps the bench on this machine. The SDK gets a region, dummy credentials and no metadata service, so
 * it never looks for an account; every endpoint the bench configures is on 127.0.0.1; and `fetch` (feeds,
 * articles) refuses any other host, so a mistake fails loudly instead of reaching the internet.
 */
export function stayOnLoopback(): void {
  for (const key of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_DEFAULT_PROFILE', 'AWS_ROLE_ARN'])
    delete process.env[key];
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // The handlers' Powertools logs and metrics would drown the table.
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!LOOPBACK.has(url.hostname)) throw new Error(`bench: refused a request beyond loopback: ${url.host}`);
    return realFetch(input, init);
  };
}

/** The local stand-ins every section uses: VOA (articles served with 50 ms latency), Discord, dynalite, SQS. */
export interface LocalServers {
  feeds: FeedServer;
  discord: DiscordStandIn;
  dynamo: LocalDynamo;
  sqs: SqsStandIn;
  close(): Promise<void>;
}

export const ARTICLE_DELAY_MS = 50;

export async function startLocal(): Promise<LocalServers> {
  const [feeds, discord, dynamo, sqs] = await Promise.all([
    startFeedServer({ articleDelayMs: ARTICLE_DELAY_MS }),
    startDiscordStandIn(),
    startDynalite(),
    startSqsStandIn(),
  ]);
  return {
    feeds,
    discord,
    dynamo,
    sqs,
    close: async () => {
      await Promise.all([feeds.close(), discord.close(), dynamo.stop(), sqs.close()]);
    },
  };
}

let tables = 0;

/** A fresh table on the local dynalite: each measured scenario starts from an empty store. */
export async function newTable(local: LocalServers, label: string): Promise<string> {
  const name = `bench-${label}-${++tables}`;
  await ensureTable(local.dynamo.client, name);
  return name;
}

export function storeFor(local: LocalServers, tableName: string): StateStore {
  return createDynamoStateStore({ client: local.dynamo.client, tableName });
}

/** A config for these feeds on the local VOA, one human-rights channel on the local Discord. */
export function benchConfig(local: LocalServers, feedIds: readonly string[], overrides: Partial<ConfigInput> = {}) {
  return parseConfig({
    feeds: feedIds.map((id) => ({ id, url: local.feeds.feedUrl(id) })),
    channels: [{ id: 'rights', webhookUrl: local.discord.webhookUrl('333333333333333333'), topics: ['human-rights'] }],
    discord: { apiBase: local.discord.apiBase },
    ...overrides,
  });
}

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** The poll's dependencies with the real adapters, as the handler builds them; loaders are shared per config. */
export function depsFor(store: StateStore, config: HeraldConfig, loaded = loaders(config)): PollDeps {
  const limits = httpLimits(config);
  return {
    store,
    feedSource: createRssFeedSource({ limits }),
    articleSource: createHttpArticleSource({ limits }),
    loadAnalyzer: () => {
      loaded.analyzerLoads++;
      return loaded.analyzer();
    },
    loadPoster: () => {
      loaded.posterLoads++;
      return loaded.poster();
    },
    clock: () => new Date(),
    logger: quiet,
  };
}

export interface Loaders {
  analyzer: ReturnType<typeof analyzerLoader>;
  poster: ReturnType<typeof posterLoader>;
  /** Calls to the loaders: an idle poll makes none. */
  analyzerLoads: number;
  posterLoads: number;
}

export function loaders(config: HeraldConfig): Loaders {
  return { analyzer: analyzerLoader(config), poster: posterLoader(config), analyzerLoads: 0, posterLoads: 0 };
}
