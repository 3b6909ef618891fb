import { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createDynamoStateStore } from '../functions/adapters/dynamo-state-store.ts';
import { createLocalDynamoClient } from '../functions/adapters/local-dynamo-client.ts';
import { pollFeeds } from '../functions/core/poll-feeds.ts';
import { createDispatcher } from '../functions/fanout/dispatcher.ts';
import { createPoller } from '../functions/fanout/poller.ts';
import { buildRuntime } from '../functions/wiring/lambda-runtime.ts';
import { pollOptions } from '../functions/wiring/poll-options.ts';
import { countRequests } from '../test/support/dynalite.ts';
import { BenchFeeds } from './feeds.ts';
import { benchConfig, depsFor, type LocalServers, loaders, newTable, storeFor } from './local-env.ts';
import type { BenchArticle } from './pages.ts';
import { median, round } from './stats.ts';

export const FAN_OUT_FEEDS = 1000;
const ITEMS = 5;
/** Each run, 1% of the feeds have one new story; the rest answer 304, as most feeds do most runs. */
const CHANGED_FEEDS = 10;
const BATCH_SIZE = 10;
/** Each feed answers after this long, as a server across the internet does: what concurrency hides. */
export const FEED_LATENCY_MS = 50;

export interface FanOutRow {
  /** `fan-out`: dispatcher, queue, pollers; `single`: one pollFeeds over every feed. */
  mode: 'fan-out' | 'single';
  /** Poller invocations in flight (fan-out), or 1 (single). */
  pollers: number;
  /** At most this many feed fetches at once: pollers × min(batch size, feedConcurrency). */
  feedsInFlight: number;
  wallMs: number;
  /** Per feed, over a run: HTTP requests (feeds and articles), DynamoDB and SQS requests. */
  httpPerFeed: number;
  dynamoPerFeed: number;
  /** The dispatcher's SendMessageBatch calls. */
  sqsPerFeed: number;
  /** With the event source's ReceiveMessage and DeleteMessageBatch (about one each per batch), which SQS bills too. */
  sqsBilledPerFeedEstimate: number;
  posted: number;
}

export interface FanOutBench {
  feeds: number;
  feedLatencyMs: number;
  changedFeedsPerRun: number;
  batchSize: number;
  reps: number;
  rows: FanOutRow[];
}

/**
 * A simulated 1,000-feed run against the local servers, at several concurrencies, each feed answering
 * in 50 ms (1% of them with a new story, the rest 304). Fan-out rows run the
 * real dispatcher (SendMessageBatch to the SQS stand-in) and the real poller handler: the queue's
 * messages, in batches of 10, go to `pollers` poller instances side by side, each with its own runtime
 * and DynamoDB client, as Lambda's event source would hand them to that many containers. Single rows
 * are the one-function mode over the same feeds. Everything, servers included, shares this machine's
 * CPUs, which bounds what more concurrency can buy here.
 */
export async function fanOutBench(
  local: LocalServers,
  articles: BenchArticle[],
  now: Date,
  options: { pollers: number[]; single: number[]; reps: number },
): Promise<FanOutBench> {
  const feeds = new BenchFeeds(local.feeds, articles, now, 'fan', FAN_OUT_FEEDS, ITEMS);
  await feeds.setOld();
  await local.feeds.setFaults(feeds.ids, { kind: 'delay', ms: FEED_LATENCY_MS });
  const table = await newTable(local, 'fanout');
  const input = benchConfig(local, feeds.ids, { scale: { fanOut: true, batchSize: BATCH_SIZE } });
  const env = {
    HERALD_CONFIG: JSON.stringify(input),
    HERALD_TABLE: table,
    HERALD_FEED_QUEUE_URL: local.sqs.queueUrl,
  };
  const store = storeFor(local, table);
  await pollFeeds(depsFor(store, input), pollOptions(input, { feedConcurrency: 64 }));
  const sqs = new SQSClient({ endpoint: local.sqs.endpoint });
  const dispatch = createDispatcher({ env, sqs });
  let offset = 0;
  const nextChanges = async () => {
    await feeds.publishNew(1, CHANGED_FEEDS, offset);
    offset += CHANGED_FEEDS;
  };
  const rows: FanOutRow[] = [];

  const measure = async (run: () => Promise<{ dynamo: number }>) => {
    const times: number[] = [];
    let counts = { http: 0, dynamo: 0, sqs: 0, posted: 0 };
    for (let rep = 0; rep < options.reps; rep++) {
      await nextChanges();
      const http = await local.feeds.mark();
      const sqsRequests = await local.sqs.requests();
      const posted = await local.discord.messages();
      const start = performance.now();
      const { dynamo } = await run();
      times.push(performance.now() - start);
      const feedCounts = await local.feeds.countsSince(http);
      counts = {
        http: feedCounts.feeds + feedCounts.articles,
        dynamo,
        sqs: (await local.sqs.requests()) - sqsRequests,
        posted: (await local.discord.messages()) - posted,
      };
    }
    return { wallMs: round(median(times)), ...counts };
  };
  const perFeed = (n: number) => round(n / FAN_OUT_FEEDS, 3);

  for (const pollers of options.pollers) {
    const clients = Array.from({ length: pollers }, () => createLocalDynamoClient(local.dynamo.endpoint));
    const counters = clients.map((c) => countRequests(c));
    const handlers = clients.map((dynamo) => createPoller({ runtime: () => buildRuntime({ env, dynamo }) }));
    // Warm containers: each builds its runtime (config, clients) on an empty batch before the clock starts.
    await Promise.all(handlers.map((handler) => handler({ Records: [] })));
    const result = await measure(async () => {
      for (const c of counters) c.clear();
      await dispatch();
      const events = await local.sqs.receiveEvents(BATCH_SIZE);
      let next = 0;
      const failures: SQSBatchResponse['batchItemFailures'] = [];
      // Each poller takes the next batch when it is done with one, as a container does.
      await Promise.all(
        handlers.map(async (handler) => {
          for (let event = events[next++]; event; event = events[next++]) {
            failures.push(...(await handler(event as SQSEvent)).batchItemFailures);
          }
        }),
      );
      if (failures.length) throw new Error(`fan-out: ${failures.length} records failed`);
      return { dynamo: counters.reduce((n, c) => n + [...c.values()].reduce((a, b) => a + b, 0), 0) };
    });
    rows.push({
      mode: 'fan-out',
      pollers,
      feedsInFlight: pollers * Math.min(BATCH_SIZE, input.http.feedConcurrency),
      wallMs: result.wallMs,
      httpPerFeed: perFeed(result.http),
      dynamoPerFeed: perFeed(result.dynamo),
      sqsPerFeed: perFeed(result.sqs),
      sqsBilledPerFeedEstimate: round(perFeed(result.sqs) + 2 / BATCH_SIZE, 3),
      posted: result.posted,
    });
  }

  for (const feedConcurrency of options.single) {
    const client = createLocalDynamoClient(local.dynamo.endpoint);
    const ops = countRequests(client);
    const single = createDynamoStateStore({ client, tableName: table });
    const loaded = loaders(input);
    await loaded.analyzer();
    const result = await measure(async () => {
      ops.clear();
      await pollFeeds(depsFor(single, input, loaded), pollOptions(input, { feedConcurrency }));
      return { dynamo: [...ops.values()].reduce((a, b) => a + b, 0) };
    });
    rows.push({
      mode: 'single',
      pollers: 1,
      feedsInFlight: feedConcurrency,
      wallMs: result.wallMs,
      httpPerFeed: perFeed(result.http),
      dynamoPerFeed: perFeed(result.dynamo),
      sqsPerFeed: 0,
      sqsBilledPerFeedEstimate: 0,
      posted: result.posted,
    });
  }
  sqs.destroy();
  await local.feeds.setFaults(feeds.ids, undefined);
  return {
    feeds: FAN_OUT_FEEDS,
    feedLatencyMs: FEED_LATENCY_MS,
    changedFeedsPerRun: CHANGED_FEEDS,
    batchSize: BATCH_SIZE,
    reps: options.reps,
    rows,
  };
}
