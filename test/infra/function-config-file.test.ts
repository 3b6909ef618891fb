import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Token } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, type ConfigInput, parseConfig } from '../../functions/core/config.ts';
import { ConfigFileError, readDeployedConfig } from '../../functions/wiring/config-files.ts';
import { loadDeployedConfig, MissingEnvironmentError } from '../../functions/wiring/deployed-config.ts';
import {
  markValidated,
  type ShippedConfig,
  trustedConfig,
  withoutMark,
} from '../../functions/wiring/validated-config.ts';
import { ROOT_DIR } from '../../infra/app.ts';
import { toFunctionConfig, validatedFunctionConfig } from '../../infra/deploy-config.ts';
import { HeraldBundling } from '../../infra/function-bundle.ts';
import {
  FUNCTION_CONFIG_FILE,
  UnresolvedConfigTokenError,
  writeFunctionConfigFile,
} from '../../infra/function-config-file.ts';
import { isolatedAwsEnv } from '../support/aws-stand-ins.ts';
import { bundleRunner } from './bundle-runner.ts';
import {
  BASE_CONFIG,
  bundleOf,
  logicalIdOf,
  resource,
  shippedConfigOf,
  synthStack,
  testApp,
} from './synth.ts';

const WEBHOOK = 'https://discord.com/api/webhooks/123456789012345678/wh-tok-5f9e-abcdefghijklmnopqrst';
const BOT_TOKEN = 'bot-tok-77aa-abcdefghijklmno.abcdef.ghijklmnopqrstuvwxyz01';

/** A config file as a user writes it: with a webhook URL and a bot token that must never be deployed. */
const WITH_SECRETS: ConfigInput = {
  ...BASE_CONFIG,
  channels: [
    { id: 'rights', webhookUrl: WEBHOOK, topics: ['human-rights'] },
    { id: 'bot', channelId: '123456789012345678' },
  ],
  discord: { botToken: BOT_TOKEN },
  store: { table: 'laptop-table', endpoint: 'http://localhost:8000' },
};

/** A handler whose code is fixed, so that only the config can tell two assets apart. */
const ECHO_HANDLER = 'test/infra/fixtures/config-echo-handler.ts';

/** Synthesizes with bundling; returns the poll function's asset hash, bundle and shipped config. */
function bundled(config: ConfigInput) {
  const app = testApp({ bundle: true });
  const { stack, template } = synthStack({ app, config, entries: { poll: ECHO_HANDLER } });
  const outdir = app.synth().directory;
  const pollId = logicalIdOf(stack.poll.function);
  const bundle = bundleOf(outdir, template, pollId);
  return {
    stack,
    codeKey: resource(template, pollId).Properties.Code.S3Key as string,
    bundle,
    code: readFileSync(bundle, 'utf8'),
    shipped: shippedConfigOf(outdir, template, pollId),
  };
}

describe('the config file in the code asset', () => {
  let first: ReturnType<typeof bundled>;
  let changed: ReturnType<typeof bundled>;
  let again: ReturnType<typeof bundled>;

  beforeAll(() => {
    first = bundled(WITH_SECRETS);
    changed = bundled({
      ...WITH_SECRETS,
      feeds: [...BASE_CONFIG.feeds, { id: 'africa', url: 'https://www.voanews.com/api/africa' }],
    });
    again = bundled(WITH_SECRETS);
  }, 60_000);

  it('is part of the asset hash: another config is another asset, the same config the same asset', () => {
    expect(changed.code).toBe(first.code);
    expect(changed.codeKey).not.toBe(first.codeKey);
    expect(again.codeKey).toBe(first.codeKey);
    expect(changed.shipped.feeds).toHaveLength(3);
  });

  it('is the function config, parsed and marked at synth: no webhook URL, no bot token, no store', () => {
    expect(first.shipped).toEqual(validatedFunctionConfig(WITH_SECRETS as Record<string, unknown>).config);
    expect(first.shipped).toEqual(JSON.parse(readFileSync(first.stack.functionConfigFile, 'utf8')));
    const text = JSON.stringify(first.shipped);
    for (const secret of ['wh-tok-5f9e', 'bot-tok-77aa', 'webhooks/', WEBHOOK, BOT_TOKEN, 'laptop-table'])
      expect(text).not.toContain(secret);
    expect(first.shipped.store).toBeUndefined();
    // Defaults filled in, and the mark that lets a function trust it.
    expect(first.shipped).toMatchObject({ maxAgeHours: 48, delivery: { leaseSeconds: 120 } });
    expect(trustedConfig(first.shipped)).toBeDefined();
    // Still a config the schema accepts, once the mark is off.
    const parsed = parseConfig(withoutMark(first.shipped), FUNCTION_CONFIG_FILE, { secretsElsewhere: true });
    expect(parsed.channels.map((c) => c.id)).toEqual(['rights', 'bot']);
  });

  it('is found beside the ESM bundle, at new URL(herald.config.json, import.meta.url)', async () => {
    const run = await bundleRunner(first.bundle).invoke([{}], isolatedAwsEnv());
    expect(run.outcomes).toEqual([{ ok: true, result: first.shipped }]);
  });
});

describe('writing and shipping the config file', () => {
  it('refuses a config holding a deploy-time value, which a file could not resolve', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'herald-config-'));
    const config = { ...BASE_CONFIG, store: { table: Token.asString({ Ref: 'Table' }) } };
    expect(() => writeFunctionConfigFile(dir, config)).toThrow(UnresolvedConfigTokenError);
  });

  it('copies the file into the bundle directory, whatever characters the paths hold', () => {
    const root = mkdtempSync(path.join(tmpdir(), "herald it's $HOME "));
    const file = writeFunctionConfigFile(path.join(root, 'config dir'), { feeds: [] });
    const outputDir = path.join(root, 'asset output');
    mkdirSync(outputDir);
    expect(new HeraldBundling(ROOT_DIR, ECHO_HANDLER, file).tryBundle(outputDir)).toBe(true);
    expect(readFileSync(path.join(outputDir, FUNCTION_CONFIG_FILE), 'utf8')).toBe(readFileSync(file, 'utf8'));
    expect(readFileSync(path.join(outputDir, 'index.mjs'), 'utf8')).toContain('herald.config.json');
  });

  it('names the file by its content, so that two configs never share a bundling command', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'herald-config-'));
    const one = writeFunctionConfigFile(dir, { feeds: [{ id: 'a' }] });
    const other = writeFunctionConfigFile(dir, { feeds: [{ id: 'b' }] });
    expect(other).not.toBe(one);
    expect(writeFunctionConfigFile(dir, { feeds: [{ id: 'a' }] })).toBe(one);
  });
});

describe('reading the config file in a function (loadDeployedConfig)', () => {
  /** A code directory as Lambda unpacks it: the config file beside the bundle. */
  function codeDir(config: Record<string, unknown>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'herald-task-'));
    const file = writeFunctionConfigFile(path.join(dir, 'staging'), config);
    copyFileSync(file, path.join(dir, FUNCTION_CONFIG_FILE));
    return dir;
  }
  const input = WITH_SECRETS as Record<string, unknown>;
  const shipped = validatedFunctionConfig(input).config;
  const TABLE = 'Herald-Table-1A2B3C';
  const inAws = (dir: string) => ({
    LAMBDA_TASK_ROOT: dir,
    HERALD_CONFIG_FILE: FUNCTION_CONFIG_FILE,
    HERALD_TABLE: TABLE,
    HERALD_SECRET_ID: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:herald',
  });

  it('reads the file HERALD_CONFIG_FILE names in LAMBDA_TASK_ROOT, with the store from HERALD_TABLE', async () => {
    const config = await loadDeployedConfig(inAws(codeDir(shipped)));
    expect(config.feeds.map((f) => f.id)).toEqual(['usa', 'east-asia']);
    expect(config.store).toEqual({ table: TABLE });
  });

  it('trusts the file synth marked to the same config the schema would make of it', async () => {
    const trusted = await loadDeployedConfig(inAws(codeDir(shipped)));
    const { config: unmarked } = toFunctionConfig(input);
    const schema = await loadDeployedConfig(inAws(codeDir(unmarked)));
    expect(trusted).toEqual(schema);
    expect(trusted).toEqual(
      parseConfig({ ...unmarked, store: { table: TABLE } }, 'x', { secretsElsewhere: true }),
    );
  });

  it('takes a marked file as it is, without the schema, whose rules it would not pass', async () => {
    // A file the schema refuses (no feeds), marked as synth marks: only trust can let it through.
    const marked = markValidated({ ...(withoutMark(shipped) as ShippedConfig), feeds: [] });
    const config = await loadDeployedConfig(inAws(codeDir(marked)));
    expect(config.feeds).toEqual([]);
  });

  it('validates a marked file edited after synth, and one read without the secrets elsewhere', async () => {
    const marked = markValidated({ ...(withoutMark(shipped) as ShippedConfig), feeds: [] });
    const edited = { ...marked, maxAgeHours: 12 };
    const file = path.join(codeDir(edited), FUNCTION_CONFIG_FILE);
    await expect(loadDeployedConfig(inAws(path.dirname(file)))).rejects.toThrow(
      new ConfigError(['feeds: list at least one feed'], file).message,
    );
    // Unedited, but read where the secrets are in the config: the rule synth validated under does not hold.
    const { HERALD_SECRET_ID: _elsewhere, ...laptop } = inAws(codeDir(marked));
    await expect(loadDeployedConfig(laptop)).rejects.toThrow(ConfigError);
    expect(
      trustedConfig({ ...marked, $validated: { ...marked.$validated, secrets: 'here' } }),
    ).toBeUndefined();
  });

  it('validates HERALD_CONFIG, marked or not: only a file comes from synth', async () => {
    const marked = markValidated({ ...(withoutMark(shipped) as ShippedConfig), feeds: [] });
    await expect(
      loadDeployedConfig({ ...inAws(codeDir(shipped)), HERALD_CONFIG: JSON.stringify(marked) }),
    ).rejects.toThrow(new ConfigError(['feeds: list at least one feed'], 'HERALD_CONFIG').message);
  });

  it("falls back to the running module's directory without LAMBDA_TASK_ROOT", async () => {
    const dir = codeDir(shipped);
    const env = { HERALD_CONFIG_FILE: FUNCTION_CONFIG_FILE };
    expect((await loadDeployedConfig(env, { secretsElsewhere: true, moduleDir: dir })).feeds).toHaveLength(2);
    expect(readDeployedConfig(env, dir)?.source).toBe(path.join(dir, FUNCTION_CONFIG_FILE));
  });

  it('prefers HERALD_CONFIG when it is set, as for local runs', async () => {
    const dir = codeDir(shipped);
    const inline = { feeds: [{ id: 'inline', url: 'https://example.org/feed.xml' }] };
    const config = await loadDeployedConfig({
      LAMBDA_TASK_ROOT: dir,
      HERALD_CONFIG_FILE: FUNCTION_CONFIG_FILE,
      HERALD_CONFIG: JSON.stringify(inline),
    });
    expect(config.feeds.map((f) => f.id)).toEqual(['inline']);
  });

  it('refuses HERALD_CONFIG that is not JSON, naming it', async () => {
    await expect(loadDeployedConfig({ HERALD_CONFIG: '{"feeds": [' })).rejects.toThrow(ConfigFileError);
    await expect(loadDeployedConfig({ HERALD_CONFIG: '{"feeds": [' })).rejects.toThrow(
      /not valid JSON.*: HERALD_CONFIG$/,
    );
  });

  it('names the path when the file is missing or not JSON, and the variables when neither is set', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'herald-task-'));
    const missing = () => loadDeployedConfig({ LAMBDA_TASK_ROOT: dir, HERALD_CONFIG_FILE: 'nowhere.json' });
    await expect(missing()).rejects.toThrow(ConfigFileError);
    await expect(missing()).rejects.toThrow(`does not exist: ${path.join(dir, 'nowhere.json')}`);

    writeFileSync(path.join(dir, FUNCTION_CONFIG_FILE), '{ not json');
    const invalid = () =>
      loadDeployedConfig({ LAMBDA_TASK_ROOT: dir, HERALD_CONFIG_FILE: FUNCTION_CONFIG_FILE });
    await expect(invalid()).rejects.toThrow(ConfigFileError);
    await expect(invalid()).rejects.toThrow(
      new RegExp(`not valid JSON.*: ${path.join(dir, FUNCTION_CONFIG_FILE)}$`),
    );

    await expect(loadDeployedConfig({})).rejects.toThrow(MissingEnvironmentError);
    await expect(loadDeployedConfig({})).rejects.toThrow(/HERALD_CONFIG_FILE is not set/);
  });

  it('names the file and every bad key when an unmarked config is invalid', async () => {
    const dir = codeDir({ feeds: [] });
    await expect(
      loadDeployedConfig({ LAMBDA_TASK_ROOT: dir, HERALD_CONFIG_FILE: FUNCTION_CONFIG_FILE }),
    ).rejects.toThrow(
      new ConfigError(['feeds: list at least one feed'], path.join(dir, FUNCTION_CONFIG_FILE)).message,
    );
  });
});
