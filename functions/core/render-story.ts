import type { StoryAnalysis } from './analyzer.ts';
import { type OutgoingPost, renderPost } from './render-post.ts';
import type { FeedItem } from './story.ts';

/** The post for one story, as DESIGN.md lays it out. Wire copy under the link-only policy shows title and link. */
export function renderStory(
  item: FeedItem,
  analysis: StoryAnalysis,
  options: { linkOnly?: boolean } = {},
): OutgoingPost {
  const matched = analysis.topics.filter((t) => t.matched);
  const primary = matched[0];
  return renderPost({
    title: analysis.title || item.title,
    url: item.url,
    summary: analysis.summary,
    authorLine: authorLine(item, analysis),
    quotes: analysis.keyQuotes,
    topicLabel: primary?.label,
    evidence: primary?.evidence.slice(0, 6) ?? [],
    published: item.published,
    image: item.image,
    linkOnly: options.linkOnly,
  });
}

function authorLine(item: FeedItem, analysis: StoryAnalysis): string | undefined {
  const credit = /\(([^)]+)\)\s*$/.exec(item.author ?? '')?.[1] ?? analysis.byline ?? item.author;
  const section = analysis.section ?? item.categories[0];
  const parts = [credit, section].filter((p): p is string => Boolean(p?.trim()));
  return parts.length ? parts.join(' · ') : undefined;
}
