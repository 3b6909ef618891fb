import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type HeraldConfig, parseConfig } from '../core/config.ts';

/** The environment a function reads: the stack sets it. */
export type RuntimeEnv = Readonly<Record<string, string | undefined>>;

/** A variable the stack sets is missing. */
export class MissingEnvironmentError extends Error {
  override readonly name = 'MissingEnvironmentError';
}

/** The config file that `HERALD_CONFIG_FILE` names cannot be read, or is not JSON. */
export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${reason}: ${path}`, options);
  }
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
 * Where `HERALD_CONFIG_FILE` points. The stack ships the file in the function's code, so a relative
 * name is resolved against the code directory: `LAMBDA_TASK_ROOT` in Lambda, else the directory of the
 * running module (the bundle's, when a bundle runs outside Lambda).
 */
export function configFilePath(
  env: RuntimeEnv,
  file: string,
  moduleDir = path.dirname(fileURLToPath(import.meta.url)),
): string {
  return path.resolve(env.LAMBDA_TASK_ROOT || moduleDir, file);
}

/**
 * Parses the deployed config: `HERALD_CONFIG` (JSON) when it is set, as for local runs and tests, else
 * the file that `HERALD_CONFIG_FILE` names, read once at cold start. In AWS the store is the stack's
 * table, which the config file cannot name (its name is known only at deploy), so `HERALD_TABLE` fills it in.
 * With `HERALD_SECRET_ID` set, webhook URLs and the bot token live in the secret, so the config may lack
 * them; `secretsElsewhere` says the same for a function that never posts.
 *
 * @throws MissingEnvironmentError when neither variable is set
 * @throws ConfigFileError when the file is missing, unreadable or not JSON
 * @throws ConfigError naming every bad key
 */
export function loadConfig(
  env: RuntimeEnv = process.env,
  options: { secretsElsewhere?: boolean; moduleDir?: string } = {},
): HeraldConfig {
  const { input, source } = readConfigInput(env, options.moduleDir);
  const table = env.HERALD_TABLE;
  const withStore =
    table && input && typeof input === 'object' && !('store' in input)
      ? { ...input, store: { table } }
      : input;
  return parseConfig(withStore, source, {
    secretsElsewhere: options.secretsElsewhere ?? Boolean(env.HERALD_SECRET_ID),
  });
}

function readConfigInput(env: RuntimeEnv, moduleDir: string | undefined): { input: unknown; source: string } {
  const inline = env.HERALD_CONFIG;
  if (inline) return { input: JSON.parse(inline), source: 'HERALD_CONFIG' };
  if (!env.HERALD_CONFIG_FILE)
    throw new MissingEnvironmentError(
      'HERALD_CONFIG_FILE is not set: the stack sets it; for a local run, set HERALD_CONFIG_FILE or HERALD_CONFIG',
    );
  const file = configFilePath(env, env.HERALD_CONFIG_FILE, moduleDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'the config file HERALD_CONFIG_FILE names does not exist'
        : `cannot read the config file HERALD_CONFIG_FILE names (${(error as Error).message})`;
    throw new ConfigFileError(file, reason, { cause: error });
  }
  try {
    return { input: JSON.parse(text), source: file };
  } catch (error) {
    throw new ConfigFileError(file, `the config file is not valid JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
}
