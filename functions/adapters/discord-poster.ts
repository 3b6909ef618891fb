import { setTimeout as sleep } from 'node:timers/promises';
import type {
  APIMessage,
  REST,
  RESTPostAPIChannelMessageJSONBody,
  RESTPostAPIChannelMessagesThreadsJSONBody,
  RESTPostAPIGuildForumThreadsJSONBody,
  RESTPostAPIWebhookWithTokenJSONBody,
} from 'discord.js';
import { classifyDiscordResponse, type DiscordResponse } from '../core/discord-outcome.ts';
import type { ChannelTarget, Poster, PostOutcome } from '../core/ports.ts';
import type { OutgoingPost } from '../core/render-post.ts';
import { commonJsExports } from './commonjs-exports.ts';

type DiscordModule = typeof import('discord.js');

export interface DiscordPosterOptions {
  /** Discord's API root without the version, e.g. `https://discord.com/api`; tests point it at a stand-in. */
  apiBase: string;
  /** Bound on one request, response body included. */
  timeoutMs: number;
  botToken?: string;
  /** Channel id -> webhook URL. */
  webhooks: ReadonlyMap<string, string>;
  /** Channel id -> Discord channel snowflake, for the bot-token path. */
  channels: ReadonlyMap<string, string>;
  /** A 429 whose Retry-After is at most this is waited out once, in the same call. Default 2000. */
  maxRetryAfterMs?: number;
}

/** The id and token of a webhook, parsed from its URL. */
export interface WebhookCredentials {
  id: string;
  token: string;
  threadId?: string;
}

/** Discord caps a message nonce at 25 characters. */
const DEFAULT_MAX_RETRY_AFTER_MS = 2000;
/** Time for the race below to lose to discord.js's own timeout, which gives the clearer error. */
const DEADLINE_GRACE_MS = 250;
const SNOWFLAKE = /^\d{15,25}$/;
const WEBHOOK_PATH = /^\/api(?:\/v\d+)?\/webhooks\/(\d{15,25})\/([\w-]{20,200})\/?$/;

/**
 * Parses `https://discord.com/api/webhooks/<id>/<token>` (also `/api/v10/`, `discordapp.com`, `ptb.`, `canary.`).
 * The host is not checked: the request goes to the configured API base, never to the URL's host.
 */
export function parseWebhookUrl(webhookUrl: string): WebhookCredentials | undefined {
  let url: URL;
  try {
    url = new URL(webhookUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const match = WEBHOOK_PATH.exec(url.pathname);
  if (!match?.[1] || !match[2]) return undefined;
  const threadId = url.searchParams.get('thread_id') ?? undefined;
  return { id: match[1], token: match[2], ...(threadId ? { threadId } : {}) };
}

type Route =
  | { kind: 'webhook'; webhook: WebhookCredentials }
  | { kind: 'bot'; channelSnowflake: string; token: string };

/**
 * Posts to Discord through discord.js `REST`, with webhooks or a bot token. discord.js is loaded on the first
 * post only: most polls post nothing and must not pay its cold start. Every call is bounded (no retries inside
 * discord.js, a timeout, a hard deadline, at most one short 429 wait), and every answer or failure becomes a
 * {@link PostOutcome}: `post` never throws. Webhook tokens and the bot token never appear in an outcome.
 */
export function createDiscordPoster(options: DiscordPosterOptions): Poster {
  const apiBase = options.apiBase.replace(/\/+$/, '');
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const secrets = collectSecrets(options);
  const redact = (text: string): string => redactSecrets(text, secrets);

  let loaded: Promise<{ discord: DiscordModule; rest: REST }> | undefined;
  const load = () => {
    loaded ??= import('discord.js').then(commonJsExports).then((discord) => ({
      discord,
      rest: new discord.REST({
        api: apiBase,
        version: '10',
        timeout: options.timeoutMs,
        retries: 0,
        // Without this, discord.js waits out every 429 and retries repeated 429s forever.
        rejectOnRateLimit: () => true,
        // Report Retry-After as Discord sent it; the wait below adds its own margin.
        offset: 0,
      }),
    }));
    return loaded;
  };

  function resolveRoute(channel: ChannelTarget): Route | PostOutcome {
    const webhookUrl = options.webhooks.get(channel.id);
    const channelSnowflake = options.channels.get(channel.id);
    const useWebhook =
      webhookUrl !== undefined && (channel.kind === 'webhook' || channelSnowflake === undefined);
    if (useWebhook) {
      const webhook = parseWebhookUrl(webhookUrl);
      if (!webhook) {
        return { kind: 'broken', reason: `the webhook URL configured for ${channel.id} is not valid` };
      }
      return { kind: 'webhook', webhook };
    }
    if (channelSnowflake === undefined) {
      return { kind: 'broken', reason: `no webhook URL or channel id configured for ${channel.id}` };
    }
    if (!options.botToken) return { kind: 'broken', reason: `no bot token configured for ${channel.id}` };
    return { kind: 'bot', channelSnowflake, token: options.botToken };
  }

  /** One bounded request: the REST timeout, and a hard deadline that also bounds reading the body. */
  async function request(
    call: (modules: { discord: DiscordModule; rest: REST }, signal: AbortSignal) => Promise<unknown>,
  ): Promise<DiscordResponse & { result?: unknown }> {
    let discord: DiscordModule | undefined;
    const deadline = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    try {
      const modules = await load();
      discord = modules.discord;
      const signal = AbortSignal.any([deadline.signal, AbortSignal.timeout(options.timeoutMs)]);
      const hardDeadline = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new DeadlineError(options.timeoutMs)),
          options.timeoutMs + DEADLINE_GRACE_MS,
        );
      });
      const result = await Promise.race([call(modules, signal), hardDeadline]);
      return { status: 200, detail: 'ok', result };
    } catch (error) {
      return describeError(error, discord, options.timeoutMs, redact);
    } finally {
      clearTimeout(timer);
      deadline.abort();
    }
  }

  /** The message as Discord takes it: `parse` is always empty, and only the post's configured roles ping. */
  function messageBody(discord: DiscordModule, message: OutgoingPost) {
    const roles = (message.allowed_mentions.roles ?? []).filter((role) => SNOWFLAKE.test(role));
    return {
      ...(message.content === undefined ? {} : { content: message.content }),
      embeds: message.embeds.map((embed) => discord.EmbedBuilder.from(embed).toJSON()),
      allowed_mentions: { parse: [], ...(roles.length ? { roles } : {}) },
    };
  }

  async function send(route: Route, message: OutgoingPost, nonce: string): Promise<DiscordResponse> {
    const forumPost = message.thread_name
      ? {
          thread_name: message.thread_name,
          ...(message.applied_tags?.length ? { applied_tags: message.applied_tags } : {}),
        }
      : {};
    const response = await request(({ discord, rest }, signal) => {
      const common = messageBody(discord, message);
      if (route.kind === 'webhook') {
        const body: RESTPostAPIWebhookWithTokenJSONBody = { ...common, ...forumPost };
        const query = new URLSearchParams({ wait: 'true' });
        if (route.webhook.threadId) query.set('thread_id', route.webhook.threadId);
        return rest.post(discord.Routes.webhook(route.webhook.id, route.webhook.token), {
          auth: false,
          body,
          query,
          signal,
        });
      }
      // discord.js forgets the token after a 401; set it again so a later post reports Discord's answer.
      rest.setToken(route.token);
      if (message.thread_name) {
        // A forum post: Discord takes no nonce here, so a crash between post and mark can repeat it once.
        const body: RESTPostAPIGuildForumThreadsJSONBody = {
          name: message.thread_name,
          ...(message.applied_tags?.length ? { applied_tags: message.applied_tags } : {}),
          message: common,
        };
        return rest.post(discord.Routes.threads(route.channelSnowflake), { body, signal });
      }
      const body: RESTPostAPIChannelMessageJSONBody = { ...common, nonce, enforce_nonce: true };
      return rest.post(discord.Routes.channelMessages(route.channelSnowflake), { body, signal });
    });
    const { result, ...answer } = response;
    // A forum post answers with the thread, whose starter message has the thread's id.
    const starter = (result as { message?: unknown } | undefined)?.message;
    const messageId = isMessage(starter) ? starter.id : isMessage(result) ? result.id : undefined;
    return { ...answer, ...(messageId ? { messageId } : {}) };
  }

  /** Opens a discussion thread on a posted message; says what went wrong, or nothing. */
  async function openThread(route: Route, messageId: string, name: string): Promise<string | undefined> {
    if (route.kind !== 'bot') return 'a webhook cannot open a thread in a text channel';
    const response = await request(({ discord, rest }, signal) => {
      rest.setToken(route.token);
      const body: RESTPostAPIChannelMessagesThreadsJSONBody = { name };
      return rest.post(discord.Routes.threads(route.channelSnowflake, messageId), { body, signal });
    });
    return response.status === 200 ? undefined : `the thread was not opened: ${response.detail}`;
  }

  return {
    async post(channel, message, { nonce }) {
      try {
        const route = resolveRoute(channel);
        if (route.kind !== 'webhook' && route.kind !== 'bot') return route;
        let response = await send(route, message, nonce);
        const wait = response.retryAfterMs;
        if (response.status === 429 && wait !== undefined && wait > 0 && wait <= maxRetryAfterMs) {
          await sleep(wait + 25);
          response = await send(route, message, nonce);
        }
        const outcome = classifyDiscordResponse(response, channel.id);
        // The message is posted whatever becomes of its thread: a failed thread must not post it again.
        if (outcome.kind !== 'posted' || !message.thread) return outcome;
        const note = await openThread(route, outcome.messageId, message.thread.name);
        return note ? { ...outcome, note } : outcome;
      } catch (error) {
        return { kind: 'retry', reason: redact(`unexpected error: ${errorText(error)}`) };
      }
    },
  };
}

class DeadlineError extends Error {
  override name = 'DeadlineError';
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

function isMessage(value: unknown): value is Pick<APIMessage, 'id'> {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
}

function describeError(
  error: unknown,
  discord: DiscordModule | undefined,
  timeoutMs: number,
  redact: (text: string) => string,
): DiscordResponse {
  if (discord && error instanceof discord.RateLimitError) {
    const retryAfterMs = Math.max(0, Math.ceil(error.retryAfter));
    return {
      status: 429,
      detail: redact(`retry after ${retryAfterMs} ms`),
      ...(retryAfterMs > 0 ? { retryAfterMs } : {}),
      global: error.global,
    };
  }
  if (discord && error instanceof discord.DiscordAPIError) {
    const message = error.message.replace(/\s*\n\s*/g, '; ');
    const code = error.code === 0 || error.code === '' ? '' : ` (code ${error.code})`;
    return {
      status: error.status,
      detail: redact(`${message}${code}`),
      ...(typeof error.code === 'number' && error.code !== 0 ? { code: error.code } : {}),
    };
  }
  if (discord && error instanceof discord.HTTPError) {
    return { status: error.status, detail: redact(error.message || 'no status text') };
  }
  if (error instanceof DeadlineError) return { detail: error.message };
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return { detail: `no answer within ${timeoutMs} ms` };
  }
  return { detail: redact(errorText(error)) };
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code)
      ? `${error.name}: ${error.message} (${code})`
      : `${error.name}: ${error.message}`;
  }
  return String(error);
}

function collectSecrets(options: DiscordPosterOptions): string[] {
  const secrets = new Set<string>();
  if (options.botToken) secrets.add(options.botToken);
  for (const url of options.webhooks.values()) {
    const token = parseWebhookUrl(url)?.token;
    if (token) secrets.add(token);
  }
  // Longest first, so a token that contains another is redacted whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** Replaces every known secret, and anything shaped like a webhook token, with `***`. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) result = result.replaceAll(secret, '***');
  return result.replace(/(\/webhooks\/\d+\/)[^/?#\s]+/g, '$1***');
}
