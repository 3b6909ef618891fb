import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../functions/core/config.ts';
import { ConfigFileError } from '../../functions/wiring/config-files.ts';
import { loadDeployConfig, toFunctionConfig } from '../../infra/deploy-config.ts';
import { DEFAULT_SETTINGS, DeploySettingsError, readDeploySettings } from '../../infra/deploy-settings.ts';

const feed = (id: string) => ({ id, url: `https://example.org/${id}.xml` });

function repo(files: Record<string, unknown>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'herald-root-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

describe('the deployed config', () => {
  it('comes from herald.config.json when there is one, else config/default.json', () => {
    const both = repo({
      'herald.config.json': { feeds: [feed('mine')] },
      'config/default.json': { feeds: [feed('shipped')] },
    });
    expect(loadDeployConfig({ rootDir: both }).config.feeds[0]?.id).toBe('mine');
    const shipped = repo({ 'config/default.json': { feeds: [feed('shipped')] } });
    expect(loadDeployConfig({ rootDir: shipped }).config.feeds[0]?.id).toBe('shipped');
  });

  it('comes from -c config=FILE first, then HERALD_CONFIG_FILE, relative to the working directory', () => {
    const root = repo({
      'herald.config.json': { feeds: [feed('mine')] },
      'ctx.json': { feeds: [feed('context')] },
      'env.json': { feeds: [feed('env')] },
    });
    expect(
      loadDeployConfig({ rootDir: root, cwd: root, contextFile: 'ctx.json', envFile: 'env.json' }).config
        .feeds[0]?.id,
    ).toBe('context');
    expect(loadDeployConfig({ rootDir: root, cwd: root, envFile: 'env.json' }).config.feeds[0]?.id).toBe(
      'env',
    );
  });

  it('fails synth with the file name when the file is missing or not JSON', () => {
    const root = repo({ 'herald.config.json': '{ not json' });
    expect(() => loadDeployConfig({ rootDir: root })).toThrow(ConfigFileError);
    expect(() => loadDeployConfig({ rootDir: root })).toThrow(/not valid JSON.*herald\.config\.json$/);
    expect(() => loadDeployConfig({ rootDir: root, contextFile: 'nope.json', cwd: root })).toThrow(
      /not found/,
    );
    expect(() => loadDeployConfig({ rootDir: repo({}) })).toThrow(/no config/);
  });

  it('fails synth naming every bad key', () => {
    const root = repo({ 'herald.config.json': { feeds: [], schedule: { rateMinutes: 0 }, extra: 1 } });
    expect(() => loadDeployConfig({ rootDir: root })).toThrow(ConfigError);
    expect(() => loadDeployConfig({ rootDir: root })).toThrow(
      /feeds[\s\S]*schedule\.rateMinutes[\s\S]*extra/,
    );
  });

  it("leaves the secrets and the laptop's store behind, and says which secrets", () => {
    const { config, droppedWebhooks, droppedBotToken } = toFunctionConfig({
      feeds: [feed('a')],
      channels: [
        { id: 'news', webhookUrl: 'https://discord.com/api/webhooks/1/x' },
        { id: 'bot', channelId: '1' },
      ],
      discord: { botToken: 'token', timeoutMs: 5000 },
      store: { path: '.herald' },
    });
    expect(config).toEqual({
      feeds: [feed('a')],
      channels: [{ id: 'news' }, { id: 'bot', channelId: '1' }],
      discord: { timeoutMs: 5000 },
    });
    expect(droppedWebhooks).toEqual(['news']);
    expect(droppedBotToken).toBe(true);
  });
});

describe('the deploy settings', () => {
  const settings = (context: Record<string, unknown>) => readDeploySettings(new App({ context }).node);

  it('default to a retained table, 30-day logs, one reserved execution and no e-mail', () => {
    expect(settings({})).toEqual(DEFAULT_SETTINGS);
  });

  it('read command-line strings and cdk.json values alike', () => {
    expect(
      settings({
        'herald:retainTable': 'false',
        'herald:logRetentionDays': '90',
        'herald:reservedConcurrency': 'off',
        'herald:alarmEmail': 'ops@example.org',
        'herald:stackName': 'HeraldTest',
      }),
    ).toEqual({
      stackName: 'HeraldTest',
      retainTable: false,
      logRetentionDays: 90,
      alarmEmail: 'ops@example.org',
    });
    expect(settings({ 'herald:retainTable': false, 'herald:reservedConcurrency': 2 })).toMatchObject({
      retainTable: false,
      reservedConcurrency: 2,
    });
  });

  it('name every bad key', () => {
    const bad = () =>
      settings({
        'herald:retainTable': 'maybe',
        'herald:logRetentionDays': 31,
        'herald:reservedConcurrency': 0,
        'herald:alarmEmail': 'nobody',
        'herald:discordPublicKey': 'not-a-key',
      });
    expect(bad).toThrow(DeploySettingsError);
    expect(bad).toThrow(
      /retainTable[\s\S]*alarmEmail[\s\S]*logRetentionDays[\s\S]*reservedConcurrency[\s\S]*discordPublicKey/,
    );
  });

  it('take the Discord public key as 64 hex characters, in either case, and no key when it is empty', () => {
    const key = 'ABCDEF0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789';
    expect(settings({ 'herald:discordPublicKey': ` ${key} ` }).discordPublicKey).toBe(key.toLowerCase());
    expect(settings({ 'herald:discordPublicKey': '' })).toEqual(DEFAULT_SETTINGS);
    for (const bad of [key.slice(1), `${key}0`, `${key.slice(1)}g`, 42, true])
      expect(() => settings({ 'herald:discordPublicKey': bad }), String(bad)).toThrow(
        /herald:discordPublicKey: must be the 64 hex characters/,
      );
  });
});
