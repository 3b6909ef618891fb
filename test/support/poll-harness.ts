import { createDynamoStateStore } from '../../functions/adapters/dynamo-state-store.ts';
import { ensureTable } from '../../functions/adapters/embedded-dynamo.ts';
import { type ConfigInput, type HeraldConfig, parseConfig } from '../../functions/core/config.ts';
import { pollFeeds } from '../../functions/core/poll-feeds.ts';
import type { PollEvent, PollSummary } from '../../functions/core/poll-types.ts';
import type { StateStore } from '../../functions/core/ports.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../../functions/local/discord-stand-in.ts';
import { type FeedServer, startFeedServer } from '../../functions/local/feed-server.ts';
import { httpSources } from '../../functions/wiring/http-sources.ts';
import { analyzerLoader, posterLoader } from '../../functions/wiring/loaders.ts';
import { pollOptions } from '../../functions/wiring/poll-options.ts';
import { countRequests, type LocalDynamo, startDynalite, WRITE_OPERATIONS } from './dynalite.ts';
import { memoryLogger } from './memory-logger.ts';

export interface PollRun {
  summary: PollSummary;
  events: PollEvent[];
  requests: Map<string, number>;
  writes: number;
  posterLoaded: boolean;
  analyzerLoaded: boolean;
}

/** Real components on loopback: the VOA stand-in, the Discord stand-in, dynalite; and a clock the test moves. */
export interface Harness {
  feeds: FeedServer;
  discord: DiscordStandIn;
  dynamo: LocalDynamo;
  store: StateStore;
  logger: ReturnType<typeof memoryLogger>;
  now: Date;
  config(overrides?: Partial<ConfigInput>): HeraldConfig;
  poll(config: HeraldConfig, options?: { dryRun?: boolean }): Promise<PollRun>;
  close(): Promise<void>;
}

let tables = 0;

export async function startHarness(
  options: { now?: Date; articleDelayMs?: number; restamp?: boolean } = {},
): Promise<Harness> {
  const [feeds, discord, dynamo] = await Promise.all([
    startFeedServer({ articleDelayMs: options.articleDelayMs, restamp: options.restamp }),
    startDiscordStandIn(),
    startDynalite(),
  ]);
  const tableName = `poll-${process.pid}-${++tables}`;
  await ensureTable(dynamo.sdk, tableName);
  const harness: Harness = {
    feeds,
    discord,
    dynamo,
    now: options.now ?? new Date(),
    logger: memoryLogger(),
    store: undefined as unknown as StateStore,
    config(overrides = {}) {
      return parseConfig({
        feeds: [{ id: 'africa', url: feeds.feedUrl('africa') }],
        channels: [{ id: 'rights', webhookUrl: discord.webhookUrl(), topics: ['human-rights'] }],
        discord: { apiBase: discord.apiBase, timeoutMs: 2000 },
        http: { timeoutMs: 2000 },
        ...overrides,
      });
    },
    async poll(config, pollOpts = {}) {
      const requests = countRequests(dynamo.client);
      requests.clear();
      const events: PollEvent[] = [];
      let posterLoaded = false;
      let analyzerLoaded = false;
      const loadPoster = posterLoader(config);
      const loadAnalyzer = analyzerLoader(config);
      const summary = await pollFeeds(
        {
          store: harness.store,
          ...httpSources(config, harness.logger),
          loadAnalyzer: () => {
            analyzerLoaded = true;
            return loadAnalyzer();
          },
          loadPoster: () => {
            posterLoaded = true;
            return loadPoster();
          },
          clock: () => harness.now,
          logger: harness.logger,
          onEvent: (event) => events.push(event),
        },
        pollOptions(config, { dryRun: pollOpts.dryRun }),
      );
      const writes = WRITE_OPERATIONS.reduce((n, op) => n + (requests.get(op) ?? 0), 0);
      return { summary, events, requests: new Map(requests), writes, posterLoaded, analyzerLoaded };
    },
    async close() {
      await Promise.all([feeds.close(), discord.close(), dynamo.stop()]);
    },
  };
  harness.store = createDynamoStateStore({
    client: dynamo.client,
    tableName,
    now: () => harness.now.getTime(),
  });
  return harness;
}
