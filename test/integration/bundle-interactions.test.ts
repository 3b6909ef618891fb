import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStateStore } from '../../functions/adapters/dynamo-state-store.ts';
import type { FunctionUrlResult } from '../../functions/interactions/handler.ts';
import {
  type BundleRunner,
  bundleRunner,
  bundleSources,
  coldImportMs,
  describeSizes,
  functionEnv,
} from '../infra/bundle-runner.ts';
import { BASE_CONFIG, bundleOf, logicalIdOf, type Resource, synthStack, testApp } from '../infra/synth.ts';
import { answersNull, type LambdaStandIn, startLambdaAndCloudFormation } from '../support/aws-stand-ins.ts';
import { type LocalDynamo, startDynalite } from '../support/dynalite.ts';
import {
  commandInteraction,
  MANAGER_PERMISSIONS,
  pingInteraction,
} from '../support/interactions-fixtures.ts';
import { createTestKeys, signatureFor, signedEvent } from '../support/interactions-signing.ts';

const TABLE = 'herald-interactions-bundle';
const POLLER = 'Herald-PollFunction-Bundle';
const keys = createTestKeys();

const bodyOf = (result: FunctionUrlResult | undefined) =>
  JSON.parse(result?.body ?? 'null') as {
    type: number;
    data?: { flags?: number; embeds?: { title?: string }[] };
  };

describe('the bundled interactions handler, in a fresh node', () => {
  let runner: BundleRunner;
  let template: Template;
  let deployedEnv: Record<string, unknown>;
  let dynamo: LocalDynamo;
  let lambda: LambdaStandIn;

  /** The variables the stack sets, with local values; the public key is the template's own. */
  function localEnv(): Record<string, string> {
    return functionEnv(deployedEnv, {
      HERALD_TABLE: TABLE,
      HERALD_POLLER_FUNCTION: POLLER,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_LAMBDA: lambda.url,
    });
  }

  beforeAll(async () => {
    const app = testApp({ bundle: true });
    const synthesized = synthStack({ app, settings: { discordPublicKey: keys.publicKeyHex } });
    template = synthesized.template;
    const endpoint = synthesized.stack.interactions;
    if (!endpoint) throw new Error('the stack made no interactions endpoint');
    const fnId = logicalIdOf(endpoint.function);
    runner = bundleRunner(bundleOf(app.synth().directory, template, fnId));
    deployedEnv = (template.toJSON().Resources[fnId] as Resource).Properties.Environment.Variables;

    [dynamo, lambda] = await Promise.all([
      startDynalite(TABLE),
      startLambdaAndCloudFormation({ functions: { [POLLER]: answersNull } }),
    ]);
    const store = createDynamoStateStore({ client: dynamo.client, tableName: TABLE });
    await store.recordStory({
      key: 'voa:7100201',
      url: 'https://www.voanews.com/a/journalists-detained/7100201.html',
      title: 'Three Journalists Detained After Covering Protest Over Fuel Prices',
      published: new Date(Date.now() - 3_600_000).toISOString(),
      decidedAt: new Date().toISOString(),
      decision: 'matched',
      topics: ['human-rights'],
      channels: ['rights'],
      expiresAt: Math.floor(Date.now() / 1000) + 86_400,
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([dynamo?.stop(), lambda?.close()]);
  });

  it('carries none of the poller dependencies: no discord.js, rss-parser, zod, Powertools or analysis', () => {
    const sources = bundleSources(runner.bundle);
    expect(sources.some((s) => s.endsWith('functions/interactions/handler.ts'))).toBe(true);
    const forbidden =
      /node_modules\/(discord\.js|@discordjs|discord-api-types|rss-parser|xml2js|zod|linkedom|@mozilla\/readability|@aws-lambda-powertools)\/|functions\/(core\/analysis|poll|fanout)\//;
    expect(sources.filter((s) => forbidden.test(s))).toEqual([]);
  });

  it('answers a signed PING with PONG, and a bad signature or a replay with 401', async () => {
    const ping = signedEvent(keys, pingInteraction());
    const otherKeys = createTestKeys();
    const forged = signedEvent(keys, pingInteraction(), {
      signature: signatureFor(otherKeys, String(Math.floor(Date.now() / 1000)), '{}'),
    });
    const run = await runner.invoke<FunctionUrlResult>([ping, forged, ping], localEnv());
    expect(run.handlerType).toBe('function');
    const [pong, badSignature, replayed] = run.outcomes.map((o) => (o.ok ? o.result : undefined));
    expect(pong).toMatchObject({ statusCode: 200, headers: { 'content-type': 'application/json' } });
    expect(bodyOf(pong)).toEqual({ type: 1 });
    expect(badSignature?.statusCode).toBe(401);
    expect(replayed?.statusCode).toBe(401);
  }, 60_000);

  it('loads its SDK clients on demand: /herald latest reads the table, /herald poll invokes the poller', async () => {
    const latest = signedEvent(keys, commandInteraction('latest'));
    const poll = signedEvent(keys, commandInteraction('poll', [], { permissions: MANAGER_PERMISSIONS }));
    const run = await runner.invoke<FunctionUrlResult>([latest, poll], localEnv());
    const [stories, deferred] = run.outcomes.map((o) => (o.ok ? o.result : undefined));
    expect(stories?.statusCode, run.stdout).toBe(200);
    expect(bodyOf(stories)).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(bodyOf(stories).data?.embeds?.map((e) => e.title)).toEqual([
      'Three Journalists Detained After Covering Protest Over Fuel Prices',
    ]);
    expect(bodyOf(deferred)).toEqual({ type: 5, data: { flags: 64 } });
    expect(lambda.invocations).toEqual([
      {
        functionName: POLLER,
        invocationType: 'Event',
        payload: { followUp: { applicationId: expect.any(String), token: expect.any(String) } },
      },
    ]);
  }, 60_000);

  it('reads the config file shipped in its code: /herald status lists its feeds that were never polled', async () => {
    const env = localEnv();
    expect(env).toMatchObject({ HERALD_CONFIG_FILE: 'herald.config.json' });
    expect(env.HERALD_CONFIG).toBeUndefined();
    const run = await runner.invoke<FunctionUrlResult>(
      [signedEvent(keys, commandInteraction('status'))],
      env,
    );
    const [status] = run.outcomes.map((o) => (o.ok ? o.result : undefined));
    expect(status?.statusCode, run.stdout).toBe(200);
    const text = JSON.stringify(bodyOf(status));
    for (const feed of BASE_CONFIG.feeds) expect(text).toContain(`**${feed.id}** never polled`);
  }, 60_000);

  it('reports its size and cold import time', async () => {
    const cold = await coldImportMs(runner, localEnv());
    console.log(
      `interactions bundle: ${describeSizes(runner)}\n` +
        `  cold import (fresh node, median of ${cold.samples.length}): ${cold.median.toFixed(1)} ms`,
    );
    expect(runner.sizes.total).toBeLessThan(1024 * 1024);
  }, 60_000);
});
