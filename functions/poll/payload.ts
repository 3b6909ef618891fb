import { z } from 'zod';
import { isScheduledEvent } from './scheduled-event.ts';

/** A payload the handler cannot act on: refused before anything runs. */
export class InvalidPayloadError extends Error {
  override readonly name = 'InvalidPayloadError';
}

/** A manual run: `aws lambda invoke --payload '{"dryRun":true,"feeds":["usa"]}'` or `herald invoke`. */
const manualPayload = z.strictObject({
  dryRun: z.boolean().optional(),
  feeds: z.array(z.string().min(1)).min(1).optional(),
  /**
   * Set by `/herald poll` (the interactions function): the summary goes back to that interaction as a
   * follow-up message. The token is a credential for 15 minutes: it is never logged.
   */
  followUp: z
    .strictObject({
      applicationId: z.string().regex(/^\d{15,25}$/, 'must be a Discord snowflake'),
      token: z.string().regex(/^[\w.~+=-]{1,1000}$/, 'must be an interaction token'),
    })
    .optional(),
  /** Set by `/herald why`: explain this article instead of polling; the answer is the follow-up. */
  explain: z
    .strictObject({ url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048) })
    .optional(),
  /** Set by a digest channel's schedule: post these channels' waiting digests (all of them if no list). */
  digest: z
    .strictObject({
      channels: z
        .array(z.string().regex(/^[A-Za-z0-9_-]{1,100}$/))
        .min(1)
        .optional(),
    })
    .optional(),
  /** Set by `/herald test`: post the sample test alert to this channel of the config instead of polling. */
  sendTest: z
    .strictObject({ channel: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a channel id') })
    .optional(),
});

export type PollRequest = z.infer<typeof manualPayload>;

/** Reads an invocation payload: a scheduled event, a manual payload, or nothing. */
export function parsePayload(event: unknown, feedIds: readonly string[]): PollRequest {
  if (event === undefined || event === null) return {};
  if (isScheduledEvent(event)) return {};
  const parsed = manualPayload.safeParse(event);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`);
    throw new InvalidPayloadError(
      'Refused the payload: expected a scheduled event or ' +
        '{ "dryRun"?: boolean, "feeds"?: string[], "followUp"?: { applicationId, token }, ' +
        `"explain"?: { url }, "sendTest"?: { channel }, "digest"?: { channels? } }. ${problems.join('; ')}`,
    );
  }
  const requests = ['explain', 'sendTest', 'digest'].filter((k) => k in parsed.data);
  if (requests.length > 1)
    throw new InvalidPayloadError(
      `Refused the payload: ${requests.map((r) => `"${r}"`).join(' and ')} are separate requests; send one.`,
    );
  const unknown = parsed.data.feeds?.filter((id) => !feedIds.includes(id)) ?? [];
  if (unknown.length) {
    throw new InvalidPayloadError(
      `Refused the payload: unknown feed ids ${unknown.join(', ')}; known: ${feedIds.join(', ')}`,
    );
  }
  return parsed.data;
}
