import type { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import {
  type FollowUpMessage,
  type FollowUpTarget,
  followUpMessage,
  sendFollowUp,
} from '../adapters/discord-followup.ts';
import type { HeraldConfig } from '../core/config.ts';
import { pollFeeds } from '../core/poll-feeds.ts';
import { pollFailureText, pollReportText } from '../core/poll-report.ts';
import type { PollSummary } from '../core/poll-types.ts';
import { buildRuntime, type PollRuntime, pollDeps, publishPollMetrics } from '../wiring/lambda-runtime.ts';
import { pollOptions } from '../wiring/poll-options.ts';

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
});

/** What EventBridge (rules or Scheduler's templated target) sends on a schedule. */
const scheduledEvent = z.looseObject({
  source: z.enum(['aws.events', 'aws.scheduler']),
  'detail-type': z.literal('Scheduled Event'),
});

export type PollRequest = z.infer<typeof manualPayload>;

/** Reads an invocation payload: a scheduled event, a manual payload, or nothing. */
export function parsePayload(event: unknown, feedIds: readonly string[]): PollRequest {
  if (event === undefined || event === null) return {};
  if (scheduledEvent.safeParse(event).success) return {};
  const parsed = manualPayload.safeParse(event);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`);
    throw new InvalidPayloadError(
      'Refused the payload: expected a scheduled event or ' +
        `{ "dryRun"?: boolean, "feeds"?: string[], "followUp"?: { applicationId, token } }. ${problems.join('; ')}`,
    );
  }
  const unknown = parsed.data.feeds?.filter((id) => !feedIds.includes(id)) ?? [];
  if (unknown.length) {
    throw new InvalidPayloadError(
      `Refused the payload: unknown feed ids ${unknown.join(', ')}; known: ${feedIds.join(', ')}`,
    );
  }
  return parsed.data;
}

let runtime: PollRuntime | undefined;

/** The Lambda entry: translate the event, run one poll, publish metrics, return the summary. */
export const handler = async (event: unknown): Promise<PollSummary> => {
  runtime ??= buildRuntime();
  const { config, logger, metrics } = runtime;
  const request = parsePayload(
    event,
    config.feeds.map((f) => f.id),
  );
  const feeds = request.feeds ? config.feeds.filter((f) => request.feeds?.includes(f.id)) : config.feeds;
  const followUp = request.followUp;
  const report = (message: FollowUpMessage) =>
    followUp ? sendPollFollowUp(config, logger, followUp, message) : Promise.resolve();
  let summary: PollSummary;
  try {
    summary = await pollFeeds(
      pollDeps(runtime),
      pollOptions(config, { feeds, dryRun: request.dryRun ?? false }),
    );
  } catch (error) {
    await report(followUpMessage(pollFailureText(error)));
    throw error;
  }
  publishPollMetrics(metrics, summary);
  await report(followUpMessage(pollReportText(summary)));
  return summary;
};

/** Posts the poll's outcome to the interaction that asked for it. A failure is logged, not thrown. */
async function sendPollFollowUp(
  config: HeraldConfig,
  logger: Logger,
  target: FollowUpTarget,
  message: FollowUpMessage,
): Promise<void> {
  const outcome = await sendFollowUp(target, message, {
    apiBase: config.discord.apiBase,
    timeoutMs: config.discord.timeoutMs,
  });
  if (outcome.kind === 'sent') {
    logger.info('sent the poll summary to the interaction', { applicationId: target.applicationId });
  } else {
    logger.warn('could not send the poll summary to the interaction', {
      applicationId: target.applicationId,
      reason: outcome.reason,
    });
  }
}
