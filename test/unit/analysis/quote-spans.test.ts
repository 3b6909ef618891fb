import { describe, expect, it } from 'vitest';
import { quotesOf, textsOf } from './paragraph-quotes.ts';

// Invented paragraphs in shapes of real copy: words in quote marks that nobody said, and quotes whose
// parts the first pass did not join.

describe('words in quote marks that nobody said', () => {
  it('a charge after a sentence, a prison term or a hedge', () => {
    expect(
      textsOf([
        'In 2019 he was deported after serving a two-year prison sentence for “activities aimed at toppling the state.”',
        'She was jailed for allegedly "spreading false news about the armed forces" in 2021.',
        'He was sentenced on charges of "insulting the faith, acting against national security and membership of the Baha\'i community."',
      ]),
    ).toEqual([]);
  });

  it('what a sign or a placard reads', () => {
    expect(
      textsOf([
        'Outside the gate, a sign reads: "Work makes every citizen free and loyal."',
        'A caption showed Ivo Petrak holding a placard that reads: “Rights for all, fear for none.”',
      ]),
    ).toEqual([]);
  });

  it('a list of three or more short quoted terms', () => {
    expect(
      textsOf([
        'The leaked ledgers give grounds for arrest such as “keeping a prayer rug at home,” “missing a flag ceremony” and “calling a cousin overseas.”',
      ]),
    ).toEqual([]);
  });

  it('two titles in straight single marks are not paired across the text between them', () => {
    expect(
      textsOf([
        "The jury prize went to 'Las Palmeras' from Chile, best actor to Omar Diallo for 'The Tailor' and a special mention to the Danish film 'Winterlight'.",
      ]),
    ).toEqual([]);
  });

  it('a quote that says "I" is still a quote after a charge word', () => {
    expect(
      textsOf(['He was charged with "I will burn it all down," words he wrote online, prosecutors said.']),
    ).toEqual(['I will burn it all down']);
  });
});

describe('one quote in several parts', () => {
  it('a long attribution with a clause of its own between the parts', () => {
    expect(
      textsOf([
        '"Several of these men are still badly scarred years later," said Mila Novak, a psychology professor at Danube University who examined six of the eleven former detainees named in the study by the Centre for Torture Survivors. "It shows how harsh the conditions were."',
      ]),
    ).toEqual([
      'Several of these men are still badly scarred years later. It shows how harsh the conditions were.',
    ]);
  });

  it('"A," X tweeted. "B." is one quote', () => {
    expect(
      textsOf([
        '"Saddened beyond words by the loss of so many lives," Premier Tavita tweeted. "My thoughts are with every family tonight."',
      ]),
    ).toEqual([
      'Saddened beyond words by the loss of so many lives. My thoughts are with every family tonight.',
    ]);
  });

  it('a quote whose next paragraph was run into this one, with its opening mark', () => {
    const [quote, ...rest] = quotesOf([
      'The police said deputies found nine farmhands sleeping in a barn outside Welby.',
      '“Border officers then learned that seven of the farmhands had overstayed their visas by more than a year. “The farm’s manager, who was at the barn, was arrested on the spot,” the police said in a statement.',
    ]);
    expect(rest).toEqual([]);
    expect(quote?.text).toBe(
      'Border officers then learned that seven of the farmhands had overstayed their visas by more than a year. The farm’s manager, who was at the barn, was arrested on the spot',
    );
    expect(quote?.speaker).toBe('police');
  });
});
