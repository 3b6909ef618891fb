import { describe, expect, test } from 'vitest';
import type {
  ChannelState,
  DeliveryRecord,
  DeliveryStatus,
  FeedState,
  Logger,
  StoryRecord,
} from '../../functions/core/ports.ts';
import { COMMANDS, HERALD_COMMAND, MANAGE_GUILD_PERMISSION } from '../../functions/interactions/commands.ts';
import {
  configuredIds,
  createInteractionsHandler,
  type FunctionUrlResult,
  handlerFromEnvironment,
  type InteractionsDeps,
} from '../../functions/interactions/handler.ts';
import type { InteractionsStore, PollerPayload } from '../../functions/interactions/run-command.ts';
import { InvalidPublicKeyError } from '../../functions/interactions/verify-signature.ts';
import {
  APPLICATION_ID,
  commandInteraction,
  pingInteraction,
  READER_PERMISSIONS,
} from '../support/interactions-fixtures.ts';
import { createTestKeys, signedEvent } from '../support/interactions-signing.ts';
import { commandDefinitionProblems, interactionResponseProblems } from '../support/interactions-spec.ts';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const keys = createTestKeys();

function story(key: string, overrides: Partial<StoryRecord> = {}): StoryRecord {
  return {
    key,
    url: `https://www.voanews.com/a/story/${key}.html`,
    title: `Story ${key}`,
    published: '2025-06-01T10:00:00.000Z',
    decidedAt: '2025-06-01T10:05:00.000Z',
    decision: 'matched',
    topics: ['human-rights'],
    channels: ['rights'],
    expiresAt: 1_900_000_000,
    ...overrides,
  };
}

/** A hand-written store: what the commands read, and what they asked for. */
function fakeStore(
  data: {
    stories?: StoryRecord[];
    feeds?: FeedState[];
    channels?: ChannelState[];
    deliveries?: Partial<Record<DeliveryStatus, number>>;
    delayMs?: number;
    fail?: Error;
  } = {},
) {
  const calls: { topic?: string; limit: number }[] = [];
  const wait = async () => {
    if (data.delayMs) await new Promise((resolve) => setTimeout(resolve, data.delayMs));
    if (data.fail) throw data.fail;
  };
  const store: InteractionsStore & { calls: typeof calls } = {
    calls,
    async listRecentStories(options) {
      calls.push(options);
      await wait();
      return (data.stories ?? []).slice(0, options.limit);
    },
    async listFeedStates() {
      await wait();
      return data.feeds ?? [];
    },
    async listChannelStates() {
      await wait();
      return data.channels ?? [];
    },
    async listDeliveries(status, limit) {
      await wait();
      const n = Math.min(data.deliveries?.[status] ?? 0, limit ?? Number.POSITIVE_INFINITY);
      return Array.from({ length: n }, () => ({}) as DeliveryRecord);
    },
  };
  return store;
}

function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  };
  return { lines, info: write('info'), warn: write('warn'), error: write('error') };
}

function setup(overrides: Partial<InteractionsDeps> = {}) {
  const invocations: PollerPayload[] = [];
  const logger = memoryLogger();
  const deps: InteractionsDeps = {
    publicKey: keys.publicKeyHex,
    store: fakeStore(),
    invokePoller: async (payload) => {
      invocations.push(payload);
    },
    clock: () => NOW,
    logger,
    ...overrides,
  };
  return { handle: createInteractionsHandler(deps), invocations, logger };
}

function bodyOf(result: FunctionUrlResult): Record<string, unknown> & {
  type: number;
  data?: {
    content?: string;
    flags?: number;
    embeds?: Record<string, unknown>[];
    allowed_mentions?: unknown;
  };
} {
  return JSON.parse(result.body);
}

const signed = (payload: unknown) => signedEvent(keys, payload, { at: NOW });

describe('the command definitions', () => {
  test('one top-level /herald command with latest, status and poll, valid for Discord', async () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(['herald']);
    expect(HERALD_COMMAND.options.map((o) => o.name)).toEqual(['latest', 'status', 'poll']);
    for (const command of COMMANDS) expect(await commandDefinitionProblems(command)).toEqual([]);
  });

  test('/herald needs Manage Server by default and is offered in guilds only', () => {
    expect(HERALD_COMMAND.default_member_permissions).toBe(MANAGE_GUILD_PERMISSION);
    expect(BigInt(MANAGE_GUILD_PERMISSION)).toBe(1n << 5n);
    expect(HERALD_COMMAND.contexts).toEqual([0]);
  });

  test('the spec check catches a misspelt field, so the validation above has teeth', async () => {
    const problems = await commandDefinitionProblems({ ...HERALD_COMMAND, defaultMemberPermissions: '32' });

    expect(problems).toContain("defaultMemberPermissions: not in Discord's schema");
  });
});

describe('requests Discord did not sign', () => {
  test('PING answers PONG, a valid interaction response', async () => {
    const { handle } = setup();

    const result = await handle(signed(pingInteraction()));

    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toBe('application/json');
    expect(bodyOf(result)).toEqual({ type: 1 });
    expect(await interactionResponseProblems(bodyOf(result))).toEqual([]);
  });

  test('a bad signature gets 401, as Discord checks when the endpoint URL is saved', async () => {
    const { handle, logger } = setup();
    const other = createTestKeys();

    const result = await handle(signedEvent(other, pingInteraction(), { at: NOW }));

    expect(result.statusCode).toBe(401);
    expect(logger.lines).toEqual(['warn refused a request {"reason":"bad-signature"}']);
  });

  test('no signature headers get 401', async () => {
    const { handle } = setup();

    const result = await handle(signedEvent(keys, pingInteraction(), { at: NOW, unsigned: true }));

    expect(result.statusCode).toBe(401);
  });

  test('a stale timestamp gets 401, even with a valid signature', async () => {
    const { handle } = setup();

    const result = await handle(
      signedEvent(keys, pingInteraction(), { at: new Date(NOW.getTime() - 6 * 60_000) }),
    );

    expect(result.statusCode).toBe(401);
  });

  test('a replayed request gets 401 the second time', async () => {
    const { handle, invocations } = setup();
    const event = signed(commandInteraction('poll'));

    const first = await handle(event);
    const again = await handle(event);

    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(401);
    expect(invocations).toHaveLength(1);
  });

  test('a base64-encoded body is verified over its decoded bytes', async () => {
    const { handle } = setup();

    const result = await handle(signedEvent(keys, pingInteraction(), { at: NOW, base64: true }));

    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ type: 1 });
  });

  test('a GET gets 405', async () => {
    const { handle } = setup();

    const result = await handle(signedEvent(keys, '', { at: NOW, method: 'GET' }));

    expect(result.statusCode).toBe(405);
    expect(result.headers.allow).toBe('POST');
  });

  test('a signed body that is not an interaction gets 400', async () => {
    const { handle } = setup();

    expect((await handle(signed('not json'))).statusCode).toBe(400);
    expect((await handle(signed({ hello: 'world' }))).statusCode).toBe(400);
    expect((await handle(signed({ ...pingInteraction(), type: 3 }))).statusCode).toBe(400);
  });
});

describe('/herald latest', () => {
  test('answers with one embed per story, only to the member who asked', async () => {
    const store = fakeStore({ stories: [story('voa:2'), story('voa:1')] });
    const { handle } = setup({ store });

    const body = bodyOf(await handle(signed(commandInteraction('latest'))));

    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
    expect(body.data?.content).toBe('The 2 latest stories:');
    expect(body.data?.embeds?.[0]).toEqual({
      title: 'Story voa:2',
      url: 'https://www.voanews.com/a/story/voa:2.html',
      timestamp: '2025-06-01T10:00:00.000Z',
      footer: { text: 'Human rights' },
      color: 0x1f6feb,
    });
    expect(store.calls).toEqual([{ limit: 5 }]);
    expect(await interactionResponseProblems(body)).toEqual([]);
  });

  test('passes the topic, normalised, and the count; public: true answers the whole channel', async () => {
    const store = fakeStore({ stories: [story('voa:1')] });
    const { handle } = setup({ store });

    const body = bodyOf(
      await handle(
        signed(
          commandInteraction('latest', [
            { type: 3, name: 'topic', value: '  Press Freedom ' },
            { type: 4, name: 'count', value: 3 },
            { type: 5, name: 'public', value: true },
          ]),
        ),
      ),
    );

    expect(store.calls).toEqual([{ topic: 'press-freedom', limit: 3 }]);
    expect(body.data?.flags).toBeUndefined();
    expect(body.data?.content).toBe('The latest story on press freedom:');
    expect(await interactionResponseProblems(body)).toEqual([]);
  });

  test('ten stories with oversized, hostile text stay within Discord limits and render as text', async () => {
    const stories = Array.from({ length: 10 }, (_, i) =>
      story(`voa:${i}`, {
        title: `@everyone <@123456789012345678> **bold** ${'x'.repeat(400)}`,
        url: i === 0 ? 'javascript:alert(1)' : `https://www.voanews.com/a/${i}.html`,
        topics: Array.from({ length: 40 }, (_, t) => `topic-number-${t}`),
        published: i === 1 ? 'not a date' : '2025-06-01T10:00:00.000Z',
      }),
    );
    const { handle } = setup({ store: fakeStore({ stories }) });

    const body = bodyOf(
      await handle(signed(commandInteraction('latest', [{ type: 4, name: 'count', value: 10 }]))),
    );

    const embeds = body.data?.embeds ?? [];
    expect(embeds).toHaveLength(10);
    expect(await interactionResponseProblems(body)).toEqual([]);
    expect(embeds[0]?.title).toMatch(/^@\u200beveryone <@\u200b123456789012345678> \\\*\\\*bold/);
    expect(embeds[0]?.url).toBeUndefined();
    expect(embeds[1]?.timestamp).toBeUndefined();
    expect(String(embeds[0]?.title).length).toBeLessThanOrEqual(256);
  });

  test('a count outside 1..10 is clamped', async () => {
    const store = fakeStore();
    const { handle } = setup({ store });

    await handle(signed(commandInteraction('latest', [{ type: 4, name: 'count', value: 50 }])));
    await handle(signed(commandInteraction('latest', [{ type: 4, name: 'count', value: 0 }])));

    expect(store.calls.map((c) => c.limit)).toEqual([10, 1]);
  });

  test('no stories yet says so', async () => {
    const { handle } = setup();

    const body = bodyOf(
      await handle(signed(commandInteraction('latest', [{ type: 3, name: 'topic', value: 'elections' }]))),
    );

    expect(body).toEqual({
      type: 4,
      data: { content: 'No matched stories on elections yet.', allowed_mentions: { parse: [] }, flags: 64 },
    });
  });

  test('a table slower than the deadline is answered in time with "try again"', async () => {
    const { handle, logger } = setup({ store: fakeStore({ delayMs: 500 }), storeDeadlineMs: 20 });

    const started = Date.now();
    const body = bodyOf(await handle(signed(commandInteraction('latest'))));

    expect(Date.now() - started).toBeLessThan(400);
    expect(body.data?.content).toBe("Herald's table did not answer in time. Try again in a moment.");
    expect(body.data?.flags).toBe(64);
    expect(logger.lines.some((l) => l.includes('StoreDeadlineError'))).toBe(true);
  });

  test('a failing table is answered, ephemerally, and logged', async () => {
    const { handle, logger } = setup({ store: fakeStore({ fail: new Error('ResourceNotFoundException') }) });

    const body = bodyOf(await handle(signed(commandInteraction('latest'))));

    expect(body.data?.content).toBe("Herald could not read its table. The function's log has the details.");
    expect(logger.lines.some((l) => l.startsWith('error the table read failed'))).toBe(true);
  });
});

describe('/herald status', () => {
  const feeds: FeedState[] = [
    {
      feedId: 'africa',
      consecutiveFailures: 0,
      itemsSeen: 20,
      lastSuccessAt: '2025-06-01T11:50:00.000Z',
    },
    {
      feedId: 'asia',
      consecutiveFailures: 3,
      itemsSeen: 0,
      lastErrorAt: '2025-06-01T11:55:00.000Z',
      lastError: 'HTTP 503 **Service** Unavailable',
      nextPollAt: '2025-06-01T12:20:00.000Z',
    },
  ];
  const channels: ChannelState[] = [
    { channelId: 'rights', health: 'ok' },
    {
      channelId: 'ops',
      health: 'broken',
      reason: 'HTTP 404: Unknown Webhook',
      since: '2025-06-01T09:00:00.000Z',
    },
  ];

  test('shows failing feeds first, broken channels, and delivery counts, only to the member who asked', async () => {
    const store = fakeStore({ feeds, channels, deliveries: { pending: 2, failed: 1 } });
    const { handle } = setup({ store });

    const body = bodyOf(await handle(signed(commandInteraction('status'))));

    expect(body.data?.flags).toBe(64);
    const [embed] = body.data?.embeds ?? [];
    expect(embed?.description).toBe(
      '⚠️ **asia** failing ×3, last error <t:1748778900:R>: HTTP 503 \\*\\*Service\\*\\* Unavailable, ' +
        'next try <t:1748780400:R>\n✅ **africa** ok, last fetched <t:1748778600:R>',
    );
    expect(embed?.fields).toEqual([
      { name: 'Channels', value: '❌ **ops** broken since <t:1748768400:R>: HTTP 404: Unknown Webhook' },
      { name: 'Deliveries', value: 'Pending: 2 · Failed: 1' },
    ]);
    expect(embed?.footer).toEqual({ text: '1 of 2 feeds failing' });
    expect(await interactionResponseProblems(body)).toEqual([]);
  });

  test('with the deployed config, feeds never polled are listed and healthy channels counted', async () => {
    const store = fakeStore({ feeds: feeds.slice(0, 1), deliveries: { pending: 80 } });
    const { handle } = setup({
      store,
      configured: { feedIds: ['africa', 'usa'], channelIds: ['rights', 'ops'] },
    });

    const body = bodyOf(await handle(signed(commandInteraction('status'))));

    const [embed] = body.data?.embeds ?? [];
    expect(embed?.description).toBe(
      '⏳ **usa** never polled\n✅ **africa** ok, last fetched <t:1748778600:R>',
    );
    expect(embed?.fields).toEqual([
      { name: 'Channels', value: 'All 2 channels ok' },
      { name: 'Deliveries', value: 'Pending: 50+ · Failed: 0' },
    ]);
    expect(await interactionResponseProblems(body)).toEqual([]);
  });

  test('hundreds of feeds are cut to fit, and the rest counted', async () => {
    const many = Array.from({ length: 300 }, (_, i) => ({
      feedId: `feed-${i}`,
      consecutiveFailures: 1,
      itemsSeen: 0,
      lastErrorAt: '2025-06-01T11:55:00.000Z',
      lastError: 'x'.repeat(500),
    }));
    const { handle } = setup({ store: fakeStore({ feeds: many }) });

    const body = bodyOf(await handle(signed(commandInteraction('status'))));

    expect(await interactionResponseProblems(body)).toEqual([]);
    expect(body.data?.embeds?.[0]?.description).toMatch(/… and \d+ more feeds$/);
  });
});

describe('/herald poll', () => {
  test('defers (type 5, ephemeral) after invoking the poller with the interaction to follow up', async () => {
    const { handle, invocations } = setup();
    const interaction = commandInteraction('poll');

    const body = bodyOf(await handle(signed(interaction)));

    expect(body).toEqual({ type: 5, data: { flags: 64 } });
    expect(invocations).toEqual([{ followUp: { applicationId: APPLICATION_ID, token: interaction.token } }]);
    expect(await interactionResponseProblems(body)).toEqual([]);
  });

  test('a member without Manage Server is refused, and no poll starts', async () => {
    const { handle, invocations } = setup();

    const body = bodyOf(
      await handle(signed(commandInteraction('poll', [], { permissions: READER_PERMISSIONS }))),
    );

    expect(body.data?.content).toBe('Running a poll needs the Manage Server permission.');
    expect(body.data?.flags).toBe(64);
    expect(invocations).toEqual([]);
  });

  test('Administrator is enough', async () => {
    const { handle, invocations } = setup();

    await handle(signed(commandInteraction('poll', [], { permissions: String(1 << 3) })));

    expect(invocations).toHaveLength(1);
  });

  test('a poller that cannot be invoked is reported, and the token never reaches the log', async () => {
    const interaction = commandInteraction('poll');
    const { handle, logger } = setup({
      invokePoller: async () => {
        throw new Error('ResourceNotFoundException: Function not found');
      },
    });

    const body = bodyOf(await handle(signed(interaction)));

    expect(body.data?.content).toBe(
      "Herald could not start a poll. The interactions function's log has the details.",
    );
    expect(logger.lines.join('\n')).toContain('could not start a poll');
    expect(logger.lines.join('\n')).not.toContain(interaction.token);
  });
});

describe('other commands', () => {
  test('an unknown subcommand or command name gets a polite ephemeral answer', async () => {
    const { handle } = setup();

    const unknownSub = bodyOf(await handle(signed(commandInteraction('purge'))));
    const otherCommand = bodyOf(await handle(signed(commandInteraction('latest', [], { name: 'other' }))));

    for (const body of [unknownSub, otherCommand]) {
      expect(body.data?.content).toBe('Herald does not know this command.');
      expect(body.data?.flags).toBe(64);
    }
  });
});

describe('the environment', () => {
  test('each missing variable is named', () => {
    const env = {
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      HERALD_TABLE: 'table',
      HERALD_POLLER_FUNCTION: 'poller',
    };
    for (const name of Object.keys(env)) {
      expect(() => handlerFromEnvironment({ ...env, [name]: undefined })).toThrow(`${name} is not set`);
    }
    expect(() => handlerFromEnvironment(env)).not.toThrow();
  });

  test('a public key that is not a key fails at cold start, not on the first request', () => {
    expect(() =>
      handlerFromEnvironment({ DISCORD_PUBLIC_KEY: 'abc', HERALD_TABLE: 't', HERALD_POLLER_FUNCTION: 'p' }),
    ).toThrow(InvalidPublicKeyError);
  });

  test('HERALD_CONFIG gives the feed and channel ids, without the config schema', () => {
    const config = {
      feeds: [{ id: 'usa', url: 'https://example.org' }, { url: 'no id' }],
      channels: [{ id: 'rights' }],
      store: { table: 't' },
    };

    expect(configuredIds(config)).toEqual({ feedIds: ['usa'], channelIds: ['rights'] });
    expect(configuredIds(null)).toEqual({ feedIds: [], channelIds: [] });
    const env = { DISCORD_PUBLIC_KEY: 'a'.repeat(64), HERALD_TABLE: 't', HERALD_POLLER_FUNCTION: 'p' };
    expect(() => handlerFromEnvironment({ ...env, HERALD_CONFIG: '{' })).toThrow(
      /HERALD_CONFIG.*not valid JSON|not valid JSON.*HERALD_CONFIG/,
    );
  });
});
