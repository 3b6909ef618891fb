import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, extractArticle } from '../../../functions/core/analysis/index.ts';

const seed = readFileSync(
  new URL('../../../../shared/seed/voa-us-china-human-rights.txt', import.meta.url),
  'utf8',
);

describe('the reference story (US-China human rights dialogue)', () => {
  const analysis = analyze({ text: seed });

  it('is a human-rights story, with evidence', () => {
    expect(analysis.humanRights).toBe(true);
    const topic = analysis.topics.find((t) => t.id === 'human-rights');
    expect(topic?.evidence).toEqual(
      expect.arrayContaining(['human rights', 'civil liberties', 'freedom of expression']),
    );
  });

  it('has its headline as title, with the chrome gone', () => {
    expect(analysis.title).toBe('US, China Trade Accusations on Human Rights');
    const article = extractArticle({ text: seed });
    const body = article.paragraphs.join('\n');
    for (const chrome of [
      'Accessibility links',
      'Breaking News',
      '16x9 Image',
      'The Voice of America provides',
      'VOA News',
    ]) {
      expect(body).not.toContain(chrome);
    }
    expect(article.captions).toEqual([expect.stringContaining('Michael Posner speaks to the media')]);
    expect(body).not.toContain('speaks to the media');
  });

  it('summarizes from the lead, without chrome or captions', () => {
    expect(
      analysis.summary.startsWith(
        'Annual human rights talks between the United States and China have produced few visible results, partly because of a difference in how each nation views civil liberties, analysts say.',
      ),
    ).toBe(true);
    expect(analysis.summary.length).toBeLessThanOrEqual(600);
    expect(analysis.summary).not.toMatch(/Accessibility|Breaking News|file photo|Voice of America/);
  });

  it('attributes every quote to the full name, with the role from the body or the caption', () => {
    const bySpeaker = new Map(analysis.quotes.map((q) => [q.speaker, q.role]));
    expect(bySpeaker.get('Michael Posner')).toBe(
      'U.S. Assistant Secretary of State for Democracy, Human Rights and Labor',
    );
    expect(bySpeaker.get('Joshua Rosenzweig')).toBe('Hong Kong-based independent rights analyst');
    expect(bySpeaker.get('David Kelly')).toMatch(
      /^(?:the )?head of research at (?:Beijing-based )?China Policy$/,
    );
    expect(analysis.quotes.every((q) => q.speaker !== 'Posner' && q.speaker !== 'Labor Michael Posner')).toBe(
      true,
    );
  });

  it('finds each quote once, in document order, joins continued quotes and keeps the partial quote of the delegation', () => {
    const texts = analysis.quotes.map((q) => q.text);
    // `"A," said Posner. "B."` is one quote: the second sentence continues the first.
    expect(texts).toHaveLength(5);
    expect(texts[0]).toBe(
      'During this period, hundreds of millions of Chinese citizens have been lifted out of poverty, and this is a remarkable achievement. At the same time, we see that political reforms have not kept pace with economic advances.',
    );
    const delegation = analysis.quotes.find((q) => q.text === 'take an unbiased look');
    expect(delegation?.speaker).toBe('Chinese delegation');
    expect(analysis.quotes.map((q) => q.paragraph)).toEqual(
      [...analysis.quotes.map((q) => q.paragraph)].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
  });

  it('does not take the one-word "extraordinary" as a quote', () => {
    expect(analysis.quotes.some((q) => q.text.includes('extraordinary'))).toBe(false);
  });

  it('picks one key quote each from Posner, Rosenzweig and Kelly', () => {
    expect(analysis.keyQuotes.map((q) => q.speaker)).toEqual([
      'Michael Posner',
      'Joshua Rosenzweig',
      'David Kelly',
    ]);
  });
});
