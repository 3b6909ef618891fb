import type { StoryRecord } from './ports.ts';
import type { FeedItem } from './story.ts';

const DAY_S = 86_400;

/**
 * The record of a decision about a story. It must outlive the story's stay inside `maxAgeHours`, or a
 * stale feed (VOA's kept serving old items for months) would make the story new again.
 */
export function storyRecord(
  item: FeedItem,
  decision: StoryRecord['decision'],
  topics: string[],
  channels: string[],
  now: number,
  options: { maxAgeHours: number },
): StoryRecord {
  const base = Math.max(now, item.published?.getTime() ?? now) / 1000;
  const keep = item.published ? options.maxAgeHours * 3600 + 7 * DAY_S : 365 * DAY_S;
  return {
    key: item.key,
    url: item.url,
    title: item.title.slice(0, 500),
    published: item.published?.toISOString(),
    decidedAt: new Date(now).toISOString(),
    decision,
    topics,
    channels,
    expiresAt: Math.ceil(base + keep),
  };
}
