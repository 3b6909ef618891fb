import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ensureTable } from '../../functions/adapters/embedded-dynamo.ts';
import { createLocalDynamoClient } from '../../functions/adapters/local-dynamo-client.ts';
import type { ConfigInput } from '../../functions/core/config.ts';
import {
  createDispatcher,
  DispatchError,
  handler as dispatcherHandler,
} from '../../functions/fanout/dispatcher.ts';
import { createPoller, handler as pollerHandler } from '../../functions/fanout/poller.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../../functions/local/discord-stand-in.ts';
import { type FeedServer, startFeedServer } from '../../functions/local/feed-server.ts';
import { sampleStories } from '../../functions/local/sample-stories.ts';
import { type SqsStandIn, startSqsStandIn, toRecord } from '../../functions/local/sqs-stand-in.ts';
import type { SampleStory } from '../../functions/local/voa-pages.ts';
import { buildRuntime } from '../../functions/wiring/lambda-runtime.ts';
import { type LocalDynamo, startDynalite } from '../support/dynalite.ts';
import { unusedPort } from '../support/ports.ts';

/** What EventBridge Scheduler sends the dispatcher (the stack's templated target input). */
const scheduledEvent = {
  version: '0',
  id: 'c8b0f4a2-5d2e-4f0e-9a51-1f1b2c3d4e5f',
  'detail-type': 'Scheduled Event',
  source: 'aws.scheduler',
  account: '123456789012',
  time: '2026-11-20T12:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:scheduler:us-east-1:123456789012:schedule/default/HeraldSchedule'],
  detail: {},
};

const FEEDS = ['africa', 'world', 'asia'];
let tables = 0;

describe('fan-out: the dispatcher and the poller over the same core', () => {
  let feeds: FeedServer;
  let discord: DiscordStandIn;
  let dynamo: LocalDynamo;
  let sqs: SqsStandIn;
  let stories: { before: SampleStory[]; after: SampleStory[] };
  /** A dispatcher of this test's own: each test has its own queue and config. */
  let dispatch: (event?: unknown) => Promise<unknown>;
  const journalists = () => stories.after[0] as SampleStory;
  const disappeared = () => stories.after[2] as SampleStory;

  const configInput = (overrides: Partial<ConfigInput> = {}): ConfigInput => ({
    feeds: FEEDS.map((id) => ({ id, url: feeds.feedUrl(id) })),
    channels: [
      { id: 'rights', webhookUrl: discord.webhookUrl('111111111111111111'), topics: ['human-rights'] },
    ],
    discord: { apiBase: discord.apiBase, timeoutMs: 2000 },
    http: { timeoutMs: 2000 },
    scale: { fanOut: true },
    ...overrides,
  });
  const useConfig = (input: ConfigInput) => vi.stubEnv('HERALD_CONFIG', JSON.stringify(input));

  /** One scheduled run: dispatch, then the queue's messages to pollers in batches of `batchSize`. */
  async function run(
    poll: (event: SQSEvent) => Promise<SQSBatchResponse>,
    dispatcher = dispatch,
  ): Promise<SQSBatchResponse[]> {
    await dispatcher(scheduledEvent);
    const responses: SQSBatchResponse[] = [];
    for (const event of sqs.receiveEvents(10)) responses.push(await poll(event));
    return responses;
  }

  const eventOf = (...bodies: string[]): SQSEvent => ({
    Records: bodies.map((body) =>
      toRecord({ messageId: randomUUID(), queueName: 'herald-feeds', body, md5OfBody: '', sentTimestamp: 0 }),
    ),
  });

  beforeEach(async () => {
    [feeds, discord, dynamo, sqs] = await Promise.all([
      startFeedServer(),
      startDiscordStandIn(),
      startDynalite(),
      startSqsStandIn(),
    ]);
    const table = `fanout-${process.pid}-${++tables}`;
    await ensureTable(dynamo.sdk, table);
    stories = sampleStories(new Date());
    for (const id of FEEDS) feeds.setStories(id, stories.before);
    useConfig(configInput());
    vi.stubEnv('HERALD_TABLE', table);
    vi.stubEnv('HERALD_FEED_QUEUE_URL', sqs.queueUrl());
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamo.endpoint);
    vi.stubEnv('AWS_ENDPOINT_URL_SQS', sqs.endpoint);
    vi.stubEnv('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
    dispatch = createDispatcher();
  });

  afterEach(async () => {
    vi.unstubAllEnvs();
    await Promise.all([feeds.close(), discord.close(), dynamo.stop(), sqs.close()]);
  });

  it('a scheduled run seeds, and the next run posts a published story once', async () => {
    // The deployed entries, as the stack wires them: schedule -> dispatcher -> queue -> poller.
    const first = await run(pollerHandler, dispatcherHandler);
    expect(first).toEqual([{ batchItemFailures: [] }]);
    expect(discord.messages).toHaveLength(0);

    feeds.publish('africa', journalists());
    expect(await run(pollerHandler, dispatcherHandler)).toEqual([{ batchItemFailures: [] }]);
    expect(discord.messages.map((m) => m.body.embeds?.[0]?.title)).toEqual([journalists().title]);

    expect(await run(pollerHandler, dispatcherHandler)).toEqual([{ batchItemFailures: [] }]);
    expect(discord.messages).toHaveLength(1);
    expect(discord.invalid).toEqual([]);
  });

  it('the dispatcher queues one message per feed, ten to a SendMessageBatch call', async () => {
    const ids = Array.from({ length: 23 }, (_, i) => `feed-${i}`);
    useConfig(configInput({ feeds: ids.map((id) => ({ id, url: feeds.feedUrl(id) })) }));

    const summary = await createDispatcher()(scheduledEvent);

    expect(summary).toEqual({ feeds: 23, queued: 23, requests: 3 });
    expect(sqs.requests.map((r) => [r.operation, r.entries, r.status]).sort()).toEqual([
      ['SendMessageBatch', 10, 200],
      ['SendMessageBatch', 10, 200],
      ['SendMessageBatch', 3, 200],
    ]);
    const bodies = sqs.messages.map((m) => JSON.parse(m.body) as { feedId: string; retryPending?: boolean });
    expect(bodies.map((b) => b.feedId).sort()).toEqual([...ids].sort());
    expect(bodies.filter((b) => b.retryPending)).toEqual([{ feedId: 'feed-0', retryPending: true }]);
  });

  it('entries that SQS fails on its side are sent again; refused ones fail the dispatch, naming the feeds', async () => {
    sqs.failNextEntries(2);
    expect(await createDispatcher()(scheduledEvent)).toMatchObject({ feeds: 3, queued: 3, requests: 2 });

    sqs.failNextEntries(1, { senderFault: true });
    const refused = createDispatcher()(scheduledEvent);
    await expect(refused).rejects.toBeInstanceOf(DispatchError);
    await expect(refused).rejects.toThrow(/could not queue 1 feed\(s\) \(africa\)/);
    expect(sqs.messages).toHaveLength(5);
  });

  it('two poller batches that share a story post it once per channel', async () => {
    useConfig(
      configInput({
        channels: [
          { id: 'rights', webhookUrl: discord.webhookUrl('111111111111111111'), topics: ['human-rights'] },
          { id: 'desk', webhookUrl: discord.webhookUrl('222222222222222222'), topics: ['human-rights'] },
        ],
      }),
    );
    const seed = createPoller();
    await run(seed);
    for (const id of FEEDS) feeds.publish(id, journalists());
    feeds.publish('world', disappeared());

    // One feed per batch, and each batch in its own poller (its own container), all at once.
    await dispatch(scheduledEvent);
    const batches = sqs.receiveEvents(1);
    expect(batches).toHaveLength(3);
    const responses = await Promise.all(batches.map((event) => createPoller()(event)));

    expect(responses).toEqual(batches.map(() => ({ batchItemFailures: [] })));
    const posts = discord.messages.map((m) => `${m.targetId} ${m.body.embeds?.[0]?.title}`).sort();
    expect(posts).toEqual(
      [
        `111111111111111111 ${journalists().title}`,
        `111111111111111111 ${disappeared().title}`,
        `222222222222222222 ${journalists().title}`,
        `222222222222222222 ${disappeared().title}`,
      ].sort(),
    );
  });

  it('a feed that fails is a value in the poll, not a batch failure', async () => {
    const poller = createPoller();
    await run(poller);
    feeds.setFault('world', { kind: 'status', status: 500 });
    feeds.publish('africa', journalists());

    expect(await run(poller)).toEqual([{ batchItemFailures: [] }]);
    expect(discord.messages).toHaveLength(1);
  });

  it('a batch whose store is unreachable reports every record as a failure', async () => {
    const port = await unusedPort();
    const poller = createPoller({
      runtime: () =>
        buildRuntime({ dynamo: createLocalDynamoClient(`http://127.0.0.1:${port}`, { maxAttempts: 1 }) }),
    });

    await dispatch(scheduledEvent);
    const [event] = sqs.receiveEvents(10);
    const response = await poller(event as SQSEvent);

    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
      (event as SQSEvent).Records.map((r) => r.messageId).sort(),
    );
    expect(feeds.requests).toHaveLength(0);
  });

  it('a body that is not a feed message fails alone; a message for a feed no longer listed is dropped', async () => {
    const event = eventOf('{"feedId":"africa"}', 'africa', '{"feed":"world"}', '{"feedId":"europe"}');
    const [, notJson, noFeedId] = event.Records;

    const response = await createPoller()(event);

    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
      [notJson?.messageId, noFeedId?.messageId].sort(),
    );
    expect(feeds.requests.map((r) => r.path)).toEqual(['/api/africa']);
  });

  it('only the batch holding the designated message retries pending deliveries', async () => {
    const poller = createPoller();
    await run(poller);
    feeds.publish('africa', journalists());
    discord.failNext({ status: 500 });
    await run(poller);
    expect(discord.messages).toHaveLength(0);

    expect(await poller(eventOf('{"feedId":"africa"}', '{"feedId":"world"}'))).toEqual({
      batchItemFailures: [],
    });
    expect(discord.messages).toHaveLength(0);

    expect(await poller(eventOf('{"feedId":"asia","retryPending":true}'))).toEqual({ batchItemFailures: [] });
    expect(discord.messages.map((m) => m.body.embeds?.[0]?.title)).toEqual([journalists().title]);
  });
});
