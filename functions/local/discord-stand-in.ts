import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RESTPostAPIChannelMessageJSONBody, RESTPostAPIWebhookWithTokenJSONBody } from 'discord.js';

/** A message body as Herald sends it, to a webhook or to a channel. */
export type MessageBody = RESTPostAPIWebhookWithTokenJSONBody | RESTPostAPIChannelMessageJSONBody;

export type StandInRoute = 'webhook' | 'channel';

/** A message the stand-in accepted and recorded. */
export interface ReceivedMessage {
  /** The snowflake the stand-in gave the message. */
  id: string;
  route: StandInRoute;
  /** The webhook id (webhook route) or the channel id (channel route) the message was sent to. */
  targetId: string;
  body: MessageBody;
  nonce?: string;
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

export interface DiscordStandIn {
  /** Use as Herald's `discord.apiBase`, e.g. `http://127.0.0.1:PORT/api`. */
  apiBase: string;
  /**
   * A webhook URL on the stand-in, `.../api/webhooks/<id>/<68-char token>`. The same `id` (a snowflake, or any
   * label) always gives the same URL; no `id` gives a new webhook.
   */
  webhookUrl(id?: string): string;
  botToken: string;
  /** Every accepted message, in order. A repeated nonce is not recorded twice. */
  readonly messages: ReceivedMessage[];
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

/** The schemas of `discord-api-spec/zod` for the two request bodies Herald sends, and their parts. */
interface SpecSchemas {
  /** `POST /webhooks/{webhook_id}/{webhook_token}` (execute_webhook). */
  IncomingWebhookRequestPartialSchema: SpecSchema;
  /** `POST /channels/{channel_id}/messages` (create_message). */
  MessageCreateRequestSchema: SpecSchema;
  RichEmbedSchema: SpecSchema;
  RichEmbedAuthorSchema: SpecSchema;
  RichEmbedFooterSchema: SpecSchema;
  RichEmbedFieldSchema: SpecSchema;
  RichEmbedImageSchema: SpecSchema;
  RichEmbedThumbnailSchema: SpecSchema;
  MessageAllowedMentionsRequestSchema: SpecSchema;
}

/** Discord's embed limits, which the stand-in checks on top of the schema. */
const LIMITS = {
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
  const webhooks = new Map<string, { token: string; channelId: string }>();
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
    const webhookMatch = WEBHOOK_ROUTE.exec(url.pathname);
    const channelMatch = CHANNEL_ROUTE.exec(url.pathname);
    const route: StandInRoute | undefined = webhookMatch ? 'webhook' : channelMatch ? 'channel' : undefined;

    const fault = faults.shift();
    if (fault?.delayMs) await delay(fault.delayMs);
    if (fault && (fault.status < 200 || fault.status >= 300)) {
      if (route && raw !== undefined) validate(route, parseJson(raw));
      return sendFault(res, fault, route);
    }

    if (req.method !== 'POST' || !route) return send(res, 404, { message: '404: Not Found', code: 0 });
    if (raw === undefined) return send(res, 413, { message: 'Request entity too large', code: 40005 });

    let targetId: string;
    let channelId: string;
    if (webhookMatch) {
      const [, id = '', webhookToken = ''] = webhookMatch;
      const webhook = webhooks.get(id);
      if (!webhook) return send(res, 404, { message: 'Unknown Webhook', code: 10015 });
      if (webhook.token !== webhookToken)
        return send(res, 401, { message: 'Invalid Webhook Token', code: 50027 });
      targetId = id;
      channelId = webhook.channelId;
    } else {
      if (req.headers.authorization !== `Bot ${botToken}`) {
        return send(res, 401, { message: '401: Unauthorized', code: 0 });
      }
      const id = channelMatch?.[1] ?? '';
      if (!SNOWFLAKE.test(id)) return send(res, 404, { message: 'Unknown Channel', code: 10003 });
      targetId = id;
      channelId = id;
    }

    const body = parseJson(raw);
    const refusal = validate(route, body);
    if (refusal) return send(res, 400, refusal);
    const message = body as MessageBody & { nonce?: unknown; enforce_nonce?: unknown };

    const nonce =
      typeof message.nonce === 'string' || typeof message.nonce === 'number' ? String(message.nonce) : '';
    const nonceKey =
      route === 'channel' && message.enforce_nonce === true && nonce ? `${channelId}:${nonce}` : '';
    const now = Date.now();
    const previous = nonceKey ? nonces.get(nonceKey) : undefined;
    if (previous && now - previous.at < NONCE_WINDOW_MS) return send(res, 200, previous.message);

    const id = nextSnowflake();
    const created = messageObject(id, channelId, message, {
      ...(route === 'webhook' ? { webhookId: targetId } : { authorId: botUserId }),
      ...(nonce ? { nonce } : {}),
    });
    if (nonceKey) nonces.set(nonceKey, { at: now, message: created });
    messages.push({ id, route, targetId, body: message, ...(nonce ? { nonce } : {}) });
    options.log?.(describeMessage(route, targetId, id, message));

    const wait = url.searchParams.get('wait')?.toLowerCase();
    if (route === 'webhook' && wait !== 'true' && wait !== '1') return send(res, 204);
    return send(res, 200, created);
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
    if (isEmptyMessage(body)) {
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
    webhookUrl(label) {
      let id = label === undefined ? undefined : SNOWFLAKE.test(label) ? label : labels.get(label);
      if (id === undefined) {
        id = nextSnowflake();
        if (label !== undefined) labels.set(label, id);
      }
      let webhook = webhooks.get(id);
      if (!webhook) {
        webhook = { token: token(51), channelId: nextSnowflake() };
        webhooks.set(id, webhook);
      }
      return `${origin}/api/webhooks/${id}/${webhook.token}`;
    },
    messages,
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
      return route === 'channel'
        ? { message: 'Unknown Channel', code: 10003 }
        : { message: 'Unknown Webhook', code: 10015 };
    default:
      return { message: `${status}: ${STATUS_CODES[status] ?? 'Error'}`, code: 0 };
  }
}

/** Schema issues, unknown fields and Discord's limits, for one body. */
function findProblems(spec: SpecSchemas, route: StandInRoute, body: unknown): Problem[] {
  const schema =
    route === 'webhook' ? spec.IncomingWebhookRequestPartialSchema : spec.MessageCreateRequestSchema;
  const result = schema.safeParse(body);
  const problems: Problem[] = result.success ? [] : result.error.issues.map(fromIssue);
  if (!isRecord(body)) return problems;
  problems.push(...unknownFields(spec, schema, body));
  problems.push(...limitProblems(body));
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
function unknownFields(spec: SpecSchemas, schema: SpecSchema, body: Record<string, unknown>): Problem[] {
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
  check(body, schema, []);
  check(body.allowed_mentions, spec.MessageAllowedMentionsRequestSchema, ['allowed_mentions']);
  const embeds = Array.isArray(body.embeds) ? body.embeds : [];
  embeds.forEach((embed: unknown, index) => {
    const path = ['embeds', index];
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

/** Discord's embed rules, the 6000-character total across all embeds among them. */
function limitProblems(body: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const tooLong = (value: unknown, limit: number, path: PropertyKey[]) => {
    if (typeof value === 'string' && value.length > limit) {
      problems.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${limit} or fewer in length.` });
    }
  };
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const embeds = Array.isArray(body.embeds) ? body.embeds : [];
  if (embeds.length > LIMITS.embeds) {
    problems.push({
      path: ['embeds'],
      code: 'BASE_TYPE_MAX_LENGTH',
      message: `Must be ${LIMITS.embeds} or fewer in length.`,
    });
  }
  let total = 0;
  embeds.forEach((embed: unknown, index) => {
    if (!isRecord(embed)) return;
    const path = ['embeds', index];
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
      path: ['embeds'],
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

function describeMessage(route: StandInRoute, targetId: string, id: string, body: MessageBody): string {
  const embed = body.embeds?.[0];
  const headline = (embed?.title ?? body.content ?? '(no text)').replace(/\s+/g, ' ');
  const short = headline.length > 90 ? `${headline.slice(0, 89)}…` : headline;
  const fields = embed?.fields?.length ?? 0;
  const extras = [embed?.author?.name, fields ? `${fields} quote${fields === 1 ? '' : 's'}` : undefined]
    .filter(Boolean)
    .join(', ');
  return `${route} ${targetId} <- "${short}"${extras ? ` (${extras})` : ''} as message ${id}`;
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
