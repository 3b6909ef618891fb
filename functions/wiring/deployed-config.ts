import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HeraldConfig } from '../core/config.ts';
import { DEFAULT_STORE_PATH } from '../core/store-location.ts';
import { type RuntimeEnv, readDeployedConfig } from './config-files.ts';
import { trustedConfig, withoutMark } from './validated-config.ts';

/** A variable the stack sets is missing. */
export class MissingEnvironmentError extends Error {
  override readonly name = 'MissingEnvironmentError';
}

export function requireEnv(env: RuntimeEnv, name: string): string {
  const value = env[name];
  if (!value)
    throw new MissingEnvironmentError(
      `${name} is not set: the stack sets it; for a local run, set it yourself`,
    );
  return value;
}

/**
 * A function's config (see `readDeployedConfig`). In AWS the store is the stack's table, which the
 * config file cannot name (its name is known only at deploy), so `HERALD_TABLE` fills it in. With
 * `HERALD_SECRET_ID` set, webhook URLs and the bot token live in the secret, so the config may lack them;
 * `secretsElsewhere` says the same for a function that never posts.
 *
 * The file that synth validated and marked (validated-config.ts) is trusted as it is, when the function
 * runs under the same rule for secrets: a cold start then never loads the config schema. Anything else
 * (`HERALD_CONFIG`, an unmarked or edited file, secrets in the config) is parsed by the schema, which
 * loads on that first call.
 *
 * @throws MissingEnvironmentError when neither HERALD_CONFIG nor HERALD_CONFIG_FILE is set
 * @throws ConfigFileError when the file is missing, unreadable or not JSON
 * @throws ConfigError naming every bad key
 */
export async function loadDeployedConfig(
  env: RuntimeEnv = process.env,
  options: { secretsElsewhere?: boolean; moduleDir?: string } = {},
): Promise<HeraldConfig> {
  const read = readDeployedConfig(env, options.moduleDir ?? path.dirname(fileURLToPath(import.meta.url)));
  if (!read)
    throw new MissingEnvironmentError(
      'HERALD_CONFIG_FILE is not set: the stack sets it; for a local run, set HERALD_CONFIG_FILE or HERALD_CONFIG',
    );
  const secretsElsewhere = options.secretsElsewhere ?? Boolean(env.HERALD_SECRET_ID);
  const table = env.HERALD_TABLE;
  // Only a file carries synth's mark; HERALD_CONFIG is the operator's text, always validated.
  const trusted = !env.HERALD_CONFIG && secretsElsewhere ? trustedConfig(read.input) : undefined;
  if (trusted) return { ...trusted, store: table ? { table } : { path: DEFAULT_STORE_PATH } };

  const { parseConfig } = await import('../core/config.ts');
  const input = withoutMark(read.input);
  const withStore =
    table && input && typeof input === 'object' && !('store' in input)
      ? { ...input, store: { table } }
      : input;
  return parseConfig(withStore, read.source, { secretsElsewhere });
}
