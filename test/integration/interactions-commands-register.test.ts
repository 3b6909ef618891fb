import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { run } from '../../functions/cli/commands/commands.ts';
import type { CliIo } from '../../functions/cli/io.ts';
import { UsageError } from '../../functions/cli/io.ts';
import { main } from '../../functions/cli/main.ts';
import { COMMANDS } from '../../functions/interactions/commands.ts';
import { type CommandsApiStandIn, startCommandsApiStandIn } from '../support/interactions-commands-server.ts';

const APPLICATION_ID = '1234567890123456789';
const GUILD_ID = '1122334455667788990';
const BOT_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';

function bufferIo(cwd: string, env: Record<string, string | undefined> = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = {
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    progress: (text) => stderr.push(text),
    env,
    cwd,
    isTty: false,
  };
  return { io, stdout, stderr, all: () => [...stdout, ...stderr].join('\n') };
}

describe('herald commands register', () => {
  let discord: CommandsApiStandIn;
  let folder: string;

  beforeAll(async () => {
    discord = await startCommandsApiStandIn({
      applicationId: APPLICATION_ID,
      botToken: BOT_TOKEN,
      guilds: [GUILD_ID],
    });
    folder = await mkdtemp(path.join(tmpdir(), 'herald-commands-'));
    await writeFile(
      path.join(folder, 'herald.config.json'),
      JSON.stringify({
        feeds: [{ id: 'usa', url: 'https://www.voanews.com/api/zq$omekvi_' }],
        discord: { apiBase: discord.apiBase, timeoutMs: 2000 },
      }),
    );
  });

  afterEach(() => {
    discord.registrations.length = 0;
  });

  afterAll(async () => {
    await discord?.close();
    await rm(folder, { recursive: true, force: true });
  });

  const env = { DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_BOT_TOKEN: BOT_TOKEN };

  test('registers /herald globally with the bot token from the environment, and never prints it', async () => {
    const out = bufferIo(folder, env);

    const code = await main(['commands', 'register'], out.io);

    expect(code).toBe(0);
    expect(discord.registrations).toEqual([
      {
        applicationId: APPLICATION_ID,
        commands: JSON.parse(JSON.stringify(COMMANDS)),
        userAgent: expect.stringMatching(/^DiscordBot \(https:\/\/\S+, [\d.]+\)$/),
      },
    ]);
    expect(discord.invalid).toEqual([]);
    expect(out.stdout).toEqual([
      `Registered /herald (latest, status, poll, why, test) for application ${APPLICATION_ID} globally.`,
    ]);
    expect(out.all()).not.toContain(BOT_TOKEN);
  });

  test('--guild registers in one server, and --json prints what Discord created', async () => {
    const out = bufferIo(folder, env);

    const code = await run(['register', '--guild', GUILD_ID, '--json'], out.io);

    expect(code).toBe(0);
    expect(discord.registrations.map((r) => r.guildId)).toEqual([GUILD_ID]);
    expect(JSON.parse(out.stdout[0] ?? '')).toEqual({
      applicationId: APPLICATION_ID,
      scope: 'guild',
      guildId: GUILD_ID,
      commands: [{ id: expect.stringMatching(/^\d+$/), name: 'herald' }],
    });
  });

  test('reads the bot token from the deployed stack secret when the environment has none', async () => {
    const out = bufferIo(folder, {});
    const asked: string[] = [];

    const code = await run(['register', '--application-id', APPLICATION_ID], out.io, {
      stackOutputs: async (stack) => {
        asked.push(`stack ${stack}`);
        return { SecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:HeraldSecret-AbCdEf' };
      },
      loadSecret: async (secretId) => {
        asked.push(`secret ${secretId}`);
        return { channels: {}, botToken: BOT_TOKEN };
      },
    });

    expect(code).toBe(0);
    expect(asked).toEqual([
      'stack Herald',
      'secret arn:aws:secretsmanager:us-east-1:123456789012:secret:HeraldSecret-AbCdEf',
    ]);
    expect(discord.registrations).toHaveLength(1);
  });

  test('--secret names the secret and wins over the environment', async () => {
    const out = bufferIo(folder, { ...env, DISCORD_BOT_TOKEN: 'stale.token.fromenvironment' });

    const code = await run(['register', '--secret', 'HeraldSecret'], out.io, {
      loadSecret: async () => ({ channels: {}, botToken: BOT_TOKEN }),
    });

    expect(code).toBe(0);
  });

  test('a secret without a bot token says how to store one', async () => {
    const out = bufferIo(folder, { DISCORD_APPLICATION_ID: APPLICATION_ID });

    const registering = run(['register', '--secret', 'HeraldSecret'], out.io, {
      loadSecret: async () => ({ channels: {} }),
    });

    await expect(registering).rejects.toThrow(UsageError);
    await expect(registering).rejects.toThrow(/herald secrets set-bot-token/);
  });

  test('a token Discord refuses exits 1 with Discord’s reason, and the token is not echoed', async () => {
    const wrong = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhIjKl.wrongwrongwrongwrongwrongwrongwrong';
    const out = bufferIo(folder, { ...env, DISCORD_BOT_TOKEN: wrong });

    const code = await main(['commands', 'register'], out.io);

    expect(code).toBe(1);
    expect(out.stderr.at(-1)).toBe(
      'herald commands: Discord refused the commands: 401 401: Unauthorized: check the bot token ' +
        '(DISCORD_BOT_TOKEN, or `herald secrets set-bot-token`)',
    );
    expect(out.all()).not.toContain(wrong);
    expect(discord.registrations).toEqual([]);
  });

  test('a server the bot is not in is refused with a hint', async () => {
    const out = bufferIo(folder, env);

    const code = await main(['commands', 'register', '--guild', '1999999999999999999'], out.io);

    expect(code).toBe(1);
    expect(out.stderr.at(-1)).toMatch(/403 Missing Access \(code 50001\): is the bot in that server/);
  });

  test('usage errors: no application id, a guild that is not a snowflake, an unknown action', async () => {
    const noId = bufferIo(folder, { DISCORD_BOT_TOKEN: BOT_TOKEN });
    const badGuild = bufferIo(folder, env);
    const unknown = bufferIo(folder, env);

    expect(await main(['commands', 'register'], noId.io)).toBe(2);
    expect(await main(['commands', 'register', '--guild', 'my-server'], badGuild.io)).toBe(2);
    expect(await main(['commands', 'list'], unknown.io)).toBe(2);

    expect(noId.stderr.at(-1)).toMatch(
      /^herald commands: pass --application-id or set DISCORD_APPLICATION_ID/,
    );
    expect(badGuild.stderr.at(-1)).toBe(
      'herald commands: --guild must be a Discord snowflake (the server id)',
    );
    expect(unknown.stderr.at(-1)).toMatch(/^herald commands: usage: herald commands register/);
    expect(discord.registrations).toEqual([]);
  });
});
