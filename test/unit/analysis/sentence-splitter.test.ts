import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../functions/analysis/index.ts';

describe('splitting sentences', () => {
  it('U.S. does not end a sentence', () => {
    expect(
      splitSentences('U.S. Assistant Secretary of State Michael Posner said talks were useful. He left.'),
    ).toEqual(['U.S. Assistant Secretary of State Michael Posner said talks were useful.', 'He left.']);
  });

  it('a sentence can still end with U.S.', () => {
    expect(splitSentences('The talks were held in the U.S. The Chinese side left early.')).toHaveLength(2);
  });

  it('titles, months and initials do not end a sentence', () => {
    expect(
      splitSentences(
        'Mr. Smith met Gen. Jones on Jan. 5 with John F. Kennedy Jr. in attendance. They talked.',
      ),
    ).toEqual(['Mr. Smith met Gen. Jones on Jan. 5 with John F. Kennedy Jr. in attendance.', 'They talked.']);
  });

  it('a closing quote or question mark ends a sentence, but not before its attribution', () => {
    expect(
      splitSentences('"We will win," he said. "We will not stop." Is it over? "Yes!" she said.'),
    ).toEqual(['"We will win," he said.', '"We will not stop."', 'Is it over?', '"Yes!" she said.']);
  });

  it('U.N. and p.m. before an ordinary word keep the sentence going', () => {
    expect(splitSentences('The U.N. Security Council met at 5 p.m. Tuesday in New York.')).toHaveLength(1);
  });
});
