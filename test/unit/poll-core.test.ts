import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../functions/analysis/index.ts';
import type { StoryAnalysis } from '../../functions/core/analyzer.ts';
import { mapLimit } from '../../functions/core/concurrency.ts';
import { renderStory } from '../../functions/core/render-story.ts';
import type { FeedItem } from '../../functions/core/story.ts';

const item: FeedItem = {
  key: 'voa:1',
  feedId: 'east-asia',
  url: 'https://www.voanews.com/a/x/1.html',
  title: 'US, China Trade Accusations on Human Rights',
  description: 'Annual human rights talks...',
  published: new Date('2012-07-27T22:05:00Z'),
  author: 'webdesk@voanews.com (VOA News)',
  categories: ['East Asia'],
  image: 'https://gdb.voanews.com/a.jpg',
};
const analysis: StoryAnalysis = {
  title: item.title,
  topics: [
    {
      id: 'human-rights',
      label: 'Human rights',
      score: 9,
      threshold: 5,
      matched: true,
      evidence: ['human rights', 'civil liberties'],
    },
  ],
  summary: 'Annual human rights talks between the United States and China have produced few visible results.',
  keyQuotes: [
    {
      text: 'Political reforms have not kept pace with economic advances.',
      speaker: 'Michael Posner',
      role: 'U.S. Assistant Secretary of State',
    },
  ],
  source: 'voa',
};

describe('the poll core', () => {
  it('mapLimit never runs more than the limit at once, and keeps input order', async () => {
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, n));
        running--;
        return n * 10;
      }),
    );
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it('wire copy is recognized from the feed credit line, by the same detector as the page', () => {
    const wireOf = (author: string) =>
      extractArticle({ fallback: { title: 'T', description: 'A story.', author } }).wire;
    expect(wireOf('webdesk@voanews.com (Associated Press)')).toBe('AP');
    expect(wireOf('webdesk@voanews.com (Reuters)')).toBe('Reuters');
    expect(wireOf('AFP')).toBe('AFP');
    expect(wireOf('webdesk@voanews.com (VOA News)')).toBeUndefined();
    expect(wireOf('Grace Mutua')).toBeUndefined();
    const page =
      '<html><body><article><h1>T</h1><p>Plenty of words in a paragraph of its own here.</p></article></body></html>';
    expect(extractArticle({ html: page, fallback: { author: 'webdesk@voanews.com (AP)' } }).wire).toBe('AP');
  });

  it('a story renders as DESIGN.md lays it out: credit and section, linked title, summary, quotes, topic footer', () => {
    const [embed] = renderStory(item, analysis).embeds;
    expect(embed).toMatchObject({
      author: { name: 'VOA News · East Asia' },
      title: 'US, China Trade Accusations on Human Rights',
      url: item.url,
      description: analysis.summary,
      fields: [
        {
          name: 'Michael Posner, U.S. Assistant Secretary of State',
          value: '> “Political reforms have not kept pace with economic advances.”',
        },
      ],
      footer: { text: 'Human rights · human rights, civil liberties' },
      timestamp: '2012-07-27T22:05:00.000Z',
      image: { url: 'https://gdb.voanews.com/a.jpg' },
    });
  });

  it('a link-only story keeps its title, link and metadata and drops the text', () => {
    const [embed] = renderStory(item, analysis, { linkOnly: true }).embeds;
    expect(embed?.url).toBe(item.url);
    expect(embed?.description).toBeUndefined();
    expect(embed?.fields).toBeUndefined();
  });
});
