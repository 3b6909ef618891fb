import { lookup } from 'node:dns';
import { isIP } from 'node:net';
import { redact } from '../core/redact.ts';
import { AddressRefusedError, guardedLookup, type Lookup, nonPublicReason } from './address-policy.ts';

/** Limits for every outgoing request: feed text and pages are untrusted. */
export interface HttpLimits {
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
  maxRedirects?: number;
}

export type HttpResult =
  | {
      kind: 'ok';
      status: number;
      url: string;
      text: string;
      headers: Headers;
    }
  | { kind: 'not-modified'; headers: Headers }
  | { kind: 'error'; reason: string; failure: HttpFailure; status?: number };

/**
 * Why a request failed, as the article port's `failure` kinds that do not depend on a status:
 * - `transient`: a timeout, a reset, a body cut short, a name that did not resolve: it may work later;
 * - `refused`: the address policy would not fetch it, and did not;
 * - `permanent`: a body over the cap, too many redirects, a redirect without a Location: a retry will not
 *   mend it.
 */
export type HttpFailure = 'transient' | 'refused' | 'permanent';

/** An error raised inside an exchange, with the kind of failure it is. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    message: string,
    readonly failure: HttpFailure,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Where a request may go. The origins (scheme, host, port) the operator configured, the feed's own, are
 * fetched wherever they resolve, loopback included: the operator chose them. Every other URL, on every
 * redirect hop, must be a public address, checked on the address the socket connects to.
 */
export interface AccessPolicy {
  trustedOrigins: readonly string[];
  /** The fetch for untrusted hops; default: undici's, through an agent that refuses non-public addresses. */
  guardedFetch?: typeof fetch;
}

const DEFAULT_MAX_REDIRECTS = 5;

/**
 * GETs a URL within limits: one deadline for the whole exchange (a server that trickles bytes
 * times out), a cap on the decoded body (which also stops gzip bombs), at most a few redirects, each
 * on the first URL's host, never to another scheme than http(s) or down from https, every hop under the
 * address policy, and the declared charset honoured. Reasons never carry a URL's credentials.
 */
export async function httpGet(
  fetchImpl: typeof fetch,
  url: string,
  limits: HttpLimits,
  headers: Record<string, string>,
  access: AccessPolicy,
): Promise<HttpResult> {
  const result = await exchange(fetchImpl, url, limits, headers, access);
  return result.kind === 'error' ? { ...result, reason: redact(result.reason) } : result;
}

async function exchange(
  fetchImpl: typeof fetch,
  url: string,
  limits: HttpLimits,
  headers: Record<string, string>,
  access: AccessPolicy,
): Promise<HttpResult> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const maxRedirects = limits.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    return { kind: 'error', failure: 'permanent', reason: `not a URL: ${url.slice(0, 200)}` };
  }
  const first = current;
  const trusted = new Set(access.trustedOrigins.flatMap((origin) => originOf(origin) ?? []));
  try {
    for (let hop = 0; ; hop++) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        return { kind: 'error', failure: 'permanent', reason: `refused ${current.protocol} URL` };
      }
      const refusal = refusalOf(current, trusted);
      if (refusal) return { kind: 'error', failure: 'refused', reason: refusal };
      const transport = trusted.has(current.origin)
        ? fetchImpl
        : (access.guardedFetch ?? (await loadGuardedFetch()));
      const response = await transport(current, {
        headers: { 'user-agent': limits.userAgent, 'accept-encoding': 'gzip, deflate, br', ...headers },
        redirect: 'manual',
        signal,
      });
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (!location)
          return {
            kind: 'error',
            failure: 'permanent',
            reason: `HTTP ${response.status} without a Location`,
            status: response.status,
          };
        if (hop >= maxRedirects) {
          return {
            kind: 'error',
            failure: 'permanent',
            reason: `too many redirects (more than ${maxRedirects})`,
          };
        }
        const next = new URL(location, current);
        const off = redirectProblem(first, current, next);
        if (off) return { kind: 'error', failure: 'refused', reason: off };
        current = next;
        continue;
      }
      if (response.status === 304) {
        await response.body?.cancel();
        return { kind: 'not-modified', headers: response.headers };
      }
      if (!response.ok) {
        await response.body?.cancel();
        return {
          kind: 'error',
          failure: 'permanent',
          reason: `HTTP ${response.status}`,
          status: response.status,
        };
      }
      const bytes = await readCapped(response, limits.maxBytes);
      return {
        kind: 'ok',
        status: response.status,
        url: current.toString(),
        text: decode(bytes, response.headers.get('content-type')),
        headers: response.headers,
      };
    }
  } catch (error) {
    return { kind: 'error', ...classify(error, limits.timeoutMs) };
  }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Why a hop is refused before anything is sent: credentials, or a literal address that is not public. */
function refusalOf(url: URL, trusted: ReadonlySet<string>): string | undefined {
  // fetch would refuse it too, but with a reason that quotes the URL.
  if (url.username || url.password) return 'refused a URL with a user name or password';
  if (trusted.has(url.origin)) return undefined;
  const literal = isIP(url.hostname.replace(/^\[|\]$/g, ''));
  if (!literal) return undefined;
  const reason = nonPublicReason(url.hostname);
  return reason ? `refused ${url.hostname}: ${reason}, and not the feed's own site` : undefined;
}

/**
 * A redirect stays on the first URL's host (a `www.` more or less is the same host), on its port or the
 * new scheme's default one, and never goes from https to http. The public-suffix list would also allow
 * other hosts of the same registrable domain, but it costs 140 KB in the bundle (50 KB gzipped) for
 * redirects that every hop's address check makes safe anyway; a refused one is decided from the feed.
 */
export function redirectProblem(first: URL, from: URL, to: URL): string | undefined {
  if (to.protocol !== 'http:' && to.protocol !== 'https:')
    return `refused a redirect to a ${to.protocol} URL`;
  if (from.protocol === 'https:' && to.protocol === 'http:') return 'refused a redirect from https to http';
  const host = (url: URL) => url.hostname.toLowerCase().replace(/^www\./, '');
  if (host(to) !== host(first)) return `refused a redirect to another site (${to.hostname})`;
  if (to.port !== '' && to.port !== first.port) return `refused a redirect to another port (${to.host})`;
  return undefined;
}

let guarded: Promise<typeof fetch> | undefined;

/**
 * undici's own fetch with an agent whose sockets connect only to public addresses: a `lookup` that
 * checks what a name resolves to, and a last check of the connected socket's address (a literal address
 * skips `lookup`). undici's fetch with undici's agent, not Node's fetch: Node's bundled undici and the
 * package's are different versions, and a dispatcher does not cross between them reliably. The package is
 * in the bundle already (discord.js uses it), and loads only when a link leaves the feed's site.
 */
function loadGuardedFetch(): Promise<typeof fetch> {
  guarded ??= import('undici').then(({ Agent, buildConnector, fetch: undiciFetch }) => {
    const connect = buildConnector({ lookup: guardedLookup(lookup as unknown as Lookup) });
    const agent = new Agent({
      connect: (options, callback) =>
        connect(options, (error, socket) => {
          if (error || !socket) return callback(error ?? new Error('no socket'), null);
          const reason = socket.remoteAddress ? nonPublicReason(socket.remoteAddress) : 'an unknown address';
          if (!reason) return callback(null, socket);
          socket.destroy();
          callback(new AddressRefusedError(`${options.hostname} connected to ${reason}`), null);
        }),
    });
    return ((input: string | URL, init?: RequestInit) =>
      undiciFetch(input, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch;
  });
  return guarded;
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes && !response.headers.get('content-encoding')) {
    await response.body?.cancel();
    throw new HttpError(`body too large: ${declared} bytes declared, the cap is ${maxBytes}`, 'permanent');
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new HttpError(`body too large: over the cap of ${maxBytes} bytes`, 'permanent');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The charset from Content-Type, else from an XML or HTML declaration, else UTF-8. */
export function decode(bytes: Uint8Array, contentType: string | null): string {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const declared =
    /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ??
    /<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ??
    'utf-8';
  const label = declared.toLowerCase();
  if (WINDOWS_1252_LABELS.has(label)) return decodeWindows1252(bytes);
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** As in the WHATWG Encoding standard, Latin-1 labels mean Windows-1252. */
const WINDOWS_1252_LABELS = new Set([
  'windows-1252',
  'cp1252',
  'iso-8859-1',
  'iso8859-1',
  'latin1',
  'l1',
  'us-ascii',
  'ascii',
]);
// 0x80-0x9F in Windows-1252; Node's small-ICU decoder maps them to C1 controls instead.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...chunk.map((b) => b));
  }
  return out.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/** What went wrong, as a reason and a kind: a refusal by the policy, a cap, or a network fault. */
function classify(error: unknown, timeoutMs: number): { reason: string; failure: HttpFailure } {
  if (error instanceof HttpError) return { reason: error.message, failure: error.failure };
  if (error instanceof AddressRefusedError)
    return { reason: `refused: ${error.message}`, failure: 'refused' };
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError')
      return { reason: `timed out after ${timeoutMs} ms`, failure: 'transient' };
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof AddressRefusedError)
      return { reason: `refused: ${cause.message}, and not the feed's own site`, failure: 'refused' };
    const coded = cause as { code?: string; message?: string } | undefined;
    if (coded?.code)
      return { reason: `${coded.code}${coded.message ? `: ${coded.message}` : ''}`, failure: 'transient' };
    // A body cut short, a reset mid-stream: undici and Node name these "terminated" or the like.
    return { reason: error.message, failure: 'transient' };
  }
  return { reason: String(error), failure: 'transient' };
}
