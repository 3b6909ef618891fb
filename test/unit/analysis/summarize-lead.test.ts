import { describe, expect, it } from 'vitest';
import { summarizeLead } from '../../../functions/analysis/index.ts';

describe('the lead summary', () => {
  it('is the first sentences of the lead, within 600 characters', () => {
    const summary = summarizeLead([
      'Police detained six activists on Saturday. The arrests came days before a vote.',
      'Rights groups condemned the move.',
      'The government said the activists broke the law.',
    ]);
    expect(summary).toBe(
      'Police detained six activists on Saturday. The arrests came days before a vote. Rights groups condemned the move.',
    );
  });

  it('drops a wire dateline', () => {
    expect(summarizeLead(['LONDON (REUTERS) — Britain announced new sanctions on Monday.'])).toBe(
      'Britain announced new sanctions on Monday.',
    );
    expect(summarizeLead(['NAIROBI, KENYA — Police detained activists.'])).toBe('Police detained activists.');
    expect(summarizeLead(['Kyiv, Ukraine (AP) — Missiles struck the city.'])).toBe(
      'Missiles struck the city.',
    );
  });

  it('never contains bylines, captions or subheads', () => {
    const summary = summarizeLead([
      'By Jane Doe',
      'FILE - Protesters gather in the capital, May 1, 2024.',
      'Background',
      'The court jailed the activist for five years.',
    ]);
    expect(summary).toBe('The court jailed the activist for five years.');
  });

  it('stops at three sentences and cuts at sentence boundaries', () => {
    const long = 'This sentence is long enough to matter in the summary of the story. '.repeat(12).trim();
    const summary = summarizeLead([long]);
    expect(summary.length).toBeLessThanOrEqual(600);
    expect(summary.endsWith('.')).toBe(true);
    expect(summary.split('. ').length).toBeLessThanOrEqual(3);
  });

  it('cuts an overlong first sentence at a word', () => {
    const summary = summarizeLead([`${'word '.repeat(200)}end.`]);
    expect(summary.length).toBeLessThanOrEqual(600);
    expect(summary.endsWith('…')).toBe(true);
  });
});
