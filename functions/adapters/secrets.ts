import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';

/**
 * What the stack's secret holds (a JSON string):
 * `{ "channels": { "<channel id>": "<webhook URL>" }, "botToken": "..." }`.
 */
export interface SecretConfig {
  channels: Record<string, string>;
  botToken?: string;
}

/**
 * Reading, parsing or writing the secret failed. The message names the secret and what was wrong,
 * never its value; `cause` is the SDK's error, which does not carry the value either.
 */
export class SecretsError extends Error {
  override readonly name = 'SecretsError';
}

const CHANNEL_ID = /^[A-Za-z0-9_-]+$/;

const secretSchema = z.strictObject({
  channels: z.record(z.string().regex(CHANNEL_ID), z.url({ protocol: /^https?$/ })).default({}),
  botToken: z.string().min(1).optional(),
});

/** How long a warm function trusts its copy: `herald secrets set` takes effect within this. */
const DEFAULT_MAX_AGE_SECONDS = 300;

export interface LoadSecretOptions {
  client?: SecretsManagerClient;
  maxAgeSeconds?: number;
  /** Skip the cache (e.g. after a post came back 401/404 with the cached webhook). */
  forceFetch?: boolean;
}

let defaultProvider: SecretsProvider | undefined;
const providers = new WeakMap<SecretsManagerClient, SecretsProvider>();

function providerFor(client?: SecretsManagerClient): SecretsProvider {
  if (!client) {
    defaultProvider ??= new SecretsProvider();
    return defaultProvider;
  }
  let provider = providers.get(client);
  if (!provider) {
    provider = new SecretsProvider({ awsSdkV3Client: client });
    providers.set(client, provider);
  }
  return provider;
}

/**
 * Reads the secret through Powertools Parameters, cached for `maxAgeSeconds` (5 minutes by default),
 * and validates it. The raw string is fetched and parsed here rather than with Powertools'
 * `transform: 'json'`: JSON.parse's error message quotes the start of its input, and the transform
 * puts that message in its error, which would leak the start of a webhook URL into the logs.
 */
export async function loadSecretConfig(
  secretId: string,
  options: LoadSecretOptions = {},
): Promise<SecretConfig> {
  let raw: string | Uint8Array | undefined;
  try {
    raw = await providerFor(options.client).get(secretId, {
      maxAge: options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS,
      ...(options.forceFetch ? { forceFetch: true } : {}),
    });
  } catch (error) {
    throw new SecretsError(`could not read secret ${secretId}: ${describeSdkError(error)}`, { cause: error });
  }
  if (raw === undefined) throw new SecretsError(`secret ${secretId} has no value`);
  return parseSecretConfig(typeof raw === 'string' ? raw : new TextDecoder().decode(raw), secretId);
}

/** Parses and validates the secret's JSON. Errors name the bad keys, never the values. */
export function parseSecretConfig(raw: string, secretId: string): SecretConfig {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    // No cause: the SyntaxError's message quotes the secret.
    throw new SecretsError(`secret ${secretId} is not valid JSON`);
  }
  const result = secretSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const where = issue.path.map(String).join('.') || '(root)';
      if (issue.code === 'unrecognized_keys') return `${where}: unknown keys ${issue.keys.join(', ')}`;
      if (issue.code === 'invalid_key')
        return `${where}: channel ids are letters, digits, dashes or underscores`;
      if (issue.code === 'invalid_type') return `${where}: expected ${issue.expected}`;
      return `${where}: ${issue.path[0] === 'channels' ? 'must be an http(s) URL' : 'invalid'}`;
    });
    throw new SecretsError(`secret ${secretId} is not a Herald secret: ${problems.join('; ')}`);
  }
  const { channels, botToken } = result.data;
  return botToken === undefined ? { channels } : { channels, botToken };
}

/** Reads the current value, uncached: the start of a read-modify-write. A secret with no value reads as empty. */
export async function readSecretConfig(
  secretId: string,
  options: { client: SecretsManagerClient },
): Promise<SecretConfig> {
  let raw: string | undefined;
  try {
    const result = await options.client.send(new GetSecretValueCommand({ SecretId: secretId }));
    raw =
      result.SecretString ??
      (result.SecretBinary ? new TextDecoder().decode(result.SecretBinary) : undefined);
  } catch (error) {
    // A secret created without a value has no AWSCURRENT version yet; the stack's has one, others may not.
    if (error instanceof ResourceNotFoundException && /staging label|secret value/i.test(error.message))
      return { channels: {} };
    throw new SecretsError(`could not read secret ${secretId}: ${describeSdkError(error)}`, { cause: error });
  }
  if (raw === undefined || raw.trim() === '') return { channels: {} };
  return parseSecretConfig(raw, secretId);
}

/** Writes the whole secret as a new version. */
export async function setSecretValue(
  secretId: string,
  value: SecretConfig,
  options: { client: SecretsManagerClient },
): Promise<void> {
  try {
    await options.client.send(
      new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify(value) }),
    );
  } catch (error) {
    throw new SecretsError(`could not write secret ${secretId}: ${describeSdkError(error)}`, {
      cause: error,
    });
  }
}

/**
 * Stores one channel's webhook URL, keeping the other channels and the bot token.
 * Read-modify-write without a lock: two operators storing at the same instant could lose one write.
 */
export async function storeChannelSecret(
  secretId: string,
  channelId: string,
  webhookUrl: string,
  options: { client: SecretsManagerClient },
): Promise<void> {
  if (!CHANNEL_ID.test(channelId))
    throw new SecretsError(`channel id "${channelId}" must be letters, digits, dashes or underscores`);
  const current = await readSecretConfig(secretId, options);
  await setSecretValue(
    secretId,
    { ...current, channels: { ...current.channels, [channelId]: webhookUrl } },
    options,
  );
}

/** Stores the bot token, keeping the channels. */
export async function storeBotToken(
  secretId: string,
  botToken: string,
  options: { client: SecretsManagerClient },
): Promise<void> {
  const current = await readSecretConfig(secretId, options);
  await setSecretValue(secretId, { ...current, botToken }, options);
}

const DISCORD_WEBHOOK =
  /^https:\/\/(?:(?:canary|ptb)\.)?discord(?:app)?\.com\/api(?:\/v\d+)?\/webhooks\/\d{15,21}\/[\w-]{20,}$/;

/**
 * Whether a value looks like a Discord webhook URL: on Discord's hosts, or under `apiBase` when one is
 * given (a proxy or a local stand-in), as `<base>/webhooks/<id>/<token>`.
 */
export function isDiscordWebhookUrl(value: string, apiBase?: string): boolean {
  if (DISCORD_WEBHOOK.test(value)) return true;
  if (!apiBase) return false;
  const base = apiBase.replace(/\/+$/, '');
  if (!value.startsWith(`${base}/`)) return false;
  return /^(?:v\d+\/)?webhooks\/\d+\/[\w-]+$/.test(value.slice(base.length + 1));
}

/** Whether a value looks like a Discord bot token: three dot-separated base64url parts. */
export function looksLikeBotToken(value: string): boolean {
  return /^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/.test(value);
}

function describeSdkError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? error.cause : undefined;
    const named = cause ?? error;
    return `${named.name}: ${named.message}`;
  }
  return String(error);
}
