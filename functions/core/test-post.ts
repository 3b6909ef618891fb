import type { TopicVerdict } from './analyzer.ts';
import { postForChannel } from './channel-post.ts';
import type { ChannelConfig } from './config.ts';
import { type OutgoingPost, renderPost } from './render-post.ts';

export const TEST_POST_TITLE = 'TEST: a sample alert from Herald';

/**
 * One sample alert, marked as a test, decorated as the channel decorates a story that matches all of its
 * topics: a forum post name and tags, a thread, the role pings. The roles show in the text but are not
 * allowed to ping: a test should not wake anyone on call.
 */
export function testPost(channel: ChannelConfig, now: Date): OutgoingPost {
  const topics: TopicVerdict[] = channel.topics.map((id) => ({
    id,
    label: id,
    score: 100,
    threshold: 0,
    matched: true,
    evidence: ['test'],
  }));
  const base = renderPost({
    title: TEST_POST_TITLE,
    url: 'https://www.voanews.com/',
    summary:
      `This is a test from Herald, sent to check channel ${channel.id}. ` +
      'Stories that match its topics will look like this. Nothing needs to be done.',
    authorLine: 'Herald · test',
    quotes: [{ text: 'This channel works.', speaker: 'Herald', role: 'test sender' }],
    topicLabel: 'Test',
    evidence: channel.topics,
    published: now,
  });
  const decorated = postForChannel(base, channel, { title: TEST_POST_TITLE, topics });
  const roles = decorated.allowed_mentions.roles ?? [];
  const { allowed_mentions: _allowed, content: _content, ...rest } = decorated;
  return {
    ...rest,
    content: roles.length
      ? `Test post: a matching story would ping ${roles.map((r) => `<@&${r}>`).join(' ')}.`
      : 'Test post from Herald.',
    allowed_mentions: { parse: [] },
  };
}
