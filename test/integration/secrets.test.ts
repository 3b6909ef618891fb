import { execFile } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  isDiscordWebhookUrl,
  loadSecretConfig,
  parseSecretConfig,
  SecretsError,
  storeChannelSecret,
} from '../../functions/adapters/secrets.ts';
import { readSecretInput, run } from '../../functions/cli/commands/secrets.ts';
import { UsageError } from '../../functions/cli/io.ts';
import {
  isolatedAwsEnv,
  type LambdaStandIn,
  type SecretsManagerStandIn,
  startLambdaAndCloudFormation,
  startSecretsManager,
} from '../support/aws-stand-ins.ts';
import { bufferIo } from '../support/buffer-io.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRET = 'HeraldSecretA720EF05-Xyz';
const WEBHOOK = 'https://discord.com/api/webhooks/123456789012345678/wh-tok-5f9e_abcdefghijklmnopqrstuvwxyz';
const OTHER_WEBHOOK =
  'https://discord.com/api/webhooks/223456789012345678/older-token-abcdefghijklmnopqrstuvwxyz';
const BOT_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.bot-tok-77aa_abcdefghijklmnopqrstuvwxyz';

/** A client with an explicit endpoint, region and credentials, for the adapter tests. */
const clientFor = (url: string) =>
  new SecretsManagerClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

describe('herald secrets', () => {
  let sm: SecretsManagerStandIn;
  let cfn: LambdaStandIn;

  beforeAll(async () => {
    sm = await startSecretsManager({});
    cfn = await startLambdaAndCloudFormation({
      functions: {},
      stacks: {
        Herald: {
          SecretName: SECRET,
          SecretArn: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${SECRET}-AbCdEf`,
        },
      },
    });
  });
  afterAll(async () => {
    await sm.close();
    await cfn.close();
  });
  beforeEach(() => {
    sm.values.clear();
    sm.values.set(SECRET, JSON.stringify({ channels: { older: OTHER_WEBHOOK } }));
    sm.requests.length = 0;
    vi.stubEnv('AWS_ENDPOINT_URL_SECRETS_MANAGER', sm.url);
    vi.stubEnv('AWS_ENDPOINT_URL_CLOUDFORMATION', cfn.url);
  });
  afterEach(() => vi.unstubAllEnvs());

  it('stores a webhook URL in the stack secret, keeps the other channels, and never prints the URL', async () => {
    const io = bufferIo();
    expect(await run(['set', 'rights', WEBHOOK], io)).toBe(0);
    expect(JSON.parse(sm.values.get(SECRET) as string)).toEqual({
      channels: { older: OTHER_WEBHOOK, rights: WEBHOOK },
    });
    expect(sm.requests.map((r) => r.headers['x-amz-target'])).toEqual([
      'secretsmanager.GetSecretValue',
      'secretsmanager.PutSecretValue',
    ]);
    expect(io.stdout[0]).toMatch(/^stored webhook for channel rights in secret arn:aws:secretsmanager:/);
    expect(io.all()).not.toContain('wh-tok-5f9e');
    expect(io.all()).not.toContain('webhooks/');
  });

  it('reads the URL from stdin when it is not an argument', async () => {
    const io = bufferIo();
    const readValue = vi.fn(async () => WEBHOOK);
    expect(await run(['set', 'rights', '--secret', SECRET], io, { readValue })).toBe(0);
    expect(readValue).toHaveBeenCalledWith('Webhook URL for channel rights: ');
    expect(JSON.parse(sm.values.get(SECRET) as string).channels.rights).toBe(WEBHOOK);
    expect(io.all()).not.toContain('wh-tok-5f9e');
  });

  it('reads a piped value whole and trimmed', async () => {
    const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
    stdin.end(`${WEBHOOK}\n`);
    expect(await readSecretInput('prompt', bufferIo(), stdin as unknown as NodeJS.ReadStream)).toBe(WEBHOOK);
  });

  it('refuses a value that is not a Discord webhook URL, without storing or echoing it', async () => {
    const io = bufferIo();
    const attempt = run(['set', 'rights', 'https://example.org/hook/not-a-webhook-secretish'], io);
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.not.toThrow(/secretish/);
    expect(sm.requests).toEqual([]);
    expect(JSON.parse(sm.values.get(SECRET) as string).channels.rights).toBeUndefined();
  });

  it('accepts a webhook under --api-base, for a proxy or a local Discord stand-in', async () => {
    const local = 'http://127.0.0.1:4567/api/webhooks/1/local-token';
    expect(isDiscordWebhookUrl(local)).toBe(false);
    expect(
      await run(
        ['set', 'local', local, '--api-base', 'http://127.0.0.1:4567/api', '--secret', SECRET],
        bufferIo(),
      ),
    ).toBe(0);
    expect(JSON.parse(sm.values.get(SECRET) as string).channels.local).toBe(local);
  });

  it('stores the bot token next to the channels', async () => {
    const io = bufferIo();
    expect(await run(['set-bot-token', BOT_TOKEN, '--secret', SECRET], io)).toBe(0);
    expect(JSON.parse(sm.values.get(SECRET) as string)).toEqual({
      channels: { older: OTHER_WEBHOOK },
      botToken: BOT_TOKEN,
    });
    expect(io.stdout[0]).toBe(`stored the bot token in secret ${SECRET}`);
    expect(io.all()).not.toContain('bot-tok-77aa');
    await expect(
      run(['set-bot-token', 'https://discord.com/not-a-token', '--secret', SECRET], bufferIo()),
    ).rejects.toThrow(UsageError);
  });

  it('says the stack is not deployed, and suggests --secret', async () => {
    const io = bufferIo();
    expect(await run(['set', 'rights', WEBHOOK, '--stack', 'Missing'], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/stack Missing is not deployed.*--secret/);
    expect(sm.requests).toEqual([]);
  });

  it('names the secret but not its value when the secret is not Herald JSON', async () => {
    sm.values.set(SECRET, WEBHOOK);
    const io = bufferIo();
    const attempt = run(['set', 'rights', WEBHOOK, '--secret', SECRET], io);
    await expect(attempt).rejects.toThrow(SecretsError);
    await expect(attempt).rejects.toThrow(`secret ${SECRET} is not valid JSON`);
    await attempt.catch((error: Error) => {
      expect(error.message).not.toContain('discord');
      expect(error.cause).toBeUndefined();
    });
  });

  it('works as the herald command, the URL piped on stdin', async () => {
    const child = execFile(process.execPath, [path.join(ROOT, 'bin/herald.js'), 'secrets', 'set', 'piped'], {
      cwd: ROOT,
      env: {
        ...isolatedAwsEnv(),
        AWS_ENDPOINT_URL_SECRETS_MANAGER: sm.url,
        AWS_ENDPOINT_URL_CLOUDFORMATION: cfn.url,
      },
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.stdin?.end(`${WEBHOOK}\n`);
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code, output).toBe(0);
    expect(output).toContain('stored webhook for channel piped');
    expect(output).not.toContain('wh-tok-5f9e');
    expect(JSON.parse(sm.values.get(SECRET) as string).channels.piped).toBe(WEBHOOK);
  });
});

describe('loadSecretConfig', () => {
  let sm: SecretsManagerStandIn;
  beforeAll(async () => {
    sm = await startSecretsManager({});
  });
  afterAll(() => sm.close());

  it('reads and validates the secret, and caches it', async () => {
    sm.values.set('ok', JSON.stringify({ channels: { rights: WEBHOOK }, botToken: BOT_TOKEN }));
    const client = clientFor(sm.url);
    expect(await loadSecretConfig('ok', { client })).toEqual({
      channels: { rights: WEBHOOK },
      botToken: BOT_TOKEN,
    });
    sm.values.set('ok', JSON.stringify({ channels: {} }));
    expect((await loadSecretConfig('ok', { client })).channels.rights).toBe(WEBHOOK);
    expect(await loadSecretConfig('ok', { client, forceFetch: true })).toEqual({ channels: {} });
    expect(sm.requests.filter((r) => r.body.includes('"ok"'))).toHaveLength(2);
  });

  it('finds the endpoint in AWS_ENDPOINT_URL_SECRETS_MANAGER, as the deployed function does', async () => {
    sm.values.set('from-env', JSON.stringify({ channels: { rights: WEBHOOK } }));
    vi.stubEnv('AWS_ENDPOINT_URL_SECRETS_MANAGER', sm.url);
    try {
      expect(await loadSecretConfig('from-env')).toEqual({ channels: { rights: WEBHOOK } });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('refuses a secret that is not Herald JSON, naming keys and never values', async () => {
    const client = clientFor(sm.url);
    sm.values.set('bad-json', `${WEBHOOK} oops`);
    sm.values.set(
      'bad-shape',
      JSON.stringify({ channels: { rights: 'not a url wh-tok-5f9e' }, chanels: {} }),
    );
    sm.values.set('empty', undefined);
    for (const id of ['bad-json', 'bad-shape', 'empty', 'missing']) {
      const error = await loadSecretConfig(id, { client }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, id).toBeInstanceOf(SecretsError);
      expect(String((error as Error).message), id).not.toMatch(/wh-tok-5f9e|discord\.com/);
    }
    await expect(loadSecretConfig('bad-shape', { client })).rejects.toThrow(
      'secret bad-shape is not a Herald secret: channels.rights: must be an http(s) URL; (root): unknown keys chanels',
    );
    await expect(loadSecretConfig('missing', { client })).rejects.toThrow(
      /could not read secret missing: ResourceNotFoundException/,
    );
  });

  it('parses an empty-ish secret as no channels', () => {
    expect(parseSecretConfig('{}', 's')).toEqual({ channels: {} });
    expect(() => parseSecretConfig('[]', 's')).toThrow(SecretsError);
  });

  it('keeps other entries on a read-modify-write, even from a secret with no value yet', async () => {
    const client = clientFor(sm.url);
    sm.values.set('new', undefined);
    await storeChannelSecret('new', 'rights', WEBHOOK, { client });
    expect(JSON.parse(sm.values.get('new') as string)).toEqual({ channels: { rights: WEBHOOK } });
    await expect(storeChannelSecret('new', 'bad id', WEBHOOK, { client })).rejects.toThrow(SecretsError);
  });
});
