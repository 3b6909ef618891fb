import type { DynamoClient } from '../functions/adapters/dynamo-client.ts';
import { createDocumentClient } from '../functions/adapters/dynamo-document.ts';
import { TABLE_KEY } from '../functions/adapters/table-schema.ts';
import type { Analyzer } from '../functions/core/analyzer.ts';
import type { ChannelConfig, FeedConfig } from '../functions/core/config.ts';
import type { ArticleSource, FeedSource, Poster } from '../functions/core/ports.ts';
import { renderStory } from '../functions/core/render-story.ts';

/** The state store's key for a story record: the naive pipeline reads the same table layout. */
const storyPk = (key: string) => `story#${key}`;

export interface NaiveDeps {
  client: DynamoClient;
  tableName: string;
  feedSource: FeedSource;
  articleSource: ArticleSource;
  analyzer: Analyzer;
  poster: Poster;
  now: () => Date;
}

export interface NaiveSummary {
  newStories: number;
  posted: number;
}

/**
 * The baseline for `busyPoll.speedupVsNaive`: the pipeline written the obvious way. It fetches every
 * feed in turn, without validators; looks each item up with its own GetItem; fetches each new
 * article in turn; then analyzes, posts and records the story exactly as Herald does (same analyzer,
 * same rendering, same Discord poster). It keeps no outbox and takes no claims, so it does less
 * writing than Herald: the comparison is kind to it.
 */
export async function naivePoll(
  deps: NaiveDeps,
  options: { feeds: readonly FeedConfig[]; channels: readonly ChannelConfig[]; maxAgeHours: number },
): Promise<NaiveSummary> {
  const doc = createDocumentClient(deps.client);
  const summary: NaiveSummary = { newStories: 0, posted: 0 };
  const now = deps.now().getTime();
  for (const feed of options.feeds) {
    const result = await deps.feedSource.fetchFeed(feed, {});
    if (result.kind !== 'ok') continue;
    for (const item of result.items) {
      if (item.published && now - item.published.getTime() > options.maxAgeHours * 3_600_000) continue;
      const known = await doc.get({
        TableName: deps.tableName,
        Key: { [TABLE_KEY]: storyPk(item.key) },
        ConsistentRead: true,
      });
      if (known.Item) continue;
      summary.newStories++;
      const page = await deps.articleSource.fetchArticle(item.url);
      const analysis = deps.analyzer.analyze(item, page.kind === 'ok' ? page.html : undefined);
      const matched = analysis.topics.filter((t) => t.matched).map((t) => t.id);
      const channels = options.channels.filter((c) => c.topics.some((t) => matched.includes(t)));
      const post = renderStory(item, analysis, { linkOnly: analysis.wire !== undefined });
      for (const channel of channels) {
        const outcome = await deps.poster.post(
          { id: channel.id, kind: channel.channelId ? 'bot' : 'webhook' },
          post,
          { nonce: `naive${item.key}`.slice(0, 25) },
        );
        if (outcome.kind === 'posted') summary.posted++;
      }
      await doc.put({
        TableName: deps.tableName,
        Item: {
          [TABLE_KEY]: storyPk(item.key),
          key: item.key,
          url: item.url,
          title: item.title,
          decidedAt: new Date(now).toISOString(),
          decision: channels.length ? 'matched' : 'unmatched',
          topics: matched,
          channels: channels.map((c) => c.id),
          expiresAt: Math.ceil(now / 1000) + 30 * 86_400,
        },
      });
    }
  }
  return summary;
}
