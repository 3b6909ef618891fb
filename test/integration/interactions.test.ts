import { LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createDynamoStateStore } from '../../functions/adapters/dynamo-state-store.ts';
import { ensureTable } from '../../functions/adapters/embedded-dynamo.ts';
import type { StateStore, StoryRecord } from '../../functions/core/ports.ts';
import { TEST_POST_TITLE } from '../../functions/core/test-post.ts';
import { handler } from '../../functions/interactions/handler.ts';
import { createPollerInvoker, PollerInvokeError } from '../../functions/interactions/poller-invoker.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../../functions/local/discord-stand-in.ts';
import { type FeedServer, startFeedServer } from '../../functions/local/feed-server.ts';
import { sampleStories } from '../../functions/local/sample-stories.ts';
import { handler as pollHandler } from '../../functions/poll/handler.ts';
import { answersNull, type LambdaStandIn, startLambdaAndCloudFormation } from '../support/aws-stand-ins.ts';
import { type LocalDynamo, startDynalite } from '../support/dynalite.ts';
import { commandInteraction, pingInteraction } from '../support/interactions-fixtures.ts';
import { createTestKeys, signedEvent } from '../support/interactions-signing.ts';
import { interactionResponseProblems } from '../support/interactions-spec.ts';

const TABLE = 'herald-interactions';
const POLLER = 'Herald-PollFunction-AbC123';
const keys = createTestKeys();

/** The stand-in's webhook route is Discord's follow-up route: `/webhooks/{application id}/{token}`. */
function interactionCredentials(webhookUrl: string): { applicationId: string; token: string } {
  const [applicationId = '', token = ''] = new URL(webhookUrl).pathname.split('/').slice(-2);
  return { applicationId, token };
}

/** Everything logged meanwhile, on stdout or stderr: both functions log there, and Lambda keeps both. */
async function captureLogs<T>(run: () => Promise<T>): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const record = (chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(record),
    vi.spyOn(process.stderr, 'write').mockImplementation(record),
    ...(['log', 'info', 'warn', 'error'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        chunks.push(args.map(String).join(' '));
      }),
    ),
  ];
  try {
    const result = await run();
    return { result, output: chunks.join('\n') };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

function parse(result: { body: string }) {
  return JSON.parse(result.body) as {
    type: number;
    data?: { content?: string; flags?: number; embeds?: { title?: string; fields?: unknown[] }[] };
  };
}

describe('the interactions endpoint, wired from its environment', () => {
  let dynamo: LocalDynamo;
  let store: StateStore;
  let discord: DiscordStandIn;
  let feeds: FeedServer;
  let lambda: LambdaStandIn;
  const polls: ReturnType<typeof pollHandler>[] = [];

  beforeAll(async () => {
    [dynamo, discord, feeds] = await Promise.all([startDynalite(), startDiscordStandIn(), startFeedServer()]);
    await ensureTable(dynamo.sdk, TABLE);
    store = createDynamoStateStore({ client: dynamo.client, tableName: TABLE });
    feeds.setStories('africa', sampleStories(new Date()).before);
    // Lambda's async queue: answer 202 at once, then run the poller with the event.
    lambda = await startLambdaAndCloudFormation({
      functions: { [POLLER]: answersNull },
      onEvent: (invocation) => {
        const poll = pollHandler(invocation.payload);
        poll.catch(() => {});
        polls.push(poll);
      },
    });
    const config = {
      feeds: [{ id: 'africa', url: feeds.feedUrl('africa') }],
      channels: [{ id: 'rights', webhookUrl: discord.webhookUrl('rights'), topics: ['human-rights'] }],
      discord: { apiBase: discord.apiBase, timeoutMs: 2000 },
      http: { timeoutMs: 2000 },
      store: { table: TABLE },
    };
    // What the stack sets on both functions; the SDK clients read the endpoint overrides themselves.
    vi.stubEnv('DISCORD_PUBLIC_KEY', keys.publicKeyHex);
    vi.stubEnv('HERALD_TABLE', TABLE);
    vi.stubEnv('HERALD_POLLER_FUNCTION', POLLER);
    vi.stubEnv('HERALD_CONFIG', JSON.stringify(config));
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamo.endpoint);
    vi.stubEnv('AWS_ENDPOINT_URL_LAMBDA', lambda.url);
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await Promise.allSettled(polls);
    await Promise.all([dynamo?.stop(), discord?.close(), feeds?.close(), lambda?.close()]);
  });

  test('answers the PING that Discord sends when the endpoint URL is saved, and 401s its bad signature', async () => {
    const ping = pingInteraction();

    const good = await handler(signedEvent(keys, ping));
    const bad = await handler(signedEvent(createTestKeys(), ping));

    expect(good.statusCode).toBe(200);
    expect(JSON.parse(good.body)).toEqual({ type: 1 });
    expect(bad.statusCode).toBe(401);
  });

  test('/herald latest lists the newest matched stories recorded in the table', async () => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const record = (key: string, overrides: Partial<StoryRecord>): StoryRecord => ({
      key,
      url: `https://www.voanews.com/a/${key}/${key.replace(/\D/g, '')}.html`,
      title: `Story ${key}`,
      decidedAt: '2025-06-01T12:00:00.000Z',
      decision: 'matched',
      topics: ['human-rights'],
      channels: ['rights'],
      expiresAt: nowSeconds + 86_400,
      ...overrides,
    });
    for (const story of [
      record('voa:101', { published: '2025-06-01T08:00:00.000Z' }),
      record('voa:102', { published: '2025-06-01T11:00:00.000Z', topics: ['human-rights', 'press-freedom'] }),
      record('voa:103', { published: '2025-06-01T10:00:00.000Z' }),
      record('voa:104', { published: '2025-06-01T11:30:00.000Z', decision: 'unmatched', topics: [] }),
      record('voa:105', { published: '2025-06-01T11:45:00.000Z', expiresAt: nowSeconds - 60 }),
    ]) {
      expect(await store.recordStory(story)).toBe(true);
    }

    const two = parse(
      await handler(signedEvent(keys, commandInteraction('latest', [{ type: 4, name: 'count', value: 2 }]))),
    );
    const press = parse(
      await handler(
        signedEvent(keys, commandInteraction('latest', [{ type: 3, name: 'topic', value: 'press-freedom' }])),
      ),
    );

    expect(two.type).toBe(4);
    expect(two.data?.flags).toBe(64);
    expect(two.data?.embeds?.map((e) => e.title)).toEqual(['Story voa:102', 'Story voa:103']);
    expect(press.data?.embeds?.map((e) => e.title)).toEqual(['Story voa:102']);
    expect(await interactionResponseProblems(two)).toEqual([]);
    expect(await interactionResponseProblems(press)).toEqual([]);
  });

  test('/herald poll defers, invokes the poller asynchronously, and the summary arrives as a follow-up', async () => {
    const credentials = interactionCredentials(discord.webhookUrl('interaction'));
    const interaction = commandInteraction('poll', [], credentials);
    const before = discord.messages.length;

    const { result: response, output } = await captureLogs(async () => {
      const deferred = await handler(signedEvent(keys, interaction));
      await Promise.all(polls);
      return deferred;
    });

    expect(response.statusCode).toBe(200);
    const body = parse(response);
    expect(body).toEqual({ type: 5, data: { flags: 64 } });
    expect(await interactionResponseProblems(body)).toEqual([]);
    expect(lambda.invocations).toEqual([
      { functionName: POLLER, invocationType: 'Event', payload: { followUp: credentials } },
    ]);

    const summary = await polls[0];
    expect(summary).toMatchObject({ feeds: 1, posted: 0, failed: 0 });
    const followUps = discord.messages.slice(before);
    expect(followUps).toHaveLength(1);
    expect(followUps[0]?.targetId).toBe(credentials.applicationId);
    expect(followUps[0]?.body).toEqual({
      content: expect.stringMatching(/^Poll done in \d+\.\d s: 1 feed \(0 not modified\), \d+ new stories, /),
      allowed_mentions: { parse: [] },
      flags: 64,
    });
    expect(discord.invalid).toEqual([]);
    expect(output).toContain('sent the poll summary to the interaction');
    expect(output).not.toContain(credentials.token);

    const status = parse(await handler(signedEvent(keys, commandInteraction('status'))));
    expect(status.data?.embeds?.[0]).toMatchObject({
      title: 'Herald status',
      description: expect.stringMatching(/^✅ \*\*africa\*\* ok, last fetched <t:\d+:R>$/),
      fields: [
        { name: 'Channels', value: 'All 1 channel ok' },
        { name: 'Deliveries', value: 'Pending: 0 · Failed: 0' },
      ],
    });
    expect(await interactionResponseProblems(status)).toEqual([]);
  });

  test('a follow-up Discord refuses (token expired) leaves the poll successful, and the token unlogged', async () => {
    const { applicationId, token } = interactionCredentials(discord.webhookUrl('expired'));
    const expired = `${token.slice(0, -4)}AAAA`;

    const { result: summary, output } = await captureLogs(() =>
      pollHandler({ followUp: { applicationId, token: expired } }),
    );

    expect(summary).toMatchObject({ feeds: 1 });
    expect(output).toContain('could not send the poll summary to the interaction');
    expect(output).toContain('HTTP 401: Invalid Webhook Token');
    expect(output).not.toContain(expired);
  });

  test('the poller refuses a follow-up whose token could not be a Discord token, without echoing it', async () => {
    const bad = 'not a token/../../channels';

    const refusal = pollHandler({ followUp: { applicationId: '1234567890123456789', token: bad } });

    await expect(refusal).rejects.toThrow(/followUp\.token: must be an interaction token/);
    await expect(refusal).rejects.not.toThrow(bad);
  });

  /** Runs a command through both functions, as Lambda's async queue would, and returns its follow-up. */
  async function throughPoller(subcommand: string, options: { type: number; name: string; value: string }[]) {
    const credentials = interactionCredentials(discord.webhookUrl(`interaction-${subcommand}`));
    const before = discord.messages.length;
    const { result: deferred, output } = await captureLogs(async () => {
      const response = await handler(signedEvent(keys, commandInteraction(subcommand, options, credentials)));
      await Promise.all(polls);
      return response;
    });
    const answer = await polls.at(-1);
    const followUp = discord.messages.slice(before).find((m) => m.targetId === credentials.applicationId);
    return { body: parse(deferred), answer, followUp, output, credentials, before };
  }

  test('/herald why defers, the poller explains the article, and the answer arrives ephemerally as a follow-up', async () => {
    const [story] = sampleStories(new Date()).after;
    if (!story) throw new Error('no sample story');
    feeds.publish('africa', story);
    const url = feeds.articleUrl(story);

    const { body, answer, followUp, output, credentials } = await throughPoller('why', [
      { type: 3, name: 'url', value: url },
    ]);

    expect(body).toEqual({ type: 5, data: { flags: 64 } });
    expect(lambda.invocations.at(-1)?.payload).toEqual({ followUp: credentials, explain: { url } });
    expect(answer).toMatchObject({
      request: 'explain',
      explanation: { title: story.title, humanRights: true },
    });
    expect(followUp?.body).toEqual({
      content: expect.stringContaining(`Why or why not, for <${url}>:`),
      allowed_mentions: { parse: [] },
      flags: 64,
    });
    expect(followUp?.body.content).toMatch(/- \\?#rights: would post \(human-rights score \d+\.\d reaches/);
    expect(output).not.toContain(credentials.token);
    expect(discord.invalid).toEqual([]);
  });

  test('/herald test defers, the poller posts the test alert to the channel, and says so as a follow-up', async () => {
    const { body, answer, followUp, before } = await throughPoller('test', [
      { type: 3, name: 'channel', value: 'rights' },
    ]);

    expect(body).toEqual({ type: 5, data: { flags: 64 } });
    expect(answer).toMatchObject({ request: 'sendTest', channel: 'rights', outcome: { kind: 'posted' } });
    const posted = discord.messages
      .slice(before)
      .filter((m) => m.body.embeds?.[0]?.title === TEST_POST_TITLE);
    expect(posted).toHaveLength(1);
    expect(followUp?.body.content).toMatch(/^Posted a test to channel rights \(message \d+\)\.$/);
    expect(followUp?.body.flags).toBe(64);
    expect(discord.invalid).toEqual([]);
  });
});

describe('invoking the poller', () => {
  let lambda: LambdaStandIn;
  let slow: LambdaStandIn;

  beforeAll(async () => {
    [lambda, slow] = await Promise.all([
      startLambdaAndCloudFormation({ functions: { [POLLER]: answersNull }, failFirst: 1 }),
      startLambdaAndCloudFormation({ functions: { [POLLER]: answersNull }, delayMs: 1000 }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([lambda?.close(), slow?.close()]);
  });

  const client = (url: string) =>
    new LambdaClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
  const payload = { followUp: { applicationId: '1234567890123456789', token: 'aW50ZXJhY3Rpb246dGVzdA' } };

  test('sends one Event invocation, retrying once after a 5xx', async () => {
    const invoke = createPollerInvoker({ functionName: POLLER, client: client(lambda.url) });

    await invoke(payload);

    expect(lambda.invocations).toEqual([{ functionName: POLLER, invocationType: 'Event', payload }]);
  });

  test('an unknown function is a PollerInvokeError that does not carry the token', async () => {
    const invoke = createPollerInvoker({ functionName: 'missing', client: client(lambda.url) });

    const error = await invoke(payload).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PollerInvokeError);
    expect((error as Error).message).toMatch(/^could not invoke missing: ResourceNotFoundException/);
    expect((error as Error).message).not.toContain(payload.followUp.token);
  });

  test('a Lambda API slower than the timeout fails fast, inside Discord’s 3 seconds', async () => {
    const invoke = createPollerInvoker({ functionName: POLLER, client: client(slow.url), timeoutMs: 200 });

    const started = Date.now();
    const error = await invoke(payload).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PollerInvokeError);
    expect(Date.now() - started).toBeLessThan(900);
  });
});
