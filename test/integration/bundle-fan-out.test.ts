import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../functions/core/config.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../../functions/local/discord-stand-in.ts';
import { type FeedServer, startFeedServer } from '../../functions/local/feed-server.ts';
import { sampleStories } from '../../functions/local/sample-stories.ts';
import { type SqsStandIn, startSqsStandIn, toRecord } from '../../functions/local/sqs-stand-in.ts';
import type { SampleStory } from '../../functions/local/voa-pages.ts';
import { validatedFunctionConfig } from '../../infra/deploy-config.ts';
import { FUNCTION_CONFIG_FILE } from '../../infra/function-config-file.ts';
import {
  type BundleRunner,
  bundleRunner,
  bundleSources,
  coldImportMs,
  describeSizes,
  functionEnv,
  initialSources,
  type Run,
} from '../infra/bundle-runner.ts';
import {
  bundleOf,
  logicalIdOf,
  type Resource,
  shippedConfigOf,
  synthStack,
  testApp,
} from '../infra/synth.ts';
import { type SecretsManagerStandIn, startSecretsManager } from '../support/aws-stand-ins.ts';
import { type LocalDynamo, startDynalite } from '../support/dynalite.ts';

const TABLE = 'herald-fan-out-bundle';
const SECRET = 'herald-fan-out-secret';
const CHANNEL = 'rights';

/** What the stack's schedule sends (see bundle-poll.test.ts for the template-derived one). */
const scheduledEvent = {
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.scheduler',
  account: '123456789012',
  time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  region: 'us-east-1',
  resources: ['arn:aws:scheduler:us-east-1:123456789012:schedule/default/Herald-Schedule'],
  detail: {},
};

function only<T>(run: Run<T>): T {
  const [outcome] = run.outcomes;
  if (!outcome?.ok) throw new Error(`the invocation failed: ${JSON.stringify(outcome)}\n${run.stdout}`);
  return outcome.result;
}

describe('the bundled fan-out dispatcher and poller, in fresh node processes', () => {
  let dispatcher: BundleRunner;
  let poller: BundleRunner;
  let dispatcherEnv: Record<string, unknown>;
  let pollerEnv: Record<string, unknown>;
  let feeds: FeedServer;
  let discord: DiscordStandIn;
  let dynamo: LocalDynamo;
  let sqs: SqsStandIn;
  let secrets: SecretsManagerStandIn;
  let stories: { before: SampleStory[]; after: SampleStory[] };
  /** The config file in the dispatcher's code, and in the poller's. */
  let shipped: Record<string, unknown>[];

  const config = (): ConfigInput => ({
    feeds: ['africa', 'world', 'asia'].map((id) => ({ id, url: feeds.feedUrl(id) })),
    channels: [{ id: CHANNEL, topics: ['human-rights'] }],
    discord: { apiBase: discord.apiBase, timeoutMs: 5000 },
    http: { timeoutMs: 5000 },
    scale: { fanOut: true, batchSize: 2 },
  });

  /**
   * The variables the stack sets on a function, with local values for its tokens. No LAMBDA_TASK_ROOT:
   * each bundle finds the config file the stack shipped beside it from its own directory.
   */
  function envFor(deployed: Record<string, unknown>, local: Record<string, string>): Record<string, string> {
    const env = functionEnv(deployed, local);
    expect(Object.keys(env)).toEqual(expect.arrayContaining(Object.keys(deployed)));
    return env;
  }
  const dispatcherEnvironment = () =>
    envFor(dispatcherEnv, { HERALD_FEED_QUEUE_URL: sqs.queueUrl(), AWS_ENDPOINT_URL_SQS: sqs.endpoint });
  const pollerEnvironment = () =>
    envFor(pollerEnv, {
      HERALD_TABLE: TABLE,
      HERALD_SECRET_ID: secrets.arnOf(SECRET),
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
    });

  /** One scheduled run: the dispatcher queues the feeds, then each batch goes to a poller, as Lambda would. */
  async function scheduledRun(): Promise<SQSBatchResponse[]> {
    expect(only(await dispatcher.invoke([scheduledEvent], dispatcherEnvironment()))).toMatchObject({
      feeds: 3,
      queued: 3,
    });
    const events = sqs.receiveEvents(2);
    const run = await poller.invoke<SQSBatchResponse>(events, pollerEnvironment());
    return run.outcomes.map((outcome) => {
      if (!outcome.ok)
        throw new Error(`a poller invocation failed: ${JSON.stringify(outcome)}\n${run.stdout}`);
      return outcome.result;
    });
  }

  beforeAll(async () => {
    // The servers first: the deployed config names their URLs, and it is fixed at synth.
    [feeds, discord, dynamo, sqs] = await Promise.all([
      startFeedServer(),
      startDiscordStandIn(),
      startDynalite(TABLE),
      startSqsStandIn(),
    ]);
    const app = testApp({ bundle: true });
    const { stack, template } = synthStack({ app, config: config() });
    const fanOut = stack.fanOut;
    if (!fanOut) throw new Error('the stack made no fan-out');
    const outdir = app.synth().directory;
    const resources = template.toJSON().Resources as Record<string, Resource>;
    const dispatcherId = logicalIdOf(fanOut.dispatcher);
    const pollerId = logicalIdOf(fanOut.poller);
    dispatcher = bundleRunner(bundleOf(outdir, template, dispatcherId));
    poller = bundleRunner(bundleOf(outdir, template, pollerId));
    dispatcherEnv = resources[dispatcherId]?.Properties.Environment.Variables;
    pollerEnv = resources[pollerId]?.Properties.Environment.Variables;
    shipped = [dispatcherId, pollerId].map((id) => shippedConfigOf(outdir, template, id));

    secrets = await startSecretsManager({
      [SECRET]: JSON.stringify({ channels: { [CHANNEL]: discord.webhookUrl(CHANNEL) } }),
    });
    stories = sampleStories(new Date());
    feeds.setStories('africa', stories.before);
    feeds.setStories('world', []);
    feeds.setStories('asia', []);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([feeds?.close(), discord?.close(), dynamo?.stop(), sqs?.close(), secrets?.close()]);
  });

  it("carries the deployed config in both functions' code, where the environment only names the file", () => {
    const deployed = validatedFunctionConfig(config() as Record<string, unknown>).config;
    expect(shipped).toEqual([deployed, deployed]);
    for (const env of [dispatcherEnv, pollerEnv]) {
      expect(env).toMatchObject({ HERALD_CONFIG_FILE: FUNCTION_CONFIG_FILE });
      expect(env.HERALD_CONFIG).toBeUndefined();
    }
  });

  it('seeds on the first scheduled run and posts a new human-rights story on the next', async () => {
    const seeded = await scheduledRun();
    expect(seeded).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(sqs.messages.map((m) => JSON.parse(m.body).feedId)).toEqual(['africa', 'world', 'asia']);
    expect(discord.messages).toHaveLength(0);

    const journalists = stories.after[0] as SampleStory;
    feeds.publish('africa', journalists);
    expect(await scheduledRun()).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(
      discord.messages.map((m) => (m.body as { embeds?: { title?: string }[] }).embeds?.[0]?.title),
    ).toEqual([journalists.title]);
    expect(discord.invalid).toEqual([]);
  }, 120_000);

  it('reports a record that is not a feed message as a batch item failure, and polls the rest', async () => {
    const good = toRecord({
      messageId: randomUUID(),
      queueName: 'herald-feeds',
      body: JSON.stringify({ feedId: 'world' }),
      md5OfBody: '',
      sentTimestamp: Date.now(),
    });
    const bad = { ...good, messageId: randomUUID(), body: 'not json' };
    const event: SQSEvent = { Records: [good, bad] };
    const response = only(await poller.invoke<SQSBatchResponse>([event], pollerEnvironment()));
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: bad.messageId }] });
  }, 60_000);

  it('keeps the dispatcher small, zod off both cold starts, and reports sizes and cold import times', async () => {
    // The config schema (zod, the topic-definition schema and the names of the lexicon's word classes) is in
    // the code for an unmarked config, loaded on first use; nothing of the analysis engine may follow it.
    const forbidden =
      /node_modules\/(discord\.js|@discordjs|rss-parser|linkedom)\/|functions\/analysis\/(?!topic-definition\.ts$|lexicon\/word-class-names\.ts$)/;
    expect(bundleSources(dispatcher.bundle).filter((s) => forbidden.test(s))).toEqual([]);
    // Neither cold start parses zod: the config is trusted as synth marked it, feed messages are read by hand.
    for (const runner of [dispatcher, poller])
      expect(
        initialSources(runner.bundle).filter((s) => /node_modules\/zod\/|core\/config\.ts/.test(s)),
      ).toEqual([]);
    const lines: string[] = [];
    for (const [name, runner, env] of [
      ['dispatcher', dispatcher, dispatcherEnvironment()],
      ['poller', poller, pollerEnvironment()],
    ] as const) {
      const cold = await coldImportMs(runner, env);
      lines.push(
        `fan-out ${name} bundle: ${describeSizes(runner)}, ` +
          `cold import (fresh node, median of ${cold.samples.length}) ${cold.median.toFixed(1)} ms`,
      );
    }
    console.log(lines.join('\n'));
  }, 60_000);
});
