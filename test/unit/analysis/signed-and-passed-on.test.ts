import { describe, expect, it } from 'vitest';
import { quotesOf, speakersOf } from './paragraph-quotes.ts';

// Invented stories in shapes that real reporting uses: quotes signed without a reporting verb, and
// words that one person passes on from another.

describe('a quote signed with its speaker, without a reporting verb', () => {
  it('a digest of quotes, each signed after a dash', () => {
    expect(
      speakersOf([
        'QUOTES OF THE WEEK',
        '“The crowd carried me through the last set.” – Mara Lindqvist, after winning the Coastal Open.',
        '“I had chances in the tiebreak and I did not take them. That is on me.” — Tomas Reyes, after losing the final.',
        '"She plays the ball earlier than anyone on the tour right now." - Tomas Reyes, on Lindqvist.',
      ]),
    ).toEqual(['Mara Lindqvist', 'Tomas Reyes', 'Tomas Reyes']);
  });

  it('a pull quote without its full stop, then the name and role', () => {
    const [quote] = quotesOf([
      '"Nobody can build peace on silence about the missing. Families deserve to know" Rosa Quintero, director of a search foundation',
    ]);
    expect(quote?.speaker).toBe('Rosa Quintero');
  });

  it('a quote that ends its sentence is not signed by the name that opens the next one', () => {
    expect(
      speakersOf([
        'Ines Barros, a nurse at the clinic, described the night of the flood.',
        '"The water came in through the windows." Carla Mendes, who runs the shelter, said the clinic had no generator.',
      ]),
    ).toEqual(['Ines Barros']);
  });

  it('a dash inside a sentence is no signature', () => {
    expect(
      speakersOf([
        'Pavel Horak, the mayor, spoke after the vote.',
        '"We kept every promise we made" — and the council applauded, Horak said.',
      ]),
    ).toEqual(['Pavel Horak']);
  });
});

describe('words passed on from another speaker', () => {
  it('"he quoted X as saying" after the quote gives X, not the one who repeats the words', () => {
    expect(
      speakersOf([
        'Presidential aide Colin Marsh told reporters that President Ruth Adeyemi had spoken for an hour.',
        '“We are ready for the next round,” he quoted Adeyemi as saying after the meeting.',
      ]),
    ).toEqual(['Ruth Adeyemi']);
  });

  it('"the agency cited X, a farmer, as saying" gives the farmer', () => {
    const [quote] = quotesOf([
      '“We heard a bang and then the carriage tipped over on its side,” the Lakeland News Service cited Dev Malhotra, a farmer living near the tracks, as saying.',
    ]);
    expect(quote?.speaker).toBe('Dev Malhotra');
  });
});

describe('verbs of saying beyond "said"', () => {
  it('"he read from a statement" after the quote is the reader, not the previous speaker', () => {
    expect(
      speakersOf([
        '"This award belongs to the whole crew," said the cinematographer Ravi Menon.',
        'The jury president, director Helen Ashby, then spoke for jailed film-makers.',
        '"We ask the government to release them and let them work," she read from a statement signed by many guilds.',
      ]),
    ).toEqual(['Ravi Menon', 'Helen Ashby']);
  });

  it('a pull quote and "Name speaks at ..." after a colon', () => {
    expect(
      speakersOf(["'Nobody should die for writing the news': Omar Haddad speaks at the press club dinner"]),
    ).toEqual(['Omar Haddad']);
  });
});
