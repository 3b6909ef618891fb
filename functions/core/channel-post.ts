import type { TopicVerdict } from './analyzer.ts';
import type { ChannelConfig } from './config.ts';
import { type OutgoingPost, truncate } from './render-post.ts';

/** Discord's limits on the parts a channel adds. */
export const CHANNEL_POST_LIMITS = {
  threadName: 100,
  appliedTags: 5,
  content: 2000,
} as const;

/** What a channel's decoration needs to know of the story: its title as the feed gave it, and its topics. */
export interface ChannelPostStory {
  title: string;
  topics: readonly TopicVerdict[];
}

/**
 * The name of a story's forum post or thread: the title on one line, cut to 100 characters with an
 * ellipsis. Discord shows a thread name as plain text (no markdown, no mentions), so it is not escaped.
 */
export function threadName(title: string): string {
  const line = title.replace(/\s+/g, ' ').trim();
  return truncate(line || 'Untitled story', CHANNEL_POST_LIMITS.threadName);
}

/** The roles of the channel's `mentions` that this story deserves, in config order, each once. */
export function rolesToPing(channel: ChannelConfig, topics: readonly TopicVerdict[]): string[] {
  const roles: string[] = [];
  for (const mention of channel.mentions) {
    const wanted = mention.topics ?? channel.topics;
    const deserves = topics.some(
      (t) =>
        t.matched && wanted.includes(t.id) && (mention.minScore === undefined || t.score >= mention.minScore),
    );
    if (deserves && !roles.includes(mention.role)) roles.push(mention.role);
  }
  return roles;
}

/** The forum's tag ids for the story's matched topics, strongest topic first, at most 5. */
export function forumTagsFor(channel: ChannelConfig, topics: readonly TopicVerdict[]): string[] {
  const tags: string[] = [];
  const matched = topics.filter((t) => t.matched).sort((a, b) => b.score - a.score);
  for (const topic of matched) {
    const tag = channel.forumTags?.[topic.id];
    if (tag && !tags.includes(tag)) tags.push(tag);
  }
  return tags.slice(0, CHANNEL_POST_LIMITS.appliedTags);
}

/**
 * A story's post as one channel receives it: the base post (rendered and stored once per story) with the
 * channel's decoration. A forum channel names the post after the story and applies its topics' tags; a
 * text channel with `threads` asks for a thread on the message; a matching `mentions` entry puts its role
 * ping in `content` and that role, and only that role, in `allowed_mentions.roles`. Nothing the feed wrote
 * can ping: `parse` stays empty, and the roles come from the config alone.
 */
export function postForChannel(
  base: OutgoingPost,
  channel: ChannelConfig,
  story: ChannelPostStory,
): OutgoingPost {
  const { content: baseContent, thread_name: _n, applied_tags: _t, thread: _th, ...rest } = base;
  const post: OutgoingPost = { ...rest, allowed_mentions: { parse: [] } };

  const roles = rolesToPing(channel, story.topics);
  const pings = roles.map((role) => `<@&${role}>`).join(' ');
  if (pings && baseContent) {
    post.content = `${pings}\n${truncate(baseContent, CHANNEL_POST_LIMITS.content - pings.length - 1)}`;
  } else if (pings) post.content = pings;
  else if (baseContent !== undefined) post.content = baseContent;
  if (roles.length) post.allowed_mentions = { parse: [], roles };

  if (channel.kind === 'forum') {
    post.thread_name = threadName(story.title);
    const tags = forumTagsFor(channel, story.topics);
    if (tags.length) post.applied_tags = tags;
  } else if (channel.threads) {
    post.thread = { name: threadName(story.title) };
  }
  return post;
}

/** What a stored delivery keeps of its story for the decoration: its title and its matched topics' scores. */
export function storyOfDelivery(delivery: {
  title: string;
  scores?: Record<string, number>;
}): ChannelPostStory {
  return {
    title: delivery.title,
    topics: Object.entries(delivery.scores ?? {}).map(([id, score]) => ({
      id,
      label: id,
      score,
      threshold: 0,
      matched: true,
      evidence: [],
    })),
  };
}
