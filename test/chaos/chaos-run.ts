import { gzipSync } from 'node:zlib';
import { createDynamoStateStore } from '../../functions/adapters/dynamo-state-store.ts';
import { ensureTable } from '../../functions/adapters/embedded-dynamo.ts';
import { createLocalDynamoClient } from '../../functions/adapters/local-dynamo-client.ts';
import type { Analyzer } from '../../functions/core/analyzer.ts';
import { parseConfig } from '../../functions/core/config.ts';
import { pollFeeds } from '../../functions/core/poll-feeds.ts';
import type { Poster, StateStore } from '../../functions/core/ports.ts';
import { type ScriptedResponse, startDiscordStandIn } from '../../functions/local/discord-stand-in.ts';
import { type Fault, startFeedServer } from '../../functions/local/feed-server.ts';
import { sampleStories } from '../../functions/local/sample-stories.ts';
import type { SampleStory } from '../../functions/local/voa-pages.ts';
import { httpSources } from '../../functions/wiring/http-sources.ts';
import { analyzerLoader, posterLoader } from '../../functions/wiring/loaders.ts';
import { pollOptions } from '../../functions/wiring/poll-options.ts';
import { startDynalite } from '../support/dynalite.ts';
import { startDynamoFaultProxy } from '../support/dynamo-fault-proxy.ts';
import { memoryLogger } from '../support/memory-logger.ts';

export interface ChaosOptions {
  seed: number;
  polls: number;
  /** Share of polls that crash at a random point. */
  abortRate: number;
  /** Share of polls that run while another poll runs. */
  overlapRate: number;
  /** Probability that a feed request gets a fault. */
  feedFaultRate: number;
  /** Probability that a poll scripts Discord faults. */
  discordFaultRate: number;
  /** Allow "Discord posted it but the answer was lost" faults: the same as a crash between post and mark. */
  lostResponses: boolean;
  /** Share of polls during which DynamoDB fails requests at random. */
  storeFaultPolls?: number;
  /** In those polls, the share of DynamoDB requests that fail. */
  storeFaultRate?: number;
  /** Probability that one analysis throws. */
  analyzerFaultRate?: number;
}

export interface ChaosFigures {
  /** Polls that were not killed and still returned no summary: should be 0. */
  summariesMissing: number;
  seed: number;
  polls: number;
  overlappingPolls: number;
  aborts: number;
  abortsBetweenPostAndMark: number;
  faults: Record<string, number>;
  storiesPublished: number;
  matchingStories: number;
  expectedDeliveries: number;
  postedOnce: number;
  duplicates: number;
  duplicatesWebhook: number;
  duplicatesBot: number;
  lost: number;
  falsePosts: number;
  unescapedMentions: number;
  invalidBodies: number;
  leakedSecrets: number;
  recoveryPolls: number;
  /** After recovery: deliveries still pending or failed, and channels still broken. */
  leftPending: number;
  leftFailed: number;
  brokenChannels: number;
}

/** mulberry32: a small seeded PRNG, so a run is reproducible from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Crash extends Error {
  override readonly name = 'Crash';
}

/** A process that dies: from the chosen call on, every call through these ports fails. */
class CrashPlan {
  calls = 0;
  crashed = false;
  betweenPostAndMark = false;
  constructor(
    private readonly crashAtCall: number | undefined,
    private readonly crashAtMark: boolean,
  ) {}

  wrap<T extends object>(target: T): T {
    return new Proxy(target, {
      get: (obj, prop, receiver) => {
        const value = Reflect.get(obj, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (this.crashed) throw new Crash('the process is gone');
          this.calls++;
          if ((this.crashAtMark && prop === 'markPosted') || this.calls === this.crashAtCall) {
            this.crashed = true;
            if (prop === 'markPosted') this.betweenPostAndMark = true;
            throw new Crash(`crashed at ${String(prop)}`);
          }
          return value.apply(obj, args);
        };
      },
    });
  }
}

const FEEDS = ['africa', 'middle-east', 'asia', 'americas'];

/**
 * Many polls against local servers that inject faults at random, some of them crashing mid-way, some
 * overlapping; then recovery polls with no faults; then the figures: what was posted once, twice, or never.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosFigures> {
  const random = prng(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number) => random() < p;

  const [feeds, discord, dynamo] = await Promise.all([
    startFeedServer(),
    startDiscordStandIn(),
    startDynalite(),
  ]);
  const tableName = `chaos-${options.seed}`;
  await ensureTable(dynamo.sdk, tableName);
  let now = new Date('2026-11-01T00:00:00Z');
  // The store is reached through a front that can fail requests at random; the client retries as in AWS.
  // Its own stream: how many requests a poll sends depends on timing, and must not shift the stories.
  const proxy = await startDynamoFaultProxy(dynamo.endpoint, prng(options.seed + 1));
  const proxied = createLocalDynamoClient(proxy.endpoint, { attemptTimeoutMs: 2000 });
  const store: StateStore = createDynamoStateStore({
    client: proxied,
    tableName,
    now: () => now.getTime(),
  });
  const logger = memoryLogger();
  const webhookUrl = discord.webhookUrl('333333333333333333');
  const config = parseConfig({
    feeds: FEEDS.map((id) => ({ id, url: feeds.feedUrl(id) })),
    channels: [
      { id: 'hooks', webhookUrl, topics: ['human-rights'] },
      { id: 'bots', channelId: '444444444444444444', topics: ['human-rights'] },
    ],
    discord: { apiBase: discord.apiBase, botToken: discord.botToken, timeoutMs: 400 },
    http: { timeoutMs: 400, maxBytes: 256 * 1024 },
    delivery: { leaseSeconds: 120, maxAttempts: 50 },
    maxAgeHours: 72,
  });
  const realAnalyzer = analyzerLoader(config);
  // An analyzer that sometimes throws, as a bug in it would on some page.
  const loadAnalyzer = async (): Promise<Analyzer> => {
    const analyzer = await realAnalyzer();
    return {
      analyze(item, page, budget) {
        if (chance(options.analyzerFaultRate ?? 0)) {
          count('analyzer-throws');
          throw new Error(`injected analyzer fault on ${item.key}`);
        }
        return analyzer.analyze(item, page, budget);
      },
    };
  };
  const loadPoster = posterLoader(config);
  const faults: Record<string, number> = {};
  const count = (kind: string) => {
    faults[kind] = (faults[kind] ?? 0) + 1;
  };

  // Stories: the sample stories as templates, each published under a fresh id.
  const templates = sampleStories(now);
  const rights = [templates.after[0], templates.after[2]] as SampleStory[];
  const others = [templates.after[1], ...templates.before] as SampleStory[];
  const published: Array<{ story: SampleStory; matching: boolean; url: string }> = [];
  let nextId = 8_000_000;
  const publish = (feedIds: string[], matching: boolean) => {
    const template = pick(matching ? rights : others);
    const id = nextId++;
    const inject = chance(0.2) ? ' @everyone <@&123456789012345678> **now**' : '';
    const story: SampleStory = {
      ...template,
      id,
      slug: `${template.slug}-${id}`,
      title: `${template.title} (${id})${inject}`,
      published: new Date(now.getTime() - 5 * 60_000),
      author: chance(0.1) ? 'webdesk@voanews.com (Associated Press)' : template.author,
    };
    for (const feedId of feedIds) feeds.publish(feedId, story);
    published.push({ story, matching, url: feeds.articleUrl(story) });
  };
  for (const feedId of FEEDS) feeds.setStories(feedId, []);

  const feedFaults: Array<[string, () => Fault]> = [
    ['feed-500', () => ({ kind: 'status', status: 500 })],
    ['feed-malformed-xml', () => ({ kind: 'body', body: '<rss><channel><item><title>cut off' })],
    [
      'feed-html-challenge',
      () => ({
        kind: 'body',
        contentType: 'text/html',
        body: '<!DOCTYPE html><html><title>Just a moment...</title></html>',
      }),
    ],
    ['feed-empty-body', () => ({ kind: 'body', body: '' })],
    ['feed-huge-body', () => ({ kind: 'body', body: Buffer.alloc(2 * 1024 * 1024, 0x20) })],
    [
      'feed-gzip-bomb',
      () => ({
        kind: 'body',
        body: gzipSync(Buffer.alloc(16 * 1024 * 1024)),
        headers: { 'content-encoding': 'gzip' },
      }),
    ],
    ['feed-trickle', () => ({ kind: 'trickle', intervalMs: 50 })],
    [
      'feed-billion-laughs',
      () => ({
        kind: 'body',
        body: '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><rss><channel><title>&b;</title></channel></rss>',
      }),
    ],
    ['feed-redirect-loop', () => ({ kind: 'redirect', location: '/api/loop' })],
    ['feed-redirect-other-host', () => ({ kind: 'redirect', location: 'http://example.invalid/feed' })],
    ['feed-connection-reset', () => ({ kind: 'reset' })],
  ];
  const articleFaults: Array<[string, () => Fault]> = [
    ['article-404', () => ({ kind: 'status', status: 404 })],
    ['article-500', () => ({ kind: 'status', status: 500 })],
    ['article-slow', () => ({ kind: 'delay', ms: 600 })],
  ];
  const discordFaults: Array<[string, () => ScriptedResponse]> = [
    [
      'discord-429',
      () => ({
        status: 429,
        headers: { 'retry-after': '30' },
        body: { message: 'You are being rate limited.', retry_after: 30, global: false },
      }),
    ],
    [
      'discord-429-global',
      () => ({
        status: 429,
        headers: { 'retry-after': '30', 'x-ratelimit-global': 'true' },
        body: { message: 'You are being rate limited.', retry_after: 30, global: true },
      }),
    ],
    ['discord-500', () => ({ status: 500 })],
    ['discord-502', () => ({ status: 502 })],
    ['discord-timeout', () => ({ status: 503, delayMs: 700 })],
    ['discord-404-webhook-gone', () => ({ status: 404, body: { message: 'Unknown Webhook', code: 10015 } })],
    ['discord-403-missing-access', () => ({ status: 403, body: { message: 'Missing Access', code: 50001 } })],
  ];
  if (options.lostResponses)
    discordFaults.push(['discord-response-lost', () => ({ status: 200, delayMs: 700 })]);

  const runPoll = async (crash: CrashPlan | undefined) => {
    const poster = async (): Promise<Poster> => {
      const real = await loadPoster();
      return crash ? crash.wrap(real) : real;
    };
    try {
      return await pollFeeds(
        {
          store: crash ? crash.wrap(store) : store,
          ...httpSources(config, logger),
          loadAnalyzer,
          loadPoster: poster,
          clock: () => now,
          logger,
        },
        pollOptions(config),
      );
    } catch (error) {
      if (error instanceof Crash || crash?.crashed) return undefined;
      throw error;
    }
  };

  let aborts = 0;
  let abortsBetweenPostAndMark = 0;
  let overlappingPolls = 0;
  let polls = 0;
  let summariesMissing = 0;

  // The first poll seeds the (empty) feeds. A feed whose first fetch failed (a slow machine, a 400 ms
  // timeout) would seed later and record as seen what was published before: the run starts only once
  // every feed is seeded, as a deployment does before its feeds carry news.
  for (let attempt = 0; attempt < 5; attempt++) {
    await runPoll(undefined);
    polls++;
    const seeded = await store.loadPollState(FEEDS, []);
    if (FEEDS.every((id) => seeded.feeds.get(id)?.seededAt)) break;
  }

  for (let i = 0; i < options.polls; i++) {
    now = new Date(now.getTime() + 10 * 60_000);
    // New stories: some in one feed, some in two; most about rights, some not.
    const fresh = Math.floor(random() * 3);
    for (let s = 0; s < fresh; s++) {
      const first = pick(FEEDS);
      const second = chance(0.3) ? pick(FEEDS.filter((f) => f !== first)) : undefined;
      publish(second ? [first, second] : [first], chance(0.7));
    }
    for (const feedId of FEEDS) {
      if (!chance(options.feedFaultRate)) continue;
      const [kind, make] = pick(feedFaults);
      count(kind);
      feeds.inject(feedId, make());
    }
    for (const entry of published.slice(-6)) {
      if (!chance(0.1)) continue;
      const [kind, make] = pick(articleFaults);
      count(kind);
      feeds.inject(new URL(entry.url).pathname, make());
    }
    // Faults belong to one poll: those its requests did not meet are dropped.
    discord.clearFaults();
    if (chance(options.discordFaultRate)) {
      const scripted = Array.from({ length: 1 + Math.floor(random() * 2) }, () => {
        const [kind, make] = pick(discordFaults);
        count(kind);
        return make();
      });
      discord.failNext(...scripted);
    }
    const storeFaults = chance(options.storeFaultPolls ?? 0);
    proxy.setFaultRate(storeFaults ? (options.storeFaultRate ?? 0.25) : 0);
    if (storeFaults) count('store-faulty-poll');
    // A crashing poll dies at its first mark after a post, or earlier at a random call of its ports.
    const crash = chance(options.abortRate)
      ? new CrashPlan(chance(0.5) ? undefined : 1 + Math.floor(random() * 8), true)
      : undefined;
    const runs = [runPoll(crash)];
    if (chance(options.overlapRate)) {
      overlappingPolls++;
      runs.push(runPoll(undefined));
    }
    const summaries = await Promise.all(runs);
    polls += runs.length;
    // Every poll that was not killed ends with its summary, whatever failed under it.
    summariesMissing += summaries.filter(
      (summary, n) => summary === undefined && !(n === 0 && crash?.crashed),
    ).length;
    if (crash?.crashed) {
      aborts++;
      if (crash.betweenPostAndMark) abortsBetweenPostAndMark++;
    }
  }

  // Recovery: no more faults; time passes beyond every lease, backoff, broken-channel probe and page retry.
  proxy.setFaultRate(0);
  discord.clearFaults();
  for (const feedId of FEEDS) feeds.setFault(feedId, undefined);
  let recoveryPolls = 0;
  for (let i = 0; i < 12; i++) {
    now = new Date(now.getTime() + (i === 0 ? 7 * 3_600_000 : 35 * 60_000));
    await runPoll(undefined);
    recoveryPolls++;
    const state = await store.loadPollState([], []);
    if (state.outbox.length === 0 && state.retries.size === 0 && i >= 2) break;
  }
  polls += recoveryPolls;

  // Figures: each matching story should be in each channel exactly once.
  const perDelivery = new Map<string, number>();
  let unescapedMentions = 0;
  for (const message of discord.messages) {
    const body = message.body as {
      embeds?: Array<{ url?: string; title?: string }>;
      allowed_mentions?: { parse?: unknown[] };
    };
    const embed = body.embeds?.[0];
    if (!embed?.url) continue;
    const key = `${message.route}|${embed.url}`;
    perDelivery.set(key, (perDelivery.get(key) ?? 0) + 1);
    if (/@everyone|<@&\d/.test(embed.title ?? '') || body.allowed_mentions?.parse?.length !== 0)
      unescapedMentions++;
  }
  const routes = ['webhook', 'channel'] as const;
  let postedOnce = 0;
  const lostUrls: string[] = [];
  let duplicatesWebhook = 0;
  let duplicatesBot = 0;
  let lost = 0;
  let falsePosts = 0;
  for (const entry of published) {
    for (const route of routes) {
      const n = perDelivery.get(`${route}|${entry.url}`) ?? 0;
      if (!entry.matching) {
        falsePosts += n;
        continue;
      }
      if (n === 0) {
        lost++;
        lostUrls.push(entry.url);
      } else postedOnce++;
      if (n > 1) {
        if (route === 'webhook') duplicatesWebhook += n - 1;
        else duplicatesBot += n - 1;
      }
    }
  }
  const leftPending = (await store.listDeliveries('pending')).length;
  const leftFailed = await store.listDeliveries('failed');
  const brokenChannels = (await store.listChannelStates())
    .filter((c) => c.health === 'broken')
    .map((c) => c.channelId);
  if (process.env.CHAOS_DEBUG) {
    console.log({ leftFailed, brokenChannels, states: await store.listChannelStates() });
    const { storyKey } = await import('../../functions/core/story.ts');
    const lostStories = await store.getStories(lostUrls.map((u) => storyKey(u, u) ?? u));
    for (const url of lostUrls) {
      const key = storyKey(url, url) ?? url;
      console.log('LOST', url, JSON.stringify(lostStories.get(key) ?? 'no record'));
      console.log(
        logger.lines
          .filter(
            (l) =>
              JSON.stringify(l.fields ?? {}).includes(url) || JSON.stringify(l.fields ?? {}).includes(key),
          )
          .map((l) => `${l.level} ${l.message} ${JSON.stringify(l.fields)}`)
          .join('\n'),
      );
    }
  }
  const secrets = [webhookUrl.split('/').at(-1) as string, discord.botToken];
  const logText = JSON.stringify(logger.lines);
  const leakedSecrets = secrets.filter((secret) => logText.includes(secret)).length;
  const matching = published.filter((p) => p.matching).length;

  for (const [kind, n] of Object.entries(proxy.faults)) faults[kind] = n;
  await Promise.all([feeds.close(), discord.close(), proxy.close(), dynamo.stop()]);
  return {
    summariesMissing,
    seed: options.seed,
    polls,
    overlappingPolls,
    aborts,
    abortsBetweenPostAndMark,
    faults,
    storiesPublished: published.length,
    matchingStories: matching,
    expectedDeliveries: matching * routes.length,
    postedOnce,
    duplicates: duplicatesWebhook + duplicatesBot,
    duplicatesWebhook,
    duplicatesBot,
    lost,
    falsePosts,
    unescapedMentions,
    invalidBodies: discord.invalid.length,
    leakedSecrets,
    recoveryPolls,
    leftPending,
    leftFailed: leftFailed.length,
    brokenChannels: brokenChannels.length,
  };
}
