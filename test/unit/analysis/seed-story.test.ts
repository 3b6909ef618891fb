import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, extractArticle } from '../../../functions/analysis/index.ts';

// Shaped like the reference story (a VOA text dump of a rights dialogue: chrome, the caption printed twice,
// three analysts quoted by full name and role), with invented people and events.
const seed = readFileSync(
  new URL('../../../functions/analysis/corpus/dev/seed-shaped-rights-dialogue.txt', import.meta.url),
  'utf8',
);

describe('a story shaped like the reference story (an annual rights dialogue)', () => {
  const analysis = analyze({ text: seed });

  it('is a human-rights story, with evidence', () => {
    expect(analysis.humanRights).toBe(true);
    const topic = analysis.topics.find((t) => t.id === 'human-rights');
    expect(topic?.evidence).toEqual(expect.arrayContaining(['human rights', 'civil liberties']));
  });

  it('has its headline as title, with the chrome gone', () => {
    expect(analysis.title).toBe('EU, Vietnam Spar Over Labor and Speech Rights at Annual Dialogue');
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
    expect(article.captions).toEqual([expect.stringContaining('Helena Vasquez-Larsen speaks to reporters')]);
    expect(body).not.toContain('speaks to reporters');
  });

  it('summarizes from the lead, without chrome or captions', () => {
    expect(
      analysis.summary.startsWith(
        'Yearly human rights talks between the European Union and Vietnam have yielded little visible progress, in part because the two sides define basic civil liberties so differently, analysts say.',
      ),
    ).toBe(true);
    expect(analysis.summary.length).toBeLessThanOrEqual(600);
    expect(analysis.summary).not.toMatch(/Accessibility|Breaking News|file photo|Voice of America/);
  });

  it('attributes every quote to the full name, with the role from the body or the caption', () => {
    const bySpeaker = new Map(analysis.quotes.map((q) => [q.speaker, q.role]));
    expect(bySpeaker.get('Helena Vasquez-Larsen')).toMatch(
      /^(?:The )?(?:European Union's |EU )?Special Representative for Human Rights(?: and Democracy)?$/,
    );
    expect(bySpeaker.get('Tomas Okonkwo-Reyes')).toBe('Singapore-based independent labor analyst');
    expect(bySpeaker.get('Marguerite Adeyemi-Holt')).toMatch(
      /^(?:the )?director of research at (?:Bangkok-based )?Mekong Policy Forum$/,
    );
    expect(
      analysis.quotes.every(
        (q) => q.speaker !== 'Vasquez-Larsen' && q.speaker !== 'Democracy Helena Vasquez-Larsen',
      ),
    ).toBe(true);
  });

  it('finds each quote once, in document order, joins continued quotes and keeps the partial quote of the delegation', () => {
    const texts = analysis.quotes.map((q) => q.text);
    // `"A," said Vasquez-Larsen. "B."` is one quote: the second sentence continues the first.
    expect(texts).toHaveLength(5);
    expect(texts[0]).toBe(
      'In this time, tens of millions of Vietnamese families have moved out of poverty, and that deserves recognition. At the same time, the space for independent unions and critical voices has narrowed, not widened.',
    );
    const delegation = analysis.quotes.find((q) => q.text === 'respect the different paths of development');
    expect(delegation?.speaker).toBe('Vietnamese delegation');
    expect(analysis.quotes.map((q) => q.paragraph)).toEqual(
      [...analysis.quotes.map((q) => q.paragraph)].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
  });

  it('does not take the one-word "remarkable" as a quote', () => {
    expect(analysis.quotes.some((q) => q.text === 'remarkable')).toBe(false);
  });

  it('picks one key quote from each of the three analysts', () => {
    expect(analysis.keyQuotes.map((q) => q.speaker)).toEqual([
      'Helena Vasquez-Larsen',
      'Tomas Okonkwo-Reyes',
      'Marguerite Adeyemi-Holt',
    ]);
  });
});
