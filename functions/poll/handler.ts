import type { Logger } from '@aws-lambda-powertools/logger';
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
import { type DigestSummary, postDigests } from '../core/post-digests.ts';
import { builtOnce } from '../wiring/built-once.ts';
import {
  buildRuntime,
  pollDeadline,
  pollDeps,
  publishDigestMetrics,
  publishPollMetrics,
} from '../wiring/lambda-runtime.ts';
import { installLazySourceMaps } from '../wiring/lazy-source-maps.ts';
import { explainForManager, type ManagerAnswer, sendTestForManager } from '../wiring/manager-requests.ts';
import { pollOptions } from '../wiring/poll-options.ts';
import type { PollRequest } from './payload.ts';
import { isScheduledEvent } from './scheduled-event.ts';

// Stack traces map to the sources when something prints one, not at every cold start.
installLazySourceMaps();

const runtimeOfContainer = builtOnce(() => buildRuntime());

/**
 * The Lambda entry: translate the event, run one poll, publish metrics, return the summary. A payload from
 * `/herald why` or `/herald test` asks for an explanation or a test post instead, answered as a follow-up;
 * one from a digest schedule posts the digests.
 */
export const handler = async (
  event: unknown,
  context?: { getRemainingTimeInMillis?: () => number },
): Promise<PollSummary | ManagerAnswer | DigestSummary> => {
  const runtime = await runtimeOfContainer();
  const { config, logger, metrics } = runtime;
  const request = await readPayload(
    event,
    config.feeds.map((f) => f.id),
  );
  if (request.explain || request.sendTest) {
    const answer = request.explain
      ? await explainForManager(runtime, request.explain.url)
      : await sendTestForManager(runtime, request.sendTest?.channel ?? '');
    if (request.followUp)
      await sendPollFollowUp(config, logger, request.followUp, followUpMessage(answer.text), 'the answer');
    return answer;
  }
  if (request.digest) {
    const summary = await postDigests(
      { ...pollDeps(runtime), store: runtime.store },
      {
        channels: config.channels,
        leaseSeconds: config.delivery.leaseSeconds,
        ...(request.digest.channels ? { only: request.digest.channels } : {}),
      },
    );
    publishDigestMetrics(metrics, summary);
    return summary;
  }
  const feeds = request.feeds ? config.feeds.filter((f) => request.feeds?.includes(f.id)) : config.feeds;
  const followUp = request.followUp;
  const report = (message: FollowUpMessage) =>
    followUp ? sendPollFollowUp(config, logger, followUp, message) : Promise.resolve();
  let summary: PollSummary;
  try {
    summary = await pollFeeds(
      pollDeps(runtime),
      pollOptions(config, {
        feeds,
        dryRun: request.dryRun ?? false,
        deadline: pollDeadline(context, Date.now()),
      }),
    );
  } catch (error) {
    await report(followUpMessage(pollFailureText(error)));
    throw error;
  }
  publishPollMetrics(metrics, summary);
  await report(followUpMessage(pollReportText(summary)));
  return summary;
};

/**
 * The invocation's request. A scheduled event asks for nothing, and is told apart without the payload
 * schema; the schema (and zod) loads for the first manual payload only.
 */
async function readPayload(event: unknown, feedIds: readonly string[]): Promise<PollRequest> {
  if (event === undefined || event === null || isScheduledEvent(event)) return {};
  const { parsePayload } = await import('./payload.ts');
  return parsePayload(event, feedIds);
}

/** Posts the poll's outcome (or another answer) to the interaction that asked. A failure is logged, not thrown. */
async function sendPollFollowUp(
  config: HeraldConfig,
  logger: Logger,
  target: FollowUpTarget,
  message: FollowUpMessage,
  what = 'the poll summary',
): Promise<void> {
  const outcome = await sendFollowUp(target, message, {
    apiBase: config.discord.apiBase,
    timeoutMs: config.discord.timeoutMs,
  });
  if (outcome.kind === 'sent') {
    logger.info(`sent ${what} to the interaction`, { applicationId: target.applicationId });
  } else {
    logger.warn(`could not send ${what} to the interaction`, {
      applicationId: target.applicationId,
      reason: outcome.reason,
    });
  }
}
