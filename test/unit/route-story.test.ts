import { describe, expect, it } from 'vitest';
import type { TopicVerdict } from '../../functions/core/analyzer.ts';
import { type ChannelConfig, parseConfig } from '../../functions/core/config.ts';
import { routeStory, wouldPostNow } from '../../functions/core/route-story.ts';

const topic = (id: string, score: number, matched: boolean): TopicVerdict => ({
  id,
  label: id,
  score,
  threshold: 5,
  matched,
  evidence: matched ? ['human rights', 'detained'] : ['detained'],
});

function channels(...extra: object[]): ChannelConfig[] {
  return parseConfig({
    feeds: [{ id: 'usa', url: 'https://example.org/feed' }],
    topics: [{ id: 'press', label: 'Press', terms: { journalist: 3 } }],
    channels: extra,
  }).channels;
}

describe('routing a story to channels', () => {
  const rights = { id: 'rights', webhookUrl: 'https://discord.com/api/webhooks/1/a' };

  it('a matched topic of the channel posts it, and says which topic and score', () => {
    const [route] = routeStory({ topics: [topic('human-rights', 9, true)] }, channels(rights), 'link-only');
    expect(route).toMatchObject({
      channelId: 'rights',
      mode: 'post',
      topics: ['human-rights'],
      linkOnly: false,
    });
    expect(route?.why).toBe('human-rights score 9.0 reaches 5.0');
  });

  it('a channel without any matched topic of its own says why: no matching topic, or the score below the threshold', () => {
    const routes = routeStory(
      { topics: [topic('human-rights', 3, false)] },
      channels(rights, {
        id: 'press',
        webhookUrl: 'https://discord.com/api/webhooks/2/b',
        topics: ['press'],
      }),
      'link-only',
    );
    expect(routes.map((r) => [r.mode, r.why])).toEqual([
      ['none', 'score 3.0 below 5.0'],
      ['none', 'no matching topic'],
    ]);
  });

  it('wire copy follows the policy: link-only posts title and link, skip posts nothing', () => {
    const story = { topics: [topic('human-rights', 9, true)], wire: 'AP' };
    expect(routeStory(story, channels(rights), 'link-only')[0]).toMatchObject({
      mode: 'post',
      linkOnly: true,
      why: 'wire copy: link-only',
    });
    expect(routeStory(story, channels(rights), 'skip')[0]).toMatchObject({ mode: 'none' });
    expect(routeStory(story, channels(rights), 'full')[0]).toMatchObject({ mode: 'post', linkOnly: false });
  });

  it('a digest channel keeps the story for its digest', () => {
    const [route] = routeStory(
      { topics: [topic('human-rights', 9, true)] },
      channels({ ...rights, digest: { every: '24h', at: '08:00' } }),
      'link-only',
    );
    expect(route?.mode).toBe('digest');
    expect(route?.why).toMatch(/^digest channel/);
    expect(wouldPostNow(route as NonNullable<typeof route>, undefined).wouldPost).toBe(false);
  });

  it('a broken channel would not be posted to now, and says since when', () => {
    const [route] = routeStory({ topics: [topic('human-rights', 9, true)] }, channels(rights), 'full');
    const state = {
      channelId: 'rights',
      health: 'broken' as const,
      since: '2026-11-30T10:00:00.000Z',
      reason: 'Unknown Webhook',
    };
    expect(wouldPostNow(route as NonNullable<typeof route>, state)).toEqual({
      wouldPost: false,
      why: 'channel broken since 2026-11-30T10:00:00.000Z: Unknown Webhook',
    });
  });
});
