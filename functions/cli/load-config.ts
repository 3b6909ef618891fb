import { resolve } from 'node:path';
import { ConfigError, type HeraldConfig, parseConfig } from '../core/config.ts';
import { readConfigFile, readFirstConfigFile } from '../wiring/config-files.ts';

/** Where the config comes from when `--config` is not given: `herald.config.json`, else the shipped default. */
export const DEFAULT_CONFIG_FILES = ['herald.config.json', 'config/default.json'];

/** Reads and validates a config file; an invalid one throws a ConfigError that names every bad key. */
export async function loadConfig(
  cwd: string,
  file?: string,
  packageRoot = new URL('../../', import.meta.url).pathname,
): Promise<{ config: HeraldConfig; path: string }> {
  const candidates = file
    ? [resolve(cwd, file)]
    : [...DEFAULT_CONFIG_FILES.map((f) => resolve(cwd, f)), resolve(packageRoot, 'config/default.json')];
  const read = file ? readConfigFile(candidates[0] as string) : readFirstConfigFile(candidates);
  if (!read) throw new ConfigError(['no config file found'], candidates.join(', '));
  return { config: parseConfig(read.input, read.source), path: read.source };
}
