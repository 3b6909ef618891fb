import { describe, expect, it } from 'vitest';
import type { TopicVerdict } from '../../functions/core/analyzer.ts';
import { postForChannel, threadName } from '../../functions/core/channel-post.ts';
import { type ChannelConfig, parseConfig } from '../../functions/core/config.ts';
import { type OutgoingPost, renderPost } from '../../functions/core/render-post.ts';
import { TEST_POST_TITLE, testPost } from '../../functions/core/test-post.ts';

const ROLE = '111111111111111111';
const OTHER_ROLE = '222222222222222222';
const RIGHTS_TAG = '333333333333333333';
const PRESS_TAG = '444444444444444444';

const verdict = (id: string, score: number, matched = score >= 5): TopicVerdict => ({
  id,
  label: id,
  score,
  threshold: 5,
  matched,
  evidence: ['detained'],
});

function channel(extra: object): ChannelConfig {
  const [parsed] = parseConfig({
    feeds: [{ id: 'usa', url: 'https://example.org/feed' }],
    topics: [{ id: 'press', label: 'Press', terms: { journalist: 3 } }],
    discord: { botToken: 'token' },
    channels: [{ id: 'rights', webhookUrl: 'https://discord.com/api/webhooks/1/a', ...extra }],
  }).channels;
  if (!parsed) throw new Error('no channel');
  return parsed;
}

const botChannel = (extra: object) =>
  channel({ webhookUrl: undefined, channelId: '555555555555555555', ...extra });

function base(title = 'Lawyer detained in Beijing'): OutgoingPost {
  return renderPost({
    title,
    url: 'https://www.voanews.com/a/lawyer-detained/7000001.html',
    summary: 'A rights lawyer was detained.',
    quotes: [],
    evidence: ['detained'],
  });
}

describe('a story post as a channel receives it', () => {
  it('a plain text channel gets the base post unchanged, with mentions parsing nothing', () => {
    const post = postForChannel(base(), channel({}), {
      title: 'Lawyer detained in Beijing',
      topics: [verdict('human-rights', 9)],
    });
    expect(post).toEqual(base());
    expect(post.allowed_mentions).toEqual({ parse: [] });
  });

  it('a forum post is named after the story title and carries the tags of its matched topics', () => {
    const post = postForChannel(
      base(),
      channel({
        kind: 'forum',
        topics: ['human-rights', 'press'],
        forumTags: { 'human-rights': RIGHTS_TAG, press: PRESS_TAG },
      }),
      { title: 'Lawyer detained in Beijing', topics: [verdict('press', 2), verdict('human-rights', 9)] },
    );
    expect(post.thread_name).toBe('Lawyer detained in Beijing');
    expect(post.applied_tags).toEqual([RIGHTS_TAG]);
    expect(post.thread).toBeUndefined();
  });

  it('a forum post name is the title cut to 100 characters with an ellipsis', () => {
    const title = `${'Rights defenders detained across the region '.repeat(4)}end`;
    const post = postForChannel(base(title), channel({ kind: 'forum' }), {
      title,
      topics: [verdict('human-rights', 9)],
    });
    expect(post.thread_name?.length).toBeLessThanOrEqual(100);
    expect(post.thread_name?.endsWith('…')).toBe(true);
    expect(title.startsWith(post.thread_name?.slice(0, -1) ?? 'x')).toBe(true);
  });

  it('a thread name is one line, and a blank title still gives a name Discord accepts', () => {
    expect(threadName('  Two\nlines\there ')).toBe('Two lines here');
    expect(threadName('   ')).toBe('Untitled story');
  });

  it('a forum without tags for the matched topic sends no applied_tags', () => {
    const post = postForChannel(base(), channel({ kind: 'forum', forumTags: {} }), {
      title: 'x',
      topics: [verdict('human-rights', 9)],
    });
    expect(post).not.toHaveProperty('applied_tags');
  });

  it('a bot text channel with threads asks for a thread named after the story', () => {
    const post = postForChannel(base(), botChannel({ threads: true }), {
      title: 'Lawyer detained in Beijing',
      topics: [verdict('human-rights', 9)],
    });
    expect(post.thread).toEqual({ name: 'Lawyer detained in Beijing' });
    expect(post).not.toHaveProperty('thread_name');
  });

  it('a matching mention pings its role through content and allowed_mentions.roles alone', () => {
    const post = postForChannel(base(), channel({ mentions: [{ role: ROLE }] }), {
      title: 'x',
      topics: [verdict('human-rights', 9)],
    });
    expect(post.content).toBe(`<@&${ROLE}>`);
    expect(post.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
  });

  it('a mention with minScore pings only when the topic reaches it', () => {
    const ch = channel({ mentions: [{ role: ROLE, minScore: 8 }] });
    const low = postForChannel(base(), ch, { title: 'x', topics: [verdict('human-rights', 6)] });
    const high = postForChannel(base(), ch, { title: 'x', topics: [verdict('human-rights', 8)] });
    expect(low.content).toBeUndefined();
    expect(low.allowed_mentions).toEqual({ parse: [] });
    expect(high.allowed_mentions.roles).toEqual([ROLE]);
  });

  it('a mention limited to topics pings only for those topics, and an unmatched topic never pings', () => {
    const ch = channel({
      topics: ['human-rights', 'press'],
      mentions: [
        { role: ROLE, topics: ['press'] },
        { role: OTHER_ROLE, topics: ['human-rights'] },
      ],
    });
    const post = postForChannel(base(), ch, {
      title: 'x',
      topics: [verdict('human-rights', 9), verdict('press', 4)],
    });
    expect(post.allowed_mentions.roles).toEqual([OTHER_ROLE]);
    expect(post.content).toBe(`<@&${OTHER_ROLE}>`);
  });

  it('two mentions of the same role ping it once', () => {
    const ch = channel({ mentions: [{ role: ROLE }, { role: ROLE, minScore: 1 }] });
    const post = postForChannel(base(), ch, { title: 'x', topics: [verdict('human-rights', 9)] });
    expect(post.allowed_mentions.roles).toEqual([ROLE]);
  });

  it('hostile feed text never pings: a title naming @everyone, a role and a user leaves only the configured role allowed', () => {
    const hostile = `@everyone <@&${OTHER_ROLE}> <@999999999999999999> @here`;
    const ch = channel({ kind: 'forum', mentions: [{ role: ROLE }] });
    const post = postForChannel(base(hostile), ch, { title: hostile, topics: [verdict('human-rights', 9)] });
    expect(post.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
    expect(post.content).toBe(`<@&${ROLE}>`);
    expect(JSON.stringify(post.embeds)).not.toContain('@everyone');
    expect(JSON.stringify(post.embeds)).not.toContain(`<@&${OTHER_ROLE}>`);
  });

  it('a base post with content keeps it after the pings, within 2000 characters', () => {
    const post = postForChannel(
      { ...base(), content: 'x'.repeat(2000) },
      channel({ mentions: [{ role: ROLE }] }),
      { title: 'x', topics: [verdict('human-rights', 9)] },
    );
    expect(post.content?.startsWith(`<@&${ROLE}>\n`)).toBe(true);
    expect(post.content?.length).toBeLessThanOrEqual(2000);
  });

  it('a base post is never changed: the decoration is a new post', () => {
    const original = base();
    const copy = structuredClone(original);
    postForChannel(original, channel({ kind: 'forum', mentions: [{ role: ROLE }] }), {
      title: 'x',
      topics: [verdict('human-rights', 9)],
    });
    expect(original).toEqual(copy);
  });
});

describe('the test post', () => {
  it('is marked as a test, named for a forum, and shows the roles without letting them ping', () => {
    const post = testPost(
      channel({ kind: 'forum', mentions: [{ role: ROLE }] }),
      new Date('2025-01-01T00:00:00Z'),
    );
    expect(post.thread_name).toBe(TEST_POST_TITLE);
    expect(post.embeds[0]?.title).toContain('TEST');
    expect(post.content).toContain(`<@&${ROLE}>`);
    expect(post.allowed_mentions).toEqual({ parse: [] });
  });
});
