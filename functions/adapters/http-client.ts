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
  | { kind: 'error'; reason: string; status?: number };

/** A failure a caller can report in one line. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
}

const DEFAULT_MAX_REDIRECTS = 5;

/**
 * GETs a URL within limits: one deadline for the whole exchange (a server that trickles bytes
 * times out), a cap on the decoded body (which also stops gzip bombs), at most a few redirects,
 * none of them to another site or scheme, and the declared charset honoured.
 */
export async function httpGet(
  fetchImpl: typeof fetch,
  url: string,
  limits: HttpLimits,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    return { kind: 'error', reason: `not a URL: ${url.slice(0, 200)}` };
  }
  const origin = current;
  try {
    for (let hop = 0; ; hop++) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        return { kind: 'error', reason: `refused ${current.protocol} URL` };
      }
      const response = await fetchImpl(current, {
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
            reason: `HTTP ${response.status} without a Location`,
            status: response.status,
          };
        if (hop >= (limits.maxRedirects ?? DEFAULT_MAX_REDIRECTS)) {
          return {
            kind: 'error',
            reason: `too many redirects (more than ${limits.maxRedirects ?? DEFAULT_MAX_REDIRECTS})`,
          };
        }
        const next = new URL(location, current);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          return { kind: 'error', reason: `refused a redirect to a ${next.protocol} URL` };
        }
        if (siteOf(next) !== siteOf(origin)) {
          return { kind: 'error', reason: `refused a redirect to another site (${next.hostname})` };
        }
        current = next;
        continue;
      }
      if (response.status === 304) {
        await response.body?.cancel();
        return { kind: 'not-modified', headers: response.headers };
      }
      if (!response.ok) {
        await response.body?.cancel();
        return { kind: 'error', reason: `HTTP ${response.status}`, status: response.status };
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
    return { kind: 'error', reason: networkReason(error, limits.timeoutMs) };
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes && !response.headers.get('content-encoding')) {
    await response.body?.cancel();
    throw new HttpError(`body too large: ${declared} bytes declared, the cap is ${maxBytes}`);
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
      throw new HttpError(`body too large: over the cap of ${maxBytes} bytes`);
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

/** Sites compare by their last two host labels: www.voanews.com and learningenglish.voanews.com are one site. */
function siteOf(url: URL): string {
  const host = url.hostname.toLowerCase();
  if (/^[\d.]+$/.test(host) || host.includes(':')) return host;
  return host.split('.').slice(-2).join('.');
}

function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof HttpError) return error.message;
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError')
      return `timed out after ${timeoutMs} ms`;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ''}`;
    return error.message;
  }
  return String(error);
}
