import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  RESTPostAPIChannelMessageJSONBody,
  RESTPostAPIChannelMessagesThreadsJSONBody,
  RESTPostAPIGuildForumThreadsJSONBody,
  RESTPostAPIWebhookWithTokenJSONBody,
} from 'discord.js';

/** A message body as Herald sends it, to a webhook or to a channel. */
export type MessageBody = RESTPostAPIWebhookWithTokenJSONBody | RESTPostAPIChannelMessageJSONBody;

/**
 * `webhook`: `POST /webhooks/{id}/{token}`; `channel`: `POST /channels/{id}/messages`; `forum-thread`:
 * `POST /channels/{forum}/threads` (a forum post and its first message); `message-thread`:
 * `POST /channels/{channel}/messages/{message}/threads` (a thread on a message, no message of its own).
 */
export type StandInRoute = 'webhook' | 'channel' | 'forum-thread' | 'message-thread';

/** A message the stand-in accepted and recorded. */
export interface ReceivedMessage {
  /** The snowflake the stand-in gave the message. */
  id: string;
  route: Exclude<StandInRoute, 'message-thread'>;
  /** The webhook id (webhook route) or the channel id (channel and forum-thread routes) it was sent to. */
  targetId: string;
  /** The message body; for a forum post made by a bot, the `message` part of the request. */
  body: MessageBody;
  nonce?: string;
  /** Set when the message opened a forum post: the thread is the post. */
  thread?: CreatedThread;
}

/** A thread the stand-in created: a forum post (by webhook or bot) or a thread on a posted message. */
export interface CreatedThread {
  /** Discord gives the thread the id of its starter message. */
  id: string;
  /** The forum or text channel it lives in. */
  parentId: string;
  name: string;
  appliedTags: string[];
  route: Exclude<StandInRoute, 'channel'>;
}

/** A request body refused with a 400, with one readable line per problem. */
export interface InvalidRequest {
  route: StandInRoute;
  body: unknown;
  errors: string[];
}

/**
 * A scripted answer for the next request. A 2xx status only delays the request, which is then handled
 * (and its message recorded) as usual: the shape of "Discord posted it but the client timed out".
 */
export interface ScriptedResponse {
  status: number;
  /** Replaces the default Discord-shaped error body; a string is sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface DiscordStandInOptions {
  /** Prints each accepted message in one readable line. Never prints a token. */
  log?: (line: string) => void;
}

export interface WebhookOptions {
  /** A forum channel's webhook: like Discord, it refuses a post without `thread_name` (400, code 220001). */
  forum?: boolean;
}

export interface DiscordStandIn {
  /** Use as Herald's `discord.apiBase`, e.g. `http://127.0.0.1:PORT/api`. */
  apiBase: string;
  /**
   * A webhook URL on the stand-in, `.../api/webhooks/<id>/<68-char token>`. The same `id` (a snowflake, or any
   * label) always gives the same URL; no `id` gives a new webhook.
   */
  webhookUrl(id?: string, options?: WebhookOptions): string;
  /**
   * Makes a channel id a forum channel for the bot: `POST /channels/{id}/messages` is refused there
   * (400, code 40058) and `POST /channels/{id}/threads` makes forum posts. Any other snowflake is a text
   * channel. No `id` gives a new one. Returns the id.
   */
  forumChannel(id?: string): string;
  botToken: string;
  /** Every accepted message, in order. A repeated nonce is not recorded twice. */
  readonly messages: ReceivedMessage[];
  /** Every thread created: forum posts and threads on messages, in order. */
  readonly threads: CreatedThread[];
  /** Every request received, faults and refusals included. */
  readonly requests: number;
  readonly invalid: InvalidRequest[];
  /** Scripts the answers to the next requests, in order, whatever their route. */
  failNext(...responses: ScriptedResponse[]): void;
  /** Drops the scripted answers that no request has used yet. */
  clearFaults(): void;
  close(): Promise<void>;
}

/** The parts of a discord-api-spec Zod Mini schema that the stand-in uses. */
interface SpecSchema {
  shape: Record<string, unknown>;
  safeParse(data: unknown): { success: true } | { success: false; error: { issues: SpecIssue[] } };
}

interface SpecIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  format?: string;
  keys?: string[];
  expected?: string;
}

/** The schemas of `discord-api-spec/zod` for the request bodies Herald sends, and their parts. */
interface SpecSchemas {
  /** `POST /webhooks/{webhook_id}/{webhook_token}` (execute_webhook). */
  IncomingWebhookRequestPartialSchema: SpecSchema;
  /** `POST /channels/{channel_id}/messages` (create_message). */
  MessageCreateRequestSchema: SpecSchema;
  /** `POST /channels/{channel_id}/threads` in a forum (create_thread), and its `message`. */
  CreateForumThreadRequestSchema: SpecSchema;
  BaseCreateMessageCreateRequestSchema: SpecSchema;
  /** `POST /channels/{channel_id}/messages/{message_id}/threads` (create_thread_from_message). */
  CreateTextThreadWithMessageRequestSchema: SpecSchema;
  RichEmbedSchema: SpecSchema;
  RichEmbedAuthorSchema: SpecSchema;
  RichEmbedFooterSchema: SpecSchema;
  RichEmbedFieldSchema: SpecSchema;
  RichEmbedImageSchema: SpecSchema;
  RichEmbedThumbnailSchema: SpecSchema;
  MessageAllowedMentionsRequestSchema: SpecSchema;
}

/** Discord's limits, which the stand-in checks on top of the schema (which allows 4000 for content). */
const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  total: 6000,
} as const;

/** Discord returns the original message for a repeated `enforce_nonce` "in the past few minutes". */
const NONCE_WINDOW_MS = 5 * 60_000;
const MAX_BODY_BYTES = 1024 * 1024;
const DISCORD_EPOCH = 1_420_070_400_000n;
const WEBHOOK_ROUTE = /^\/api(?:\/v\d+)?\/webhooks\/([^/]+)\/([^/]+)\/?$/;
const CHANNEL_ROUTE = /^\/api(?:\/v\d+)?\/channels\/([^/]+)\/messages\/?$/;
const FORUM_THREAD_ROUTE = /^\/api(?:\/v\d+)?\/channels\/([^/]+)\/threads\/?$/;
const MESSAGE_THREAD_ROUTE = /^\/api(?:\/v\d+)?\/channels\/([^/]+)\/messages\/([^/]+)\/threads\/?$/;
const SNOWFLAKE = /^\d{17,19}$/;

// The package ships no type declarations for its Zod entry point: the specifier is a variable so that
// TypeScript types the module by the interface above instead of failing on an untyped import.
const SPEC_ZOD_MODULE = 'discord-api-spec/zod';
let specSchemas: Promise<SpecSchemas> | undefined;
function loadSpec(): Promise<SpecSchemas> {
  specSchemas ??= import(SPEC_ZOD_MODULE) as Promise<SpecSchemas>;
  return specSchemas;
}

interface Problem {
  path: PropertyKey[];
  code: string;
  message: string;
}

/**
 * Starts a local stand-in for Discord's HTTP API v10 on 127.0.0.1 (a free port). It validates every body
 * against discord-api-spec's Zod schemas and Discord's embed limits, answers like Discord (errors included),
 * honours `?wait=true` and `enforce_nonce`, and plays scripted faults.
 */
export async function startDiscordStandIn(options: DiscordStandInOptions = {}): Promise<DiscordStandIn> {
  const spec = await loadSpec();
  const webhooks = new Map<string, { token: string; channelId: string; forum: boolean }>();
  const forums = new Set<string>();
  const threads: CreatedThread[] = [];
  /** Message id -> the channel (or thread) it is in, for threads opened on a message. */
  const messageChannels = new Map<string, string>();
  const labels = new Map<string, string>();
  const nonces = new Map<string, { at: number; message: Record<string, unknown> }>();
  const messages: ReceivedMessage[] = [];
  const invalid: InvalidRequest[] = [];
  const faults: ScriptedResponse[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const botUserId = nextSnowflake();
  const botToken = `${Buffer.from(botUserId).toString('base64url')}.${token(4)}.${token(20)}`;
  let requests = 0;

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requests += 1;
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const matched = matchRoute(url.pathname);
    const route = matched?.route;

    const fault = faults.shift();
    if (fault?.delayMs) await delay(fault.delayMs);
    if (fault && (fault.status < 200 || fault.status >= 300)) {
      if (route && raw !== undefined) validate(route, parseJson(raw));
      return sendFault(res, fault, route);
    }

    if (req.method !== 'POST' || !matched) return send(res, 404, { message: '404: Not Found', code: 0 });
    if (raw === undefined) return send(res, 413, { message: 'Request entity too large', code: 40005 });

    if (matched.route === 'webhook') return handleWebhook(res, url, matched.id, matched.token, raw);
    if (req.headers.authorization !== `Bot ${botToken}`) {
      return send(res, 401, { message: '401: Unauthorized', code: 0 });
    }
    if (!SNOWFLAKE.test(matched.id)) return send(res, 404, { message: 'Unknown Channel', code: 10003 });
    if (matched.route === 'message-thread') return handleMessageThread(res, matched.id, matched.message, raw);

    const forum = forums.has(matched.id);
    if (matched.route === 'channel' && forum)
      return send(res, 400, { message: 'Cannot send a message in a forum channel', code: 40058 });
    if (matched.route === 'forum-thread' && !forum)
      return send(res, 400, { message: 'Cannot execute action on this channel type', code: 50024 });
    const body = parseJson(raw);
    const refusal = validate(matched.route, body);
    if (refusal) return send(res, 400, refusal);

    if (matched.route === 'forum-thread') {
      const request = body as RESTPostAPIGuildForumThreadsJSONBody;
      const { message: starter } = accept('forum-thread', matched.id, matched.id, request.message, {
        name: request.name,
        appliedTags: request.applied_tags ?? [],
      });
      const thread = threadObject(starter.id as string, matched.id, request.name, request.applied_tags ?? []);
      return send(res, 201, { ...thread, message: starter });
    }

    const message = body as RESTPostAPIChannelMessageJSONBody;
    const nonce =
      typeof message.nonce === 'string' || typeof message.nonce === 'number' ? String(message.nonce) : '';
    const nonceKey = message.enforce_nonce === true && nonce ? `${matched.id}:${nonce}` : '';
    const now = Date.now();
    const previous = nonceKey ? nonces.get(nonceKey) : undefined;
    if (previous && now - previous.at < NONCE_WINDOW_MS) return send(res, 200, previous.message);
    const created = accept('channel', matched.id, matched.id, message, undefined, nonce);
    if (nonceKey) nonces.set(nonceKey, { at: now, message: created.message });
    return send(res, 200, created.message);
  }

  async function handleWebhook(
    res: ServerResponse,
    url: URL,
    id: string,
    webhookToken: string,
    raw: string,
  ): Promise<void> {
    const webhook = webhooks.get(id);
    if (!webhook) return send(res, 404, { message: 'Unknown Webhook', code: 10015 });
    if (webhook.token !== webhookToken)
      return send(res, 401, { message: 'Invalid Webhook Token', code: 50027 });
    const body = parseJson(raw);
    const refusal = validate('webhook', body);
    if (refusal) return send(res, 400, refusal);
    const message = body as RESTPostAPIWebhookWithTokenJSONBody;
    const threadId = url.searchParams.get('thread_id');
    const name = message.thread_name ?? undefined;
    if (webhook.forum && !name && !threadId) {
      return send(res, 400, {
        message: 'Webhooks posted to forum channels must have a thread_name or thread_id',
        code: 220001,
      });
    }
    if (!webhook.forum && name) {
      return send(res, 400, { message: 'Webhooks can only create threads in forum channels', code: 220003 });
    }
    const post = name && !threadId ? { name, appliedTags: message.applied_tags ?? [] } : undefined;
    const created = accept('webhook', id, threadId ?? webhook.channelId, message, post);
    const wait = url.searchParams.get('wait')?.toLowerCase();
    if (wait !== 'true' && wait !== '1') return send(res, 204);
    return send(res, 200, created.message);
  }

  async function handleMessageThread(
    res: ServerResponse,
    channelId: string,
    messageId: string,
    raw: string,
  ): Promise<void> {
    if (messageChannels.get(messageId) !== channelId)
      return send(res, 404, { message: 'Unknown Message', code: 10008 });
    const body = parseJson(raw);
    const refusal = validate('message-thread', body);
    if (refusal) return send(res, 400, refusal);
    if (threads.some((t) => t.id === messageId))
      return send(res, 400, { message: 'A thread has already been created for this message', code: 160004 });
    const { name } = body as RESTPostAPIChannelMessagesThreadsJSONBody;
    const thread: CreatedThread = {
      id: messageId,
      parentId: channelId,
      name,
      appliedTags: [],
      route: 'message-thread',
    };
    threads.push(thread);
    options.log?.(`thread "${name}" opened on message ${messageId} in channel ${channelId}`);
    return send(res, 201, threadObject(messageId, channelId, name, []));
  }

  /**
   * Records an accepted message, and the forum post it opens when `post` is given (then the thread takes
   * the message's id, and the message lives in the thread).
   */
  function accept(
    route: ReceivedMessage['route'],
    targetId: string,
    channelId: string,
    body: MessageBody,
    post?: { name: string; appliedTags: string[] },
    nonce = '',
  ): { message: Record<string, unknown> } {
    const id = nextSnowflake();
    const thread: CreatedThread | undefined = post && {
      id,
      parentId: channelId,
      name: post.name,
      appliedTags: post.appliedTags,
      route: route === 'webhook' ? 'webhook' : 'forum-thread',
    };
    const inChannel = thread ? thread.id : channelId;
    const message = messageObject(id, inChannel, body, {
      ...(route === 'webhook' ? { webhookId: targetId } : { authorId: botUserId }),
      ...(nonce ? { nonce } : {}),
    });
    messageChannels.set(id, inChannel);
    messages.push({ id, route, targetId, body, ...(nonce ? { nonce } : {}), ...(thread ? { thread } : {}) });
    if (thread) threads.push(thread);
    options.log?.(describeMessage(route, targetId, id, body, thread));
    return { message };
  }

  /** Records and returns Discord's 400 answer for an invalid body, or undefined for a valid one. */
  function validate(route: StandInRoute, body: unknown): Record<string, unknown> | undefined {
    if (body === INVALID_JSON) {
      invalid.push({ route, body: undefined, errors: ['body: the request body contains invalid JSON'] });
      return { message: 'The request body contains invalid JSON.', code: 50109 };
    }
    const problems = findProblems(spec, route, body);
    if (problems.length) {
      invalid.push({ route, body, errors: problems.map(formatProblem) });
      return { code: 50035, message: 'Invalid Form Body', errors: discordErrors(problems) };
    }
    const message = route === 'forum-thread' && isRecord(body) ? body.message : body;
    if (route !== 'message-thread' && isEmptyMessage(message)) {
      invalid.push({ route, body, errors: ['body: Cannot send an empty message'] });
      return { code: 50006, message: 'Cannot send an empty message' };
    }
    return undefined;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { message: `stand-in error: ${String(error)}`, code: 0 });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    apiBase: `${origin}/api`,
    botToken,
    webhookUrl(label, webhookOptions = {}) {
      let id = label === undefined ? undefined : SNOWFLAKE.test(label) ? label : labels.get(label);
      if (id === undefined) {
        id = nextSnowflake();
        if (label !== undefined) labels.set(label, id);
      }
      let webhook = webhooks.get(id);
      if (!webhook) {
        webhook = { token: token(51), channelId: nextSnowflake(), forum: webhookOptions.forum === true };
        webhooks.set(id, webhook);
      }
      return `${origin}/api/webhooks/${id}/${webhook.token}`;
    },
    forumChannel(id = nextSnowflake()) {
      forums.add(id);
      return id;
    },
    messages,
    threads,
    get requests() {
      return requests;
    },
    invalid,
    failNext(...responses) {
      faults.push(...responses);
    },
    clearFaults() {
      faults.length = 0;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const INVALID_JSON = Symbol('invalid JSON');

type MatchedRoute =
  | { route: 'webhook'; id: string; token: string }
  | { route: 'channel' | 'forum-thread'; id: string }
  | { route: 'message-thread'; id: string; message: string };

function matchRoute(pathname: string): MatchedRoute | undefined {
  const webhook = WEBHOOK_ROUTE.exec(pathname);
  if (webhook) return { route: 'webhook', id: webhook[1] ?? '', token: webhook[2] ?? '' };
  const channel = CHANNEL_ROUTE.exec(pathname);
  if (channel) return { route: 'channel', id: channel[1] ?? '' };
  const forum = FORUM_THREAD_ROUTE.exec(pathname);
  if (forum) return { route: 'forum-thread', id: forum[1] ?? '' };
  const onMessage = MESSAGE_THREAD_ROUTE.exec(pathname);
  if (onMessage) return { route: 'message-thread', id: onMessage[1] ?? '', message: onMessage[2] ?? '' };
  return undefined;
}

/** A thread channel object, as Discord answers a thread's creation. */
function threadObject(
  id: string,
  parentId: string,
  name: string,
  appliedTags: string[],
): Record<string, unknown> {
  return {
    id,
    type: 11,
    parent_id: parentId,
    name,
    applied_tags: appliedTags,
    last_message_id: id,
    message_count: 0,
    member_count: 1,
    rate_limit_per_user: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 4320,
      archive_timestamp: new Date().toISOString(),
      locked: false,
    },
    total_message_sent: 0,
  };
}

function parseJson(raw: string | undefined): unknown {
  if (raw === undefined || raw === '') return INVALID_JSON;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return INVALID_JSON;
  }
}

/** The body as text, or undefined beyond the cap. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.writableEnded || res.destroyed) return;
  if (body === undefined) {
    res.writeHead(status, headers).end();
  } else if (typeof body === 'string') {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(body);
  } else {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }
}

function sendFault(res: ServerResponse, fault: ScriptedResponse, route: StandInRoute | undefined): void {
  if (fault.status === 429) {
    // Header names are case-insensitive: a script's `retry-after` replaces the default, not doubles it.
    const scripted = Object.fromEntries(
      Object.entries(fault.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const bodyRetryAfter = (fault.body as { retry_after?: unknown } | undefined)?.retry_after;
    const retryAfter = Number(
      scripted['retry-after'] ?? (typeof bodyRetryAfter === 'number' ? bodyRetryAfter : 1),
    );
    const global = (fault.body as { global?: unknown } | undefined)?.global === true;
    const headers: Record<string, string> = {
      'retry-after': String(retryAfter),
      'x-ratelimit-scope': global ? 'global' : 'user',
      ...(global ? { 'x-ratelimit-global': 'true' } : {}),
      ...scripted,
    };
    const body = fault.body ?? { message: 'You are being rate limited.', retry_after: retryAfter, global };
    send(res, 429, body, headers);
    return;
  }
  send(res, fault.status, fault.body ?? defaultErrorBody(fault.status, route), fault.headers);
}

function defaultErrorBody(status: number, route: StandInRoute | undefined): unknown {
  switch (status) {
    case 400:
      return { message: 'Invalid Form Body', code: 50035, errors: {} };
    case 401:
      return { message: '401: Unauthorized', code: 0 };
    case 403:
      return { message: 'Missing Access', code: 50001 };
    case 404:
      return route !== undefined && route !== 'webhook'
        ? { message: 'Unknown Channel', code: 10003 }
        : { message: 'Unknown Webhook', code: 10015 };
    default:
      return { message: `${status}: ${STATUS_CODES[status] ?? 'Error'}`, code: 0 };
  }
}

/** Schema issues, unknown fields and Discord's limits, for one body. */
function findProblems(spec: SpecSchemas, route: StandInRoute, body: unknown): Problem[] {
  const schema = {
    webhook: spec.IncomingWebhookRequestPartialSchema,
    channel: spec.MessageCreateRequestSchema,
    'forum-thread': spec.CreateForumThreadRequestSchema,
    'message-thread': spec.CreateTextThreadWithMessageRequestSchema,
  }[route];
  const result = schema.safeParse(body);
  const problems: Problem[] = result.success ? [] : result.error.issues.map(fromIssue);
  if (!isRecord(body)) return problems;
  if (route === 'forum-thread') {
    // A forum post: the thread's own fields, then its first message, checked as any message is.
    problems.push(...unknownFields(spec, schema, body, []));
    if (isRecord(body.message)) {
      problems.push(
        ...unknownFields(spec, spec.BaseCreateMessageCreateRequestSchema, body.message, ['message']),
      );
      problems.push(...limitProblems(body.message, ['message']));
    }
  } else {
    problems.push(...unknownFields(spec, schema, body, []));
    problems.push(...limitProblems(body, []));
  }
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path.join('.')}|${problem.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function fromIssue(issue: SpecIssue): Problem {
  const path = issue.path;
  switch (issue.code) {
    case 'too_big':
      return { path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${issue.maximum} or fewer in length.` };
    case 'too_small':
      return { path, code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${issue.minimum} or more in length.` };
    case 'invalid_type':
      return { path, code: 'BASE_TYPE_BAD_TYPE', message: `Must be of type ${issue.expected}.` };
    case 'invalid_format':
      return issue.format === 'url'
        ? { path, code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' }
        : { path, code: 'BASE_TYPE_BAD_FORMAT', message: `Must be a valid ${issue.format}.` };
    case 'unrecognized_keys':
      return { path, code: 'UNKNOWN_FIELD', message: `Unknown fields: ${issue.keys?.join(', ')}` };
    default:
      return { path, code: 'BASE_TYPE_INVALID', message: `${issue.code}: ${issue.message}` };
  }
}

/**
 * Discord ignores fields it does not know. The stand-in refuses them, so that a misspelt key (say
 * `allowedMentions`, which would silently turn mention parsing back on) fails a test instead.
 */
function unknownFields(
  spec: SpecSchemas,
  schema: SpecSchema,
  body: Record<string, unknown>,
  at: PropertyKey[],
): Problem[] {
  const problems: Problem[] = [];
  const check = (value: unknown, known: SpecSchema, path: PropertyKey[]) => {
    if (!isRecord(value)) return;
    for (const key of Object.keys(value)) {
      if (!(key in known.shape)) {
        problems.push({
          path: [...path, key],
          code: 'UNKNOWN_FIELD',
          message: 'Discord does not know this field.',
        });
      }
    }
  };
  check(body, schema, at);
  check(body.allowed_mentions, spec.MessageAllowedMentionsRequestSchema, [...at, 'allowed_mentions']);
  const embeds = Array.isArray(body.embeds) ? body.embeds : [];
  embeds.forEach((embed: unknown, index) => {
    const path = [...at, 'embeds', index];
    check(embed, spec.RichEmbedSchema, path);
    if (!isRecord(embed)) return;
    check(embed.author, spec.RichEmbedAuthorSchema, [...path, 'author']);
    check(embed.footer, spec.RichEmbedFooterSchema, [...path, 'footer']);
    check(embed.image, spec.RichEmbedImageSchema, [...path, 'image']);
    check(embed.thumbnail, spec.RichEmbedThumbnailSchema, [...path, 'thumbnail']);
    const fields = Array.isArray(embed.fields) ? embed.fields : [];
    fields.forEach((field: unknown, fieldIndex) => {
      check(field, spec.RichEmbedFieldSchema, [...path, 'fields', fieldIndex]);
    });
  });
  return problems;
}

/** Discord's content and embed rules, the 6000-character total across all embeds among them. */
function limitProblems(body: Record<string, unknown>, at: PropertyKey[]): Problem[] {
  const problems: Problem[] = [];
  const tooLong = (value: unknown, limit: number, path: PropertyKey[]) => {
    if (typeof value === 'string' && value.length > limit) {
      problems.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${limit} or fewer in length.` });
    }
  };
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  tooLong(body.content, LIMITS.content, [...at, 'content']);
  const embeds = Array.isArray(body.embeds) ? body.embeds : [];
  if (embeds.length > LIMITS.embeds) {
    problems.push({
      path: [...at, 'embeds'],
      code: 'BASE_TYPE_MAX_LENGTH',
      message: `Must be ${LIMITS.embeds} or fewer in length.`,
    });
  }
  let total = 0;
  embeds.forEach((embed: unknown, index) => {
    if (!isRecord(embed)) return;
    const path = [...at, 'embeds', index];
    const author = isRecord(embed.author) ? embed.author : {};
    const footer = isRecord(embed.footer) ? embed.footer : {};
    const fields = Array.isArray(embed.fields) ? embed.fields : [];
    tooLong(embed.title, LIMITS.title, [...path, 'title']);
    tooLong(embed.description, LIMITS.description, [...path, 'description']);
    tooLong(author.name, LIMITS.author, [...path, 'author', 'name']);
    tooLong(footer.text, LIMITS.footer, [...path, 'footer', 'text']);
    if (fields.length > LIMITS.fields) {
      problems.push({
        path: [...path, 'fields'],
        code: 'BASE_TYPE_MAX_LENGTH',
        message: `Must be ${LIMITS.fields} or fewer in length.`,
      });
    }
    total += text(embed.title).length + text(embed.description).length;
    total += text(author.name).length + text(footer.text).length;
    fields.forEach((field: unknown, fieldIndex) => {
      if (!isRecord(field)) return;
      const fieldPath = [...path, 'fields', fieldIndex];
      tooLong(field.name, LIMITS.fieldName, [...fieldPath, 'name']);
      tooLong(field.value, LIMITS.fieldValue, [...fieldPath, 'value']);
      for (const key of ['name', 'value'] as const) {
        if (text(field[key]).trim() === '') {
          problems.push({
            path: [...fieldPath, key],
            code: 'BASE_TYPE_REQUIRED',
            message: 'This field is required',
          });
        }
      }
      total += text(field.name).length + text(field.value).length;
    });
  });
  if (total > LIMITS.total) {
    problems.push({
      path: [...at, 'embeds'],
      code: 'MAX_EMBED_SIZE_EXCEEDED',
      message: `Embed size exceeds maximum size of ${LIMITS.total}`,
    });
  }
  return problems;
}

function isEmptyMessage(body: unknown): boolean {
  if (!isRecord(body)) return true;
  const filled = (value: unknown) =>
    value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
  return !['content', 'embeds', 'components', 'attachments', 'sticker_ids', 'poll'].some((key) =>
    filled(body[key]),
  );
}

/** Discord's nested error shape: `{ embeds: { 0: { title: { _errors: [{ code, message }] } } } }`. */
function discordErrors(problems: readonly Problem[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const problem of problems) {
    let node = root;
    for (const key of problem.path) {
      const name = String(key);
      const child = isRecord(node[name]) ? (node[name] as Record<string, unknown>) : {};
      node[name] = child;
      node = child;
    }
    const errors = Array.isArray(node._errors) ? (node._errors as unknown[]) : [];
    errors.push({ code: problem.code, message: problem.message });
    node._errors = errors;
  }
  return root;
}

function formatProblem(problem: Problem): string {
  const path = problem.path.map(String).join('.') || 'body';
  return `${path}: ${problem.code} ${problem.message}`;
}

function messageObject(
  id: string,
  channelId: string,
  body: MessageBody,
  extra: { webhookId?: string; authorId?: string; nonce?: string },
): Record<string, unknown> {
  const authorId = extra.webhookId ?? extra.authorId ?? id;
  return {
    id,
    type: 0,
    channel_id: channelId,
    content: body.content ?? '',
    embeds: (body.embeds ?? []).map((embed) => ({ type: 'rich', ...embed })),
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    author: { id: authorId, username: 'Herald', discriminator: '0000', avatar: null, bot: true },
    attachments: [],
    components: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    flags: 0,
    ...(extra.webhookId ? { webhook_id: extra.webhookId } : {}),
    ...(extra.nonce ? { nonce: extra.nonce } : {}),
  };
}

function describeMessage(
  route: StandInRoute,
  targetId: string,
  id: string,
  body: MessageBody,
  thread?: CreatedThread,
): string {
  const embed = body.embeds?.[0];
  const headline = (embed?.title ?? body.content ?? '(no text)').replace(/\s+/g, ' ');
  const short = headline.length > 90 ? `${headline.slice(0, 89)}…` : headline;
  const fields = embed?.fields?.length ?? 0;
  const extras = [embed?.author?.name, fields ? `${fields} quote${fields === 1 ? '' : 's'}` : undefined]
    .filter(Boolean)
    .join(', ');
  const post = thread
    ? ` in forum post "${thread.name}"${thread.appliedTags.length ? ` tagged ${thread.appliedTags.join(', ')}` : ''}`
    : '';
  const roles = body.allowed_mentions?.roles?.length
    ? `, pinging role ${body.allowed_mentions.roles.join(', ')}`
    : '';
  return `${route} ${targetId} <- "${short}"${extras ? ` (${extras})` : ''}${post}${roles} as message ${id}`;
}

let lastTimestamp = 0n;
let increment = 0n;
/** Discord-shaped snowflakes (ms since 2015 << 22), unique within the process. */
function nextSnowflake(): string {
  const timestamp = BigInt(Date.now()) - DISCORD_EPOCH;
  if (timestamp === lastTimestamp) {
    increment = (increment + 1n) & 0xfffn;
  } else {
    lastTimestamp = timestamp;
    increment = 0n;
  }
  return ((timestamp << 22n) | (1n << 17n) | increment).toString();
}

function token(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
