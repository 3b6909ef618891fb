import { createHttpArticleSource } from '../adapters/http-article-source.ts';
import { explanationLines, type StoryExplanation } from '../core/explain-story.ts';
import type { ChannelState, PostOutcome } from '../core/ports.ts';
import { escapeMarkdown } from '../core/render-post.ts';
import { explainArticle } from './explain-article.ts';
import type { PollRuntime } from './lambda-runtime.ts';
import { httpLimits } from './poll-options.ts';
import { sendTestPost } from './send-test.ts';

/**
 * What the poll function did for `/herald why` or `/herald test` instead of a poll: `text` is the
 * follow-up (feed text escaped), the rest is the invocation's result.
 */
export type ManagerAnswer =
  | { request: 'explain'; url: string; text: string; explanation?: StoryExplanation; error?: string }
  | { request: 'sendTest'; channel: string; text: string; outcome?: PostOutcome };

/** `/herald why url:`: the explanation of one article, as `herald explain` gives it. */
export async function explainForManager(runtime: PollRuntime, url: string): Promise<ManagerAnswer> {
  const { config, logger } = runtime;
  let channelStates = new Map<string, ChannelState>();
  try {
    const states = await runtime.store.listChannelStates();
    channelStates = new Map(states.map((s) => [s.channelId, s]));
  } catch (error) {
    logger.warn('could not read channel health; explaining without it', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
  const result = await explainArticle(
    config,
    { kind: 'url', url },
    { articleSource: createHttpArticleSource({ limits: httpLimits(config) }), channelStates },
  );
  if (result.kind === 'error') {
    return { request: 'explain', url, error: result.reason, text: escapeMarkdown(`Herald ${result.reason}`) };
  }
  const lines = explanationLines(result.explanation).map(escapeMarkdown);
  // The link in angle brackets: Discord shows it without a preview.
  const text = [`Why or why not, for <${url}>:`, ...lines.map((line) => `- ${line}`)].join('\n');
  return { request: 'explain', url, text, explanation: result.explanation };
}

/** `/herald test channel:`: the sample test alert, through the deployed poster and its secret. */
export async function sendTestForManager(runtime: PollRuntime, channelId: string): Promise<ManagerAnswer> {
  const channel = runtime.config.channels.find((c) => c.id === channelId);
  if (!channel) {
    const known = runtime.config.channels.map((c) => c.id).join(', ') || 'none';
    return {
      request: 'sendTest',
      channel: channelId,
      text: escapeMarkdown(`No channel ${channelId} in Herald's config (channels: ${known}).`),
    };
  }
  const { outcome, text } = await sendTestPost(channel, await runtime.loadPoster(), new Date());
  return { request: 'sendTest', channel: channelId, outcome, text: escapeMarkdown(text) };
}
