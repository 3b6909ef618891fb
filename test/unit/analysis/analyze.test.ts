import { describe, expect, it } from 'vitest';
import { analyze } from '../../../functions/analysis/index.ts';
import { voaPage } from './sample-pages.ts';

describe('analyzing an article end to end', () => {
  it('a VOA page gives topics, a summary and attributed key quotes', () => {
    const analysis = analyze({ html: voaPage });
    expect(analysis.source).toBe('voa');
    expect(analysis.humanRights).toBe(true);
    expect(analysis.summary.startsWith('Police in Kenya detained six human rights activists')).toBe(true);
    expect(analysis.keyQuotes.map((q) => [q.speaker, q.role])).toEqual([
      ['Mary Wanjiru', 'lawyer for the group'],
      ['Peter Otieno', 'Interior Minister'],
    ]);
  });

  it('a role and full name can come from the lead-image caption outside the body', () => {
    const html = `<html><body><div class="cover-media"><figure><img src="a.jpg"><figcaption>U.S. Assistant Secretary of State for Democracy, Human Rights and Labor Michael Posner speaks in Washington, Feb. 3, 2012.</figcaption></figure></div>
      <div id="article-content"><div class="wsw"><p>Talks ended on Friday, officials said.</p><p>"The talks were difficult but useful," Posner said.</p></div></div></body></html>`;
    expect(analyze({ html }).quotes).toEqual([
      expect.objectContaining({
        speaker: 'Michael Posner',
        role: 'U.S. Assistant Secretary of State for Democracy, Human Rights and Labor',
        mention: 'Posner',
      }),
    ]);
  });

  it('wire copy is flagged and its dateline kept out of the summary', () => {
    const analysis = analyze({
      text: 'Missiles Hit Kyiv\n\nKYIV, Ukraine (AP) — Russia fired missiles at Kyiv overnight, officials said.',
    });
    expect(analysis.wire).toBe('AP');
    expect(analysis.summary).toBe('Russia fired missiles at Kyiv overnight, officials said.');
  });

  it('an empty or broken input gives an empty analysis, not an error', () => {
    expect(analyze({})).toMatchObject({
      title: '',
      summary: '',
      quotes: [],
      keyQuotes: [],
      humanRights: false,
      source: 'description',
    });
    expect(() => analyze({ html: '"""<div class="wsw"><p>“unclosed' })).not.toThrow();
    expect(() => analyze({ html: 'plain words, no markup at all' })).not.toThrow();
  });
});
