import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/core/config.ts';
import { explainStory, explanationLines } from '../../functions/core/explain-story.ts';

const { channels } = parseConfig({
  feeds: [{ id: 'usa', url: 'https://example.org/feed' }],
  channels: [
    { id: 'rights', webhookUrl: 'https://discord.com/api/webhooks/1/a' },
    { id: 'morning', webhookUrl: 'https://discord.com/api/webhooks/2/b', digest: { every: '24h' } },
  ],
});

const analysis = {
  title: 'Rights lawyer detained',
  topics: [
    {
      id: 'human-rights',
      label: 'Human rights',
      score: 9,
      threshold: 5,
      matched: true,
      evidence: ['detained'],
    },
  ],
  summary: 'A lawyer was detained.',
  quotes: [{ text: 'They took him at night.', speaker: 'Li Wen', role: null }],
};

describe('explaining a story', () => {
  it('wire copy under the link-only policy says so for each channel that takes it', () => {
    const explained = explainStory({ ...analysis, wire: 'AP' }, channels, 'link-only');

    expect(explained.channels).toEqual([
      { id: 'rights', wouldPost: true, why: 'wire copy: link-only' },
      { id: 'morning', wouldPost: false, why: 'digest channel (wire copy: link-only)' },
    ]);
    expect(explained.wire).toBe('AP');
  });

  it('a broken channel would not post, and says since when and why', () => {
    const states = new Map([
      [
        'rights',
        {
          channelId: 'rights',
          health: 'broken' as const,
          since: '2026-01-01T00:00:00.000Z',
          reason: 'HTTP 403: Missing Access',
        },
      ],
    ]);

    const explained = explainStory(analysis, channels, 'link-only', states);

    expect(explained.channels[0]).toEqual({
      id: 'rights',
      wouldPost: false,
      why: 'channel broken since 2026-01-01T00:00:00.000Z: HTTP 403: Missing Access',
    });
  });

  it('the text form gives each topic its score against its threshold, and each channel its answer', () => {
    const lines = explanationLines(explainStory(analysis, channels, 'link-only'));

    expect(lines).toEqual([
      'Rights lawyer detained',
      'topic human-rights: matched, score 9.0 (threshold 5.0): detained',
      '#rights: would post (human-rights score 9.0 reaches 5)',
      '#morning: would not post (digest channel (human-rights score 9.0 reaches 5))',
    ]);
  });
});
