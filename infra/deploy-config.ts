import { existsSync } from 'node:fs';
import path from 'node:path';
import { type HeraldConfig, parseConfig } from '../functions/core/config.ts';
import { readConfigFile } from '../functions/wiring/config-files.ts';
import { markValidated } from '../functions/wiring/validated-config.ts';

/** No config file was found. An unreadable or non-JSON one is a ConfigFileError; schema problems a ConfigError. */
export class DeployConfigError extends Error {
  override readonly name = 'DeployConfigError';
}

export interface LoadedConfig {
  /** Where the config came from, for messages. */
  file: string;
  /** The file's JSON as written (validated): defaults are left to the function's own parse. */
  input: Record<string, unknown>;
  /** The parsed config, with defaults: what infra reads (schedule, channels). */
  config: HeraldConfig;
}

/**
 * Finds and validates the config that the stack deploys, in this order:
 * context `config=FILE`, env `HERALD_CONFIG_FILE`, `herald.config.json` in the repo root,
 * then `config/default.json` (the shipped VOA feeds, no channels).
 * Explicit paths are relative to the working directory, as on any command line.
 */
export function loadDeployConfig(options: {
  rootDir: string;
  cwd?: string;
  contextFile?: string;
  envFile?: string;
}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const explicit = options.contextFile || options.envFile;
  let file: string;
  if (explicit) {
    file = path.resolve(cwd, explicit);
    if (!existsSync(file)) throw new DeployConfigError(`config file not found: ${file}`);
  } else {
    const candidates = ['herald.config.json', 'config/default.json'].map((f) =>
      path.join(options.rootDir, f),
    );
    const found = candidates.find((f) => existsSync(f));
    if (!found)
      throw new DeployConfigError(
        `no config: create ${candidates[0]} (or pass -c config=FILE, or set HERALD_CONFIG_FILE)`,
      );
    file = found;
  }
  const { input } = readConfigFile(file);
  const config = parseConfig(input, file);
  return { file, input: input as Record<string, unknown>, config };
}

/**
 * The config input that every function is deployed with: the validated input with the secrets removed
 * (webhook URLs and the bot token live in Secrets Manager) and without `store` (the file's store is a
 * laptop's; in AWS it is the stack's table, whose name is known only at deploy, so the functions get it
 * as HERALD_TABLE). Returns the channels whose webhook URL was dropped, so synth can say so.
 */
export function toFunctionConfig(input: Record<string, unknown>): {
  config: Record<string, unknown>;
  droppedWebhooks: string[];
  droppedBotToken: boolean;
} {
  const droppedWebhooks: string[] = [];
  const channels = Array.isArray(input.channels)
    ? input.channels.map((channel: Record<string, unknown>) => {
        const { webhookUrl, ...rest } = channel;
        if (webhookUrl !== undefined) droppedWebhooks.push(String(rest.id));
        return rest;
      })
    : undefined;
  let droppedBotToken = false;
  let discord: Record<string, unknown> | undefined;
  if (input.discord && typeof input.discord === 'object') {
    const { botToken, ...rest } = input.discord as Record<string, unknown>;
    droppedBotToken = botToken !== undefined;
    discord = rest;
  }
  const { store: _laptopStore, ...rest } = input;
  const config: Record<string, unknown> = {
    ...rest,
    ...(channels ? { channels } : {}),
    ...(discord ? { discord } : {}),
  };
  return { config, droppedWebhooks, droppedBotToken };
}

/**
 * What every function's code carries as herald.config.json: toFunctionConfig's input parsed here, at
 * synth, as a deployed function would parse it (secrets elsewhere), so that defaults are filled in;
 * without `store`; and marked as validated (validated-config.ts). The functions trust the mark and never
 * load the schema on a cold start.
 *
 * @throws ConfigError naming every bad key
 */
export function validatedFunctionConfig(
  input: Record<string, unknown>,
  source = 'the function config',
): ReturnType<typeof toFunctionConfig> {
  const deployed = toFunctionConfig(input);
  const { store: _default, ...parsed } = parseConfig(deployed.config, source, { secretsElsewhere: true });
  return { ...deployed, config: markValidated(parsed) };
}
