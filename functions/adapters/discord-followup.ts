/** The interaction a follow-up answers: its application and its 15-minute token. */
export interface FollowUpTarget {
  applicationId: string;
  token: string;
}

/** A follow-up message body (`POST /webhooks/{application.id}/{interaction.token}`). */
export interface FollowUpMessage {
  content?: string;
  embeds?: unknown[];
  allowed_mentions: { parse: [] };
  flags?: number;
}

export interface FollowUpOptions {
  /** Discord's API root without the version, e.g. `https://discord.com/api`; tests point it at a stand-in. */
  apiBase: string;
  /** Bound on the whole request, body included. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** Expected outcomes are values: a follow-up that cannot be sent must not fail the poll that precedes it. */
export type FollowUpOutcome =
  | { kind: 'sent'; messageId?: string }
  | { kind: 'failed'; reason: string; status?: number };

const MAX_REASON = 300;
/** Discord's message flag for "only the member who asked sees it". */
const EPHEMERAL = 64;
const CONTENT_LIMIT = 2000;

/** A follow-up in plain text that pings nobody, seen only by the member who asked. */
export function followUpMessage(content: string): FollowUpMessage {
  return {
    content: content.length > CONTENT_LIMIT ? `${content.slice(0, CONTENT_LIMIT - 1)}…` : content,
    allowed_mentions: { parse: [] },
    flags: EPHEMERAL,
  };
}

/**
 * Sends one follow-up message for an interaction, with `fetch` (discord.js is not worth loading for one
 * request). The request is bounded by `timeoutMs`, never retried (a retry could post twice), and never
 * throws. The token is part of the URL only: it never appears in an outcome.
 */
export async function sendFollowUp(
  target: FollowUpTarget,
  message: FollowUpMessage,
  options: FollowUpOptions,
): Promise<FollowUpOutcome> {
  const doFetch = options.fetch ?? fetch;
  const base = options.apiBase.replace(/\/+$/, '');
  const url =
    `${base}/v10/webhooks/${encodeURIComponent(target.applicationId)}/` +
    `${encodeURIComponent(target.token)}?wait=true`;
  const redact = (text: string) =>
    text
      .replaceAll(target.token, '***')
      .replaceAll(encodeURIComponent(target.token), '***')
      .slice(0, MAX_REASON);
  try {
    const response = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await response.text();
    if (response.ok) {
      const id = parseJson(text)?.id;
      return { kind: 'sent', ...(typeof id === 'string' ? { messageId: id } : {}) };
    }
    const error = parseJson(text);
    const detail = typeof error?.message === 'string' ? error.message : response.statusText;
    const code = typeof error?.code === 'number' && error.code !== 0 ? ` (code ${error.code})` : '';
    return {
      kind: 'failed',
      status: response.status,
      reason: redact(`HTTP ${response.status}: ${detail}${code}`),
    };
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
      return { kind: 'failed', reason: `no answer within ${options.timeoutMs} ms` };
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    const detail = error instanceof Error ? `${error.name}: ${error.message}${cause}` : String(error);
    return { kind: 'failed', reason: redact(detail) };
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
