import { pollFeeds } from '../functions/core/poll-feeds.ts';
import type { PollSummary } from '../functions/core/poll-types.ts';
import { pollOptions } from '../functions/wiring/poll-options.ts';
import { countRequests, WRITE_OPERATIONS } from '../test/support/dynalite.ts';
import { countItems, type ItemCounts, resetItems } from './dynamo-counts.ts';
import { BenchFeeds, FEEDS, ITEMS_PER_FEED, NEW_PER_FEED } from './feeds.ts';
import { benchConfig, depsFor, type LocalServers, loaders, newTable, storeFor } from './local-env.ts';
import { naivePoll } from './naive-poll.ts';
import type { BenchArticle } from './pages.ts';
import { countsOf, median, round } from './stats.ts';

export interface RequestCounts {
  http: { feeds: number; conditional: number; notModified: number; articles: number; discordPosts: number };
  dynamo: Record<string, number>;
  dynamoWrites: number;
  items: ItemCounts;
}

/** Counts what one run sends: HTTP by kind (from the stand-ins' logs), DynamoDB by operation and by item. */
function counter(local: LocalServers) {
  const ops = countRequests(local.dynamo.client);
  const items = countItems(local.dynamo.client);
  return async () => {
    const feedMark = await local.feeds.mark();
    const postMark = await local.discord.messages();
    ops.clear();
    resetItems(items);
    return async (): Promise<RequestCounts> => {
      const dynamo = countsOf(ops);
      const dynamoWrites = WRITE_OPERATIONS.reduce((n, op) => n + (ops.get(op) ?? 0), 0);
      const itemCounts = { ...items };
      const feeds = await local.feeds.countsSince(feedMark);
      return {
        http: { ...feeds, discordPosts: (await local.discord.messages()) - postMark },
        dynamo,
        dynamoWrites,
        items: itemCounts,
      };
    };
  };
}

export interface IdlePoll {
  feeds: number;
  runs: number;
  wallMs: number;
  requests: RequestCounts;
  /** Loads of the analysis module and of the Discord poster during the idle polls: both should be 0. */
  analyzerLoads: number;
  posterLoads: number;
}

/**
 * 15 feeds after a seeding poll, unchanged: all answering 304, or (`restamp`) answering 200 with the same
 * items and a new lastBuildDate every time, as a CMS that re-stamps its feeds does.
 */
export async function idlePoll(
  local: LocalServers,
  articles: BenchArticle[],
  now: Date,
  runs: number,
  options: { restamp?: boolean } = {},
): Promise<IdlePoll> {
  const feeds = new BenchFeeds(local.feeds, articles, now, options.restamp ? 'restamped' : 'idle');
  await feeds.setOld();
  await local.feeds.setRestamp(feeds.ids, options.restamp ?? false);
  const config = benchConfig(local, feeds.ids);
  const store = storeFor(local, await newTable(local, 'idle'));
  const loaded = loaders(config);
  await pollFeeds(depsFor(store, config, loaded), pollOptions(config));
  loaded.analyzerLoads = 0;
  loaded.posterLoads = 0;
  const count = counter(local);
  const times: number[] = [];
  let requests: RequestCounts | undefined;
  for (let i = 0; i < runs; i++) {
    const done = await count();
    const start = performance.now();
    const summary = await pollFeeds(depsFor(store, config, loaded), pollOptions(config));
    times.push(performance.now() - start);
    const counts = await done();
    if (summary.notModified !== FEEDS)
      throw new Error(`idle poll: expected ${FEEDS} feeds not modified, got ${summary.notModified}`);
    requests ??= counts;
  }
  return {
    feeds: FEEDS,
    runs,
    wallMs: round(median(times)),
    requests: requests as RequestCounts,
    analyzerLoads: loaded.analyzerLoads,
    posterLoads: loaded.posterLoads,
  };
}

export interface BusyPoll {
  feeds: number;
  itemsPerFeed: number;
  newStories: number;
  articleDelayMs: number;
  rounds: number;
  wallMs: number;
  naiveWallMs: number;
  /** The median of each round's naive/Herald ratio, the two measured back to back. */
  speedupVsNaive: number;
  summary: Pick<PollSummary, 'newStories' | 'matched' | 'posted' | 'failed'>;
  requests: RequestCounts;
  naiveRequests: RequestCounts;
}

/**
 * 15 feeds × 20 items, 30 of them new, each article served in 50 ms: Herald's poll and the naive
 * pipeline, side by side in each round (each on its own freshly seeded table, alternating which goes first).
 */
export async function busyPoll(
  local: LocalServers,
  articles: BenchArticle[],
  now: Date,
  rounds: number,
): Promise<BusyPoll> {
  const feeds = new BenchFeeds(local.feeds, articles, now, 'busy');
  const config = benchConfig(local, feeds.ids);
  const loaded = loaders(config);
  const analyzer = await loaded.analyzer();
  const count = counter(local);
  const herald: number[] = [];
  const naive: number[] = [];
  const ratios: number[] = [];
  let last: { summary: PollSummary; requests: RequestCounts; naiveRequests: RequestCounts } | undefined;
  for (let r = 0; r < rounds + 1; r++) {
    await feeds.setOld();
    const heraldTable = await newTable(local, 'busy');
    const naiveTable = await newTable(local, 'naive');
    const heraldStore = storeFor(local, heraldTable);
    await pollFeeds(depsFor(heraldStore, config, loaded), pollOptions(config));
    await pollFeeds(depsFor(storeFor(local, naiveTable), config, loaded), pollOptions(config));
    await feeds.publishNew();

    const runHerald = async () => {
      const done = await count();
      const start = performance.now();
      const summary = await pollFeeds(depsFor(heraldStore, config, loaded), pollOptions(config));
      const ms = performance.now() - start;
      if (summary.newStories !== FEEDS * NEW_PER_FEED)
        throw new Error(`busy poll: ${summary.newStories} new stories`);
      return { ms, summary, requests: await done() };
    };
    const runNaive = async () => {
      const done = await count();
      const start = performance.now();
      const summary = await naivePoll(
        {
          client: local.dynamo.client,
          tableName: naiveTable,
          ...depsFor(storeFor(local, naiveTable), config, loaded),
          analyzer,
          poster: await loaded.poster(),
          now: () => new Date(),
        },
        config,
      );
      const ms = performance.now() - start;
      if (summary.newStories !== FEEDS * NEW_PER_FEED)
        throw new Error(`naive poll: ${summary.newStories} new stories`);
      return { ms, requests: await done() };
    };
    const heraldFirst = r % 2 === 0;
    const first = heraldFirst ? await runHerald() : await runNaive();
    const second = heraldFirst ? await runNaive() : await runHerald();
    const h = (heraldFirst ? first : second) as Awaited<ReturnType<typeof runHerald>>;
    const n = heraldFirst ? second : first;
    // Round 0 warms the JIT, the connection pools and the poster; it is not counted.
    if (r === 0) continue;
    herald.push(h.ms);
    naive.push(n.ms);
    ratios.push(n.ms / h.ms);
    last = { summary: h.summary, requests: h.requests, naiveRequests: n.requests };
  }
  if (!last) throw new Error('busy poll: no rounds');
  const { summary } = last;
  return {
    feeds: FEEDS,
    itemsPerFeed: ITEMS_PER_FEED,
    newStories: FEEDS * NEW_PER_FEED,
    articleDelayMs: 50,
    rounds,
    wallMs: round(median(herald)),
    naiveWallMs: round(median(naive)),
    speedupVsNaive: round(median(ratios)),
    summary: {
      newStories: summary.newStories,
      matched: summary.matched,
      posted: summary.posted,
      failed: summary.failed,
    },
    requests: last.requests,
    naiveRequests: last.naiveRequests,
  };
}
