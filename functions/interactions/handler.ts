import type { KeyObject } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock, Logger } from '../core/ports.ts';
import { readDeployedConfig } from '../wiring/config-files.ts';
import { installLazySourceMaps } from '../wiring/lazy-source-maps.ts';
import { createConsoleLogger } from './console-logger.ts';
import { InteractionType, parseInteraction, ResponseType } from './interaction.ts';
import { jsonDeeperThan } from './json-depth.ts';
import { createLazyStore } from './lazy-store.ts';
import { createPollerInvoker } from './poller-invoker.ts';
import { type ConfiguredIds, type InteractionsStore, type InvokePoller, runCommand } from './run-command.ts';
import { createSignatureVerifier } from './verify-signature.ts';

/** The parts of a Lambda Function URL event (API Gateway HTTP API v2 shape) that the handler reads. */
export interface FunctionUrlEvent {
  headers?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  requestContext?: { http?: { method?: string } };
}

export interface FunctionUrlResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface InteractionsDeps {
  /** The application's public key from the Developer Portal: 64 hex characters, or a built KeyObject. */
  publicKey: string | KeyObject;
  store: InteractionsStore;
  invokePoller: InvokePoller;
  clock?: Clock;
  logger?: Logger;
  /** The deployed config's feed and channel ids, so that `status` can list what was never polled. */
  configured?: ConfiguredIds;
  /** Default 2000 ms: leaves room in Discord's 3 s for a cold start and the network. */
  storeDeadlineMs?: number;
  /** Signatures remembered against replays, per container. Default 10 000. */
  replayCacheSize?: number;
}

const DEFAULT_STORE_DEADLINE_MS = 2000;
/** Discord's interactions nest a few levels (command, group, subcommand, options, resolved data); 32 is ample. */
const MAX_JSON_DEPTH = 32;

function json(statusCode: number, body: unknown): FunctionUrlResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function text(statusCode: number, body: string, headers: Record<string, string> = {}): FunctionUrlResult {
  return { statusCode, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body };
}

/** Header lookup regardless of case: Function URLs lower-case names, other front doors may not. */
function header(headers: FunctionUrlEvent['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  const direct = headers[name];
  if (direct !== undefined) return direct;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/**
 * Discord's interactions endpoint as a Function URL handler. It verifies the Ed25519 signature over
 * `X-Signature-Timestamp` + the raw body (401 when missing, bad, stale or replayed), answers PING with
 * PONG, and runs `/herald` commands. The public key is parsed once, when the handler is created.
 *
 * This module imports only Node built-ins and small local modules: the DynamoDB SDK loads on the first
 * `latest`/`status` and the Lambda SDK on the first `poll`, through the dependencies the caller injects.
 */
export function createInteractionsHandler(
  deps: InteractionsDeps,
): (event: FunctionUrlEvent) => Promise<FunctionUrlResult> {
  const clock = deps.clock ?? (() => new Date());
  const logger = deps.logger ?? createConsoleLogger();
  const verifier = createSignatureVerifier({
    publicKey: deps.publicKey,
    clock,
    ...(deps.replayCacheSize === undefined ? {} : { replayCacheSize: deps.replayCacheSize }),
  });
  const commandDeps = {
    store: deps.store,
    invokePoller: deps.invokePoller,
    logger,
    storeDeadlineMs: deps.storeDeadlineMs ?? DEFAULT_STORE_DEADLINE_MS,
    clock,
    ...(deps.configured ? { configured: deps.configured } : {}),
  };

  return async (event) => {
    const method = event.requestContext?.http?.method ?? 'POST';
    if (method !== 'POST') return text(405, 'method not allowed', { allow: 'POST' });

    const raw = event.body ?? '';
    const body = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
    const verification = verifier.verify({
      signature: header(event.headers, 'x-signature-ed25519'),
      timestamp: header(event.headers, 'x-signature-timestamp'),
      body,
    });
    if (!verification.ok) {
      logger.warn('refused a request', { reason: verification.reason });
      return text(401, 'invalid request signature');
    }

    const bodyText = body.toString('utf8');
    if (jsonDeeperThan(bodyText, MAX_JSON_DEPTH)) return text(400, 'the body nests too deeply');
    let parsed: unknown;
    try {
      parsed = JSON.parse(bodyText);
    } catch {
      return text(400, 'the body is not JSON');
    }
    const interaction = parseInteraction(parsed);
    if (!interaction) return text(400, 'not an interaction');

    if (interaction.type === InteractionType.Ping) return json(200, { type: ResponseType.Pong });
    if (interaction.type !== InteractionType.ApplicationCommand) {
      logger.warn('unsupported interaction type', { type: interaction.type, interactionId: interaction.id });
      return text(400, 'unsupported interaction type');
    }
    return json(200, await runCommand(interaction, commandDeps));
  };
}

/** Named in the error when the stack did not set a variable. */
function requiredEnv(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set: the stack sets it; for a local run, set it yourself`);
  return value;
}

/**
 * The feed and channel ids of the deployed config, read without the config schema: zod and the whole
 * schema are not worth their cold start here, and the poller has already validated the same config.
 */
export function configuredIds(input: unknown): ConfiguredIds {
  const ids = (list: unknown): string[] =>
    Array.isArray(list)
      ? list.flatMap((entry: unknown) => {
          const id = (entry as { id?: unknown } | null)?.id;
          return typeof id === 'string' ? [id] : [];
        })
      : [];
  const { feeds, channels, alerts } = (input ?? {}) as {
    feeds?: unknown;
    channels?: unknown;
    alerts?: unknown;
  };
  const staleDays = (alerts as { staleDays?: unknown } | null | undefined)?.staleDays;
  return {
    feedIds: ids(feeds),
    channelIds: ids(channels),
    ...(typeof staleDays === 'number' ? { staleDays } : {}),
  };
}

/**
 * Builds the handler from the stack's environment: DISCORD_PUBLIC_KEY, HERALD_TABLE,
 * HERALD_POLLER_FUNCTION and, optionally, HERALD_CONFIG_FILE (or HERALD_CONFIG).
 */
export function handlerFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): (event: FunctionUrlEvent) => Promise<FunctionUrlResult> {
  const deployed = readDeployedConfig(env, path.dirname(fileURLToPath(import.meta.url)));
  const configured = deployed && configuredIds(deployed.input);
  return createInteractionsHandler({
    publicKey: requiredEnv(env, 'DISCORD_PUBLIC_KEY'),
    store: createLazyStore(requiredEnv(env, 'HERALD_TABLE')),
    invokePoller: createPollerInvoker({ functionName: requiredEnv(env, 'HERALD_POLLER_FUNCTION') }),
    ...(configured ? { configured } : {}),
  });
}

// Stack traces map to the sources when something prints one, not at every cold start.
installLazySourceMaps();

let live: ((event: FunctionUrlEvent) => Promise<FunctionUrlResult>) | undefined;

/** The Lambda entry: built once per container, on the first request. */
export const handler = (event: FunctionUrlEvent): Promise<FunctionUrlResult> => {
  live ??= handlerFromEnvironment();
  return live(event);
};
