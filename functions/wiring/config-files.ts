import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The config could not be found or read, or is not JSON. Schema problems are the core's ConfigError.
 * This module has no schema and no zod: every function reads its config through it, and the ones that
 * never validate (the interactions endpoint) stay small.
 */
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

/** A config as read, before the schema: its JSON, and where it came from for messages. */
export interface ConfigInput {
  input: unknown;
  source: string;
}

/** The environment a function reads: the stack sets it. */
export type RuntimeEnv = Readonly<Record<string, string | undefined>>;

/** Parses config text; text that is not JSON is refused with its source named. */
export function parseConfigText(text: string, source: string): ConfigInput {
  try {
    return { input: JSON.parse(text), source };
  } catch (error) {
    throw new ConfigFileError(source, `the config is not valid JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
}

/** Reads and parses one config file; `label` names it in messages. */
export function readConfigFile(file: string, label = 'the config file'): ConfigInput {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? `${label} does not exist`
        : `cannot read ${label} (${(error as Error).message})`;
    throw new ConfigFileError(file, reason, { cause: error });
  }
  return parseConfigText(text, file);
}

/** The first of these files that exists, read and parsed; undefined when none exists. */
export function readFirstConfigFile(candidates: readonly string[]): ConfigInput | undefined {
  for (const file of candidates) {
    try {
      return readConfigFile(file);
    } catch (error) {
      const missing = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
      if (!missing) throw error;
    }
  }
  return undefined;
}

/**
 * The deployed config, read once at cold start: `HERALD_CONFIG` (JSON text) when set, as for local runs
 * and tests, else the file `HERALD_CONFIG_FILE` names. The stack ships that file in the function's code,
 * so a relative name resolves against the code directory: `LAMBDA_TASK_ROOT` in Lambda, else `moduleDir`
 * (the running bundle's directory). Undefined when neither variable is set.
 */
export function readDeployedConfig(env: RuntimeEnv, moduleDir: string): ConfigInput | undefined {
  if (env.HERALD_CONFIG) return parseConfigText(env.HERALD_CONFIG, 'HERALD_CONFIG');
  if (!env.HERALD_CONFIG_FILE) return undefined;
  return readConfigFile(
    path.resolve(env.LAMBDA_TASK_ROOT || moduleDir, env.HERALD_CONFIG_FILE),
    'the config file HERALD_CONFIG_FILE names',
  );
}
