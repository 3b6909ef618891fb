import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError, type HeraldConfig, parseConfig } from '../core/config.ts';

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
  for (const path of candidates) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !file) continue;
      throw new ConfigError([`cannot read ${path}: ${(error as Error).message}`], path);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ConfigError([`not valid JSON: ${(error as Error).message}`], path);
    }
    return { config: parseConfig(json, path), path };
  }
  throw new ConfigError(['no config file found'], candidates.join(', '));
}
