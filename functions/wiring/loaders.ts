import type { Analyzer, StoryAnalysis } from '../core/analyzer.ts';
import type { HeraldConfig } from '../core/config.ts';
import type { Poster } from '../core/ports.ts';
import type { FeedItem } from '../core/story.ts';

/** Loads the analysis module on first use, with the built-in topics plus the config's own. */
export function analyzerLoader(config: HeraldConfig): () => Promise<Analyzer> {
  let loaded: Promise<Analyzer> | undefined;
  return () => {
    loaded ??= import('../analysis/index.ts').then((analysis) => {
      const topics = [...analysis.builtInTopics, ...config.topics];
      return {
        analyze(item: FeedItem, page: string | undefined, options?: { budgetMs?: number }): StoryAnalysis {
          // The budget covers the whole of one story's analysis, its extraction included.
          const deadlineMs = options?.budgetMs === undefined ? undefined : Date.now() + options.budgetMs;
          const article = analysis.extractArticle({
            html: page,
            url: item.url,
            fallback: { title: item.title, description: item.description, author: item.author },
          });
          const result = analysis.analyzeArticle(
            article,
            topics,
            deadlineMs === undefined ? {} : { deadlineMs },
          );
          return {
            title: result.title,
            topics: result.topics,
            summary: result.summary,
            keyQuotes: result.keyQuotes,
            source: result.source,
            wire: result.wire,
            byline: article.byline,
            section: article.section,
            ...(article.overBudget ? { pageOverBudget: true } : {}),
          };
        },
      };
    });
    return loaded;
  };
}

/** Loads the Discord poster (and through it discord.js) on the first post. */
export function posterLoader(
  config: HeraldConfig,
  secrets: { webhooks?: ReadonlyMap<string, string>; botToken?: string } = {},
): () => Promise<Poster> {
  return async () => {
    const { createDiscordPoster } = await import('../adapters/discord-poster.ts');
    const webhooks = new Map(secrets.webhooks);
    const channels = new Map<string, string>();
    for (const channel of config.channels) {
      if (channel.webhookUrl && !webhooks.has(channel.id)) webhooks.set(channel.id, channel.webhookUrl);
      if (channel.channelId) channels.set(channel.id, channel.channelId);
    }
    return createDiscordPoster({
      apiBase: config.discord.apiBase,
      timeoutMs: config.discord.timeoutMs,
      botToken: secrets.botToken ?? config.discord.botToken,
      webhooks,
      channels,
    });
  };
}
