import type { HeraldConfig } from '../core/config.ts';
import { explainStory, type StoryExplanation } from '../core/explain-story.ts';
import type { ArticleSource, ChannelState } from '../core/ports.ts';

/** An article to explain: a page or text dump already read, or a URL to fetch. */
export type ExplainInput = { kind: 'content'; content: string } | { kind: 'url'; url: string };

export type ExplainResult = { kind: 'ok'; explanation: StoryExplanation } | { kind: 'error'; reason: string };

/** An HTML page rather than a plain-text dump. */
export function looksLikeHtml(content: string): boolean {
  return (
    /^\s*(<!doctype html|<html|<\?xml|<head|<body)/i.test(content) ||
    /<\/(p|div|body)>/i.test(content.slice(0, 50_000))
  );
}

/**
 * The configured feed whose origin serves this URL: its links are trusted as the poll trusts them, so that
 * explaining a story fetches what the poll would fetch.
 */
export function feedUrlFor(config: HeraldConfig, url: string): string | undefined {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return undefined;
  }
  return config.feeds.find((feed) => {
    try {
      return new URL(feed.url).origin === origin;
    } catch {
      return false;
    }
  })?.url;
}

/**
 * Analyses one article as the poll would (the built-in topics and the config's own) and explains, per topic
 * and per channel, whether it would be posted. The analysis module loads on the first call.
 */
export async function explainArticle(
  config: HeraldConfig,
  input: ExplainInput,
  deps: { articleSource: ArticleSource; channelStates?: ReadonlyMap<string, ChannelState> },
): Promise<ExplainResult> {
  let article: { html: string; url?: string } | { text: string };
  if (input.kind === 'url') {
    const feedUrl = feedUrlFor(config, input.url);
    const page = await deps.articleSource.fetchArticle(input.url, feedUrl ? { feedUrl } : {});
    if (page.kind === 'error')
      return { kind: 'error', reason: `could not fetch ${input.url}: ${page.reason}` };
    article = { html: page.html, url: page.url };
  } else {
    article = looksLikeHtml(input.content) ? { html: input.content } : { text: input.content };
  }
  const analysis = await import('../analysis/index.ts');
  const result = analysis.analyze(article, [...analysis.builtInTopics, ...config.topics]);
  const explanation = explainStory(
    {
      title: result.title,
      topics: result.topics,
      summary: result.summary,
      quotes: result.quotes.map(({ text, speaker, role, mention }) => ({ text, speaker, role, mention })),
      ...(result.wire ? { wire: result.wire } : {}),
    },
    config.channels,
    config.wire,
    deps.channelStates,
  );
  return { kind: 'ok', explanation };
}
