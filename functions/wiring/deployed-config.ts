import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type HeraldConfig, parseConfig } from '../core/config.ts';
import { type RuntimeEnv, readDeployedConfig } from './config-files.ts';

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
 * Parses a function's config (see `readDeployedConfig`). In AWS the store is the stack's table, which the
 * config file cannot name (its name is known only at deploy), so `HERALD_TABLE` fills it in. With
 * `HERALD_SECRET_ID` set, webhook URLs and the bot token live in the secret, so the config may lack them;
 * `secretsElsewhere` says the same for a function that never posts.
 *
 * @throws MissingEnvironmentError when neither HERALD_CONFIG nor HERALD_CONFIG_FILE is set
 * @throws ConfigFileError when the file is missing, unreadable or not JSON
 * @throws ConfigError naming every bad key
 */
export function loadDeployedConfig(
  env: RuntimeEnv = process.env,
  options: { secretsElsewhere?: boolean; moduleDir?: string } = {},
): HeraldConfig {
  const read = readDeployedConfig(env, options.moduleDir ?? path.dirname(fileURLToPath(import.meta.url)));
  if (!read)
    throw new MissingEnvironmentError(
      'HERALD_CONFIG_FILE is not set: the stack sets it; for a local run, set HERALD_CONFIG_FILE or HERALD_CONFIG',
    );
  const { input, source } = read;
  const table = env.HERALD_TABLE;
  const withStore =
    table && input && typeof input === 'object' && !('store' in input)
      ? { ...input, store: { table } }
      : input;
  return parseConfig(withStore, source, {
    secretsElsewhere: options.secretsElsewhere ?? Boolean(env.HERALD_SECRET_ID),
  });
}
