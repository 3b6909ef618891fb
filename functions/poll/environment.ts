import { type HeraldConfig, parseConfig } from '../core/config.ts';

/** The environment a function reads: the stack sets it. */
export type RuntimeEnv = Readonly<Record<string, string | undefined>>;

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
 * Parses `HERALD_CONFIG`. With `HERALD_SECRET_ID` set, webhook URLs and the bot token live in the
 * secret, so the config may lack them; `secretsElsewhere` says the same for a function that never posts.
 */
export function loadConfig(
  env: RuntimeEnv = process.env,
  options: { secretsElsewhere?: boolean } = {},
): HeraldConfig {
  return parseConfig(JSON.parse(requireEnv(env, 'HERALD_CONFIG')), 'HERALD_CONFIG', {
    secretsElsewhere: options.secretsElsewhere ?? Boolean(env.HERALD_SECRET_ID),
  });
}
