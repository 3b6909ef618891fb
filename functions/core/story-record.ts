import type { DeliveryRecord, StoredItem, StoryDelivery, StoryRecord } from './ports.ts';
import type { FeedItem } from './story.ts';

const DAY_S = 86_400;
const MAX_TITLE = 500;

/**
 * The record of a decision about a story. It must outlive the story's stay inside `maxAgeHours`, or a
 * stale feed (VOA's kept serving old items for months) would make the story new again.
 */
export function storyRecord(
  item: FeedItem,
  decision: StoryRecord['decision'],
  now: number,
  options: { maxAgeHours: number },
  extra: Partial<Omit<StoryRecord, 'key' | 'decision'>> = {},
): StoryRecord {
  const base = Math.max(now, item.published?.getTime() ?? now) / 1000;
  const keep = item.published ? options.maxAgeHours * 3600 + 7 * DAY_S : 365 * DAY_S;
  return {
    key: item.key,
    url: item.url,
    title: item.title.slice(0, MAX_TITLE),
    published: item.published?.toISOString(),
    decidedAt: new Date(now).toISOString(),
    decision,
    topics: [],
    channels: [],
    expiresAt: Math.ceil(base + keep),
    ...extra,
  };
}

/** A feed item as JSON, to be decided later without its feed. */
export function storedItem(item: FeedItem): StoredItem {
  const { published, ...rest } = item;
  return { ...rest, ...(published ? { published: published.toISOString() } : {}) };
}

export function itemFromStored(stored: StoredItem): FeedItem {
  const { published, ...rest } = stored;
  const date = published ? new Date(published) : undefined;
  return { ...rest, ...(date && !Number.isNaN(date.getTime()) ? { published: date } : {}) };
}

/** One delivery of a story record, as posting needs it. */
export function toDelivery(story: StoryRecord, channelId: string): DeliveryRecord {
  const delivery = story.deliveries?.[channelId] as StoryDelivery;
  return {
    ...delivery,
    storyKey: story.key,
    channelId,
    message: story.post ?? { embeds: [], allowed_mentions: { parse: [] } },
    title: story.title,
    ...(story.published ? { publishedAt: story.published } : {}),
    ...(story.scores ? { scores: story.scores } : {}),
  };
}
