import { describe, expect, it } from 'vitest';
import { speakersOf } from './paragraph-quotes.ts';

// Invented stories: a quote with no attribution of its own carries on the last speaker, unless the story
// has turned to someone else in between.

describe('a bare quote after the story turned to other people', () => {
  it('residents between an official and a bare quote: the quote is theirs, so unnamed', () => {
    expect(
      speakersOf([
        'The Federal Relief Agency said it had sent 40 trucks of water. "Every family will get help," agency spokesman Tom Reyes said.',
        'Residents of the lower town were still waiting on Sunday.',
        '"We have had no water for four days and nobody has come."',
      ]),
    ).toEqual(['Tom Reyes', null]);
  });

  it('"villagers said ..." before a bare quote gives nobody a name', () => {
    expect(
      speakersOf([
        '"The road will be open by Friday," said Governor Ama Boateng.',
        'Villagers said the water had reached their roofs within an hour.',
        '"We carried the children on our shoulders."',
      ]),
    ).toEqual(['Ama Boateng', null]);
  });

  it('with nobody else in between, the speaker carries on', () => {
    expect(
      speakersOf([
        '"The road will be open by Friday," said Governor Ama Boateng.',
        'The storm destroyed four bridges in the district.',
        '"We will rebuild every one of them before the rains."',
      ]),
    ).toEqual(['Ama Boateng', 'Ama Boateng']);
  });
});

describe('a bare quote after the story turned to a person', () => {
  it('"In the camp we met Hasina Begum." then a bare quote: hers, not the previous speaker\'s', () => {
    expect(
      speakersOf([
        '“I was too scared to tell anyone at first,” says Amina*, who is 21.',
        'In the camp we met Hasina Begum, a mother of four. “We walked for nine days with nothing to eat.”',
      ]),
    ).toEqual(['Amina', 'Hasina Begum']);
  });

  it('a statement in reported speech does not carry on past a sentence about someone else', () => {
    expect(
      speakersOf([
        'Governor Ama Boateng said the road would be open by Friday.',
        'Villagers said the water had reached their roofs within an hour.',
        '"We carried the children on our shoulders."',
      ]),
    ).toEqual([null]);
  });
});
