import { describe, expect, it } from 'vitest';
import { speakersOf, textsOf } from './paragraph-quotes.ts';

// Invented stories: attributions that a bracketed aside, a short opening part or an appositive hide.

describe('a bracketed aside between the speaker and the verb', () => {
  it('"...," Gov. Ann Lee (R) said Monday. is the governor, not the agency quoted before', () => {
    expect(
      speakersOf([
        'The Lakeside Weather Office warned of "dangerous flooding along the river" through Thursday.',
        '"We have trucks, pumps and sandbags ready in every county," Westmark Gov. Ann Lee (R) said Monday.',
      ]),
    ).toEqual(['Lakeside Weather Office', 'Ann Lee']);
  });
});

describe('a short opening part of a split quote', () => {
  it('"Sorry, Milo," Brandt said. "..." keeps the opening and gives the quote to Brandt', () => {
    const paragraphs = [
      'Oskar Brandt beat Milo Fenwick in five sets on Sunday.',
      '"Sorry, Milo," Brandt said. "I know how much this one meant to you."',
    ];
    expect(textsOf(paragraphs)).toEqual(['Sorry, Milo. I know how much this one meant to you.']);
    expect(speakersOf(paragraphs)).toEqual(['Oskar Brandt']);
  });
});
