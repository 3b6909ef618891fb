import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableInput } from '../../functions/adapters/table-schema.ts';
import type { ConfigInput } from '../../functions/core/config.ts';
import type { PollSummary } from '../../functions/core/poll-types.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../../functions/local/discord-stand-in.ts';
import { type FeedServer, startFeedServer } from '../../functions/local/feed-server.ts';
import { sampleStories } from '../../functions/local/sample-stories.ts';
import type { SampleStory } from '../../functions/local/voa-pages.ts';
import { METRICS } from '../../infra/alarms.ts';
import { toFunctionConfig, validatedFunctionConfig } from '../../infra/deploy-config.ts';
import { FUNCTION_CONFIG_FILE } from '../../infra/function-config-file.ts';
import {
  type BundleRunner,
  bundleRunner,
  bundleSources,
  coldImportMs,
  describeSizes,
  emfMetrics,
  functionEnv,
  initialSources,
  type Run,
} from '../infra/bundle-runner.ts';
import {
  bundleOf,
  logicalIdOf,
  type Resource,
  resourcesOf,
  shippedConfigOf,
  synthStack,
  testApp,
} from '../infra/synth.ts';
import { type SecretsManagerStandIn, startSecretsManager } from '../support/aws-stand-ins.ts';
import type { LocalDynamo } from '../support/dynalite.ts';
import { startDynamoDbLocal } from '../support/dynamodb-local.ts';
import { unusedPort } from '../support/ports.ts';

const TABLE = 'herald-bundle-test';
const SECRET = 'herald-bundle-secret';
const CHANNEL = 'rights';
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

/** A CloudFormation value with its Fn::Join and Ref resolved from `refs`. */
function resolve(value: unknown, refs: Record<string, string>): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if ('Fn::Join' in v) {
    const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => resolve(part, refs)).join(sep);
  }
  if ('Ref' in v) {
    const ref = refs[String(v.Ref)];
    if (ref === undefined) throw new Error(`no value for Ref ${String(v.Ref)}`);
    return ref;
  }
  throw new Error(`cannot resolve ${JSON.stringify(value)}`);
}

/**
 * The event the deployed schedule sends: the template's target input, with what Scheduler fills in at
 * run time (its context attributes) and the pseudo parameters resolved.
 */
function scheduledEvent(template: Template): Record<string, unknown> {
  const [schedule] = Object.values(resourcesOf(template, 'AWS::Scheduler::Schedule')) as Resource[];
  const input = resolve(schedule?.Properties.Target.Input, {
    'AWS::AccountId': ACCOUNT,
    'AWS::Region': REGION,
  })
    .replace('<aws.scheduler.execution-id>', randomUUID())
    .replace('<aws.scheduler.scheduled-time>', new Date().toISOString().replace(/\.\d+Z$/, 'Z'))
    .replace(
      '<aws.scheduler.schedule-arn>',
      `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/default/Herald-Schedule`,
    );
  return JSON.parse(input);
}

const titlesOf = (discord: DiscordStandIn) =>
  discord.messages.map((m) => (m.body as { embeds?: { title?: string }[] }).embeds?.[0]?.title);

function summaryOf(run: Run<PollSummary>, index = 0): PollSummary {
  const outcome = run.outcomes[index];
  if (!outcome?.ok) throw new Error(`invocation ${index} failed: ${JSON.stringify(outcome)}\n${run.stdout}`);
  return outcome.result;
}

describe('the bundled poll handler, in a fresh node, against local VOA, Discord, DynamoDB and Secrets Manager', () => {
  let runner: BundleRunner;
  let template: Template;
  /** The function's code directory: the bundle and the config file the stack shipped beside it. */
  let codeDir: string;
  let shipped: Record<string, unknown>;
  /** The function's environment as the stack sets it, by name. */
  let deployedEnv: Record<string, unknown>;
  let feeds: FeedServer;
  let discord: DiscordStandIn;
  let dynamo: LocalDynamo;
  let secrets: SecretsManagerStandIn;
  let stories: { before: SampleStory[]; after: SampleStory[] };

  /**
   * The child's environment: the variable names the stack sets, with local values. The config is the
   * file the stack shipped in the code, found as in Lambda: HERALD_CONFIG_FILE within LAMBDA_TASK_ROOT.
   */
  function localEnv(): Record<string, string> {
    // The plain values (Powertools settings, HERALD_CONFIG_FILE) come from the template itself.
    return functionEnv(deployedEnv, {
      LAMBDA_TASK_ROOT: codeDir,
      // DynamoDB Local keeps one database per access key: the one the test's client created the table in.
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      HERALD_TABLE: TABLE,
      HERALD_SECRET_ID: secrets.arnOf(SECRET),
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
    });
  }

  /** A local run's environment: HERALD_CONFIG set, which wins over the shipped file. */
  function inlineEnv(config: ConfigInput): Record<string, string> {
    const { config: deployed } = toFunctionConfig(config as Record<string, unknown>);
    return { ...localEnv(), HERALD_CONFIG: JSON.stringify(deployed) };
  }

  beforeAll(async () => {
    // The servers first: the deployed config names their URLs, and it is fixed at synth.
    [feeds, discord, dynamo] = await Promise.all([
      startFeedServer(),
      startDiscordStandIn(),
      startDynamoDbLocal(),
    ]);
    const app = testApp({ bundle: true });
    const synthesized = synthStack({ app, config: config() });
    template = synthesized.template;
    const pollId = logicalIdOf(synthesized.stack.poll.function);
    const outdir = app.synth().directory;
    runner = bundleRunner(bundleOf(outdir, template, pollId));
    codeDir = path.dirname(runner.bundle);
    shipped = shippedConfigOf(outdir, template, pollId);
    deployedEnv = (template.toJSON().Resources[pollId] as Resource).Properties.Environment.Variables;

    await dynamo.sdk.send(new CreateTableCommand(createTableInput(TABLE)));
    // What `herald secrets set rights URL` stores: the webhook is known only to the secret.
    secrets = await startSecretsManager({
      [SECRET]: JSON.stringify({ channels: { [CHANNEL]: discord.webhookUrl(CHANNEL) } }),
    });
    stories = sampleStories(new Date());
    feeds.setStories('africa', stories.before);
    feeds.setStories('sports', []);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([feeds?.close(), discord?.close(), dynamo?.stop(), secrets?.close()]);
  });

  const config = (): ConfigInput => ({
    feeds: [
      { id: 'africa', url: feeds.feedUrl('africa') },
      { id: 'sports', url: feeds.feedUrl('sports') },
    ],
    // As deployed: no webhook URL in the config, the secret has it.
    channels: [{ id: CHANNEL, topics: ['human-rights'] }],
    discord: { apiBase: discord.apiBase, timeoutMs: 5000 },
    http: { timeoutMs: 5000 },
  });

  it('gets every variable the stack sets, and its config from the file in its code, not the environment', () => {
    const env = localEnv();
    expect(Object.keys(env)).toEqual(expect.arrayContaining(Object.keys(deployedEnv)));
    expect(deployedEnv).toMatchObject({ HERALD_CONFIG_FILE: FUNCTION_CONFIG_FILE });
    expect(deployedEnv.NODE_OPTIONS).toBeUndefined();
    expect(env.HERALD_CONFIG).toBeUndefined();
    expect(shipped).toEqual(validatedFunctionConfig(config() as Record<string, unknown>).config);
  });

  it('seeds on a scheduled event, then posts a new human-rights story on a manual payload', async () => {
    const env = localEnv();
    const seed = await runner.invoke<PollSummary>([scheduledEvent(template)], env);
    expect(seed.handlerType).toBe('function');
    expect(summaryOf(seed)).toMatchObject({ feeds: 2, newStories: 0, posted: 0, failed: 0, feedErrors: 0 });
    expect(discord.messages).toHaveLength(0);

    const journalists = stories.after[0] as SampleStory;
    feeds.publish('africa', journalists);
    const manual = await runner.invoke<PollSummary>([{ dryRun: false, feeds: ['africa', 'sports'] }], env);
    expect(summaryOf(manual)).toMatchObject({
      feeds: 2,
      newStories: 1,
      matched: 1,
      posted: 1,
      failed: 0,
      feedErrors: 0,
      dryRun: false,
    });
    expect(titlesOf(discord)).toEqual([journalists.title]);
    expect(discord.messages[0]?.route).toBe('webhook');
    expect(discord.invalid).toEqual([]);
    // The webhook came from the secret, read through the SDK's endpoint override.
    expect(secrets.requests.map((r) => r.headers['x-amz-target'])).toContain('secretsmanager.GetSecretValue');
    // The metrics the alarms watch, as EMF on stdout, with the dimension the alarms select on.
    const [metrics] = emfMetrics(manual.stdout);
    expect(metrics?.namespace).toBe(METRICS.namespace);
    expect(metrics?.dimensions).toEqual([['service']]);
    expect(metrics?.values).toMatchObject({
      Posted: 1,
      [METRICS.failedDeliveries]: 0,
      [METRICS.feedErrors]: 0,
    });

    const idle = await runner.invoke<PollSummary>([scheduledEvent(template)], env);
    expect(summaryOf(idle)).toMatchObject({ notModified: 2, newStories: 0, posted: 0 });
    expect(discord.messages).toHaveLength(1);
  }, 120_000);

  it('resolves with a summary that counts the failed feeds when every feed is unreachable', async () => {
    const port = await unusedPort();
    const unreachable: ConfigInput = {
      ...config(),
      feeds: [
        { id: 'gone-one', url: `http://127.0.0.1:${port}/api/one` },
        { id: 'gone-two', url: `http://127.0.0.1:${port}/api/two` },
      ],
    };
    const run = await runner.invoke<PollSummary>([scheduledEvent(template)], inlineEnv(unreachable));
    expect(summaryOf(run)).toMatchObject({ feeds: 2, feedErrors: 2, failed: 2, posted: 0, newStories: 0 });
    const [metrics] = emfMetrics(run.stdout);
    expect(metrics?.values).toMatchObject({ [METRICS.feedErrors]: 2, [METRICS.failedDeliveries]: 0 });
  }, 60_000);

  it('refuses a malformed payload with an error that says what was expected', async () => {
    const run = await runner.invoke([{ dryRun: 'yes' }, { feeds: ['no-such-feed'] }], localEnv());
    const [badType, unknownFeed] = run.outcomes;
    expect(badType).toEqual({
      ok: false,
      error: { name: 'InvalidPayloadError', message: expect.stringMatching(/Refused the payload.*dryRun/) },
    });
    expect(unknownFeed).toEqual({
      ok: false,
      error: { name: 'InvalidPayloadError', message: expect.stringMatching(/unknown feed ids no-such-feed/) },
    });
  }, 60_000);

  it('fails with an error naming the path when the config file is not in its code', async () => {
    const run = await runner.invoke([scheduledEvent(template)], {
      ...localEnv(),
      HERALD_CONFIG_FILE: 'missing.json',
    });
    expect(run.outcomes).toEqual([
      {
        ok: false,
        error: {
          name: 'ConfigFileError',
          message: `the config file HERALD_CONFIG_FILE names does not exist: ${path.join(codeDir, 'missing.json')}`,
        },
      },
    ]);
    // Printed through the sources, without --enable-source-maps: the map was read when the stack was.
    const [stack] = run.stacks;
    expect(stack).toMatch(/^ConfigFileError: the config file HERALD_CONFIG_FILE names does not exist/);
    expect(stack).toMatch(/\n {4}at readConfigFile \(\S*functions\/wiring\/config-files\.ts:\d+:\d+\)/);
    expect(stack).toMatch(/\(\S*functions\/wiring\/deployed-config\.ts:\d+:\d+\)/);
    expect(stack).not.toMatch(/chunk-\w+\.mjs|index\.mjs/);
  }, 60_000);

  it('reports its size and cold import time', async () => {
    const env = localEnv();
    const cold = await coldImportMs(runner, env);
    const nodeMaps = await coldImportMs(runner, { ...env, NODE_OPTIONS: '--enable-source-maps' });
    console.log(
      `poll bundle: ${describeSizes(runner)}\n` +
        `  cold import (fresh node, median of ${cold.samples.length}): ${cold.median.toFixed(1)} ms ` +
        `as deployed, ${nodeMaps.median.toFixed(1)} ms with --enable-source-maps`,
    );
    expect(runner.sizes.total).toBeLessThan(5 * 1024 * 1024);
  }, 60_000);

  it('loads at import only what an idle poll runs: no zod, no Discord client, no analysis, no feed parser', () => {
    // An idle poll reads the state and sends conditional GETs; whatever else it may need loads on first use.
    const cold = initialSources(runner.bundle);
    // Every poll reads its state, so the DynamoDB client is there from the start: Herald's own, not the SDK.
    expect(cold.some((s) => s.includes('functions/adapters/dynamo-client.ts'))).toBe(true);
    expect(cold.filter((s) => /node_modules\/(@aws-sdk|@smithy)\//.test(s))).toEqual([]);
    const lazy =
      /node_modules\/(zod|discord\.js|@discordjs|undici|linkedom|@mozilla\/readability|rss-parser|@aws-sdk\/client-secrets-manager)\/|functions\/(analysis|adapters\/discord-poster|adapters\/secrets|core\/config\.ts|poll\/payload\.ts)/;
    expect(cold.filter((s) => lazy.test(s))).toEqual([]);
    // ...and all of it is in the code, for the polls that need it.
    for (const name of ['zod', 'discord.js', 'undici', 'linkedom', 'rss-parser'])
      expect(bundleSources(runner.bundle).some((s) => s.includes(`node_modules/${name}/`))).toBe(true);
  });
});
