import { createHttpArticleSource } from '../adapters/http-article-source.ts';
import { createRssFeedSource } from '../adapters/rss-feed-source.ts';
import type { HeraldConfig } from '../core/config.ts';
import type { ArticleSource, FeedSource, Logger } from '../core/ports.ts';
import { httpLimits } from './poll-options.ts';

/**
 * The feed and article sources over HTTP, within the config's limits. Article links on a configured
 * feed's origin are trusted (the operator chose it); any other must reach a public address. The poll core
 * passes the naming feed as `context.feedUrl`, which narrows that to the one feed; the configured list is
 * the fallback for a caller that does not.
 */
export function httpSources(
  config: HeraldConfig,
  logger?: Pick<Logger, 'warn'>,
): { feedSource: FeedSource; articleSource: ArticleSource } {
  const limits = httpLimits(config);
  return {
    feedSource: createRssFeedSource({ limits, ...(logger ? { logger } : {}) }),
    articleSource: createHttpArticleSource({ limits, trustedOrigins: config.feeds.map((feed) => feed.url) }),
  };
}
