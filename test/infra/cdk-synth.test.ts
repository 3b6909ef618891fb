import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../infra/app.ts';
import { findBundle } from './synth.ts';

describe('npx cdk synth', () => {
  it('works offline with no credentials, cdk-nag included', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'herald-synth-'));
    // No AWS_* variables at all, no credential files, and a proxy that refuses every connection:
    // any attempt to reach AWS (or the metadata address, or anything else) would fail the synth or show here.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_') && !key.startsWith('CDK_')),
    );
    Object.assign(env, {
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: path.join(outdir, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(outdir, 'no-credentials'),
      HTTPS_PROXY: 'http://127.0.0.1:9',
      HTTP_PROXY: 'http://127.0.0.1:9',
      NO_PROXY: '',
    });
    delete env.HERALD_CONFIG_FILE;
    const started = Date.now();
    const result = spawnSync('npx', ['cdk', 'synth', '--quiet', '--output', outdir], {
      cwd: ROOT_DIR,
      env,
      encoding: 'utf8',
      timeout: 110_000,
    });
    console.log(`cdk synth: exit ${result.status} in ${Date.now() - started} ms`);
    expect(result.stderr + result.stdout).not.toMatch(/AwsSolutions-|credentials|ECONNREFUSED/i);
    expect(result.status, result.stderr).toBe(0);

    const template = JSON.parse(readFileSync(path.join(outdir, 'Herald.template.json'), 'utf8'));
    expect(Object.keys(template.Outputs)).toEqual(
      expect.arrayContaining(['FunctionName', 'TableName', 'SecretName', 'AlarmTopicArn']),
    );
    expect(existsSync(findBundle(outdir))).toBe(true);
  }, 120_000);
});
