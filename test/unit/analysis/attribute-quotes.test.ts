import { describe, expect, it } from 'vitest';
import {
  analyze,
  analyzeArticle,
  type ExtractedArticle,
  type Quote,
} from '../../../functions/analysis/index.ts';

function quotesOf(paragraphs: string[], extra: Partial<ExtractedArticle> = {}): Quote[] {
  return analyzeArticle({
    title: 'Officials Say Talks Will Resume Soon',
    paragraphs,
    captions: [],
    source: 'text',
    ...extra,
  }).quotes;
}

function speakers(paragraphs: string[], extra: Partial<ExtractedArticle> = {}): Array<string | null> {
  return quotesOf(paragraphs, extra).map((q) => q.speaker);
}

describe('finding quotes', () => {
  it('finds curly and straight quotes of four words or more, HTML-decoded', () => {
    const article = analyze({
      html: '<html><body><div class="wsw"><p>&ldquo;We will keep working for peace,&rdquo; said Anna Berg.</p><p>&quot;The border must stay open to all,&quot; said Omar Said Haddad.</p></div></body></html>',
    });
    expect(article.quotes.map((q) => q.text)).toEqual([
      'We will keep working for peace',
      'The border must stay open to all',
    ]);
  });

  it('a split quote is one quote with one speaker', () => {
    const quotes = quotesOf([
      'Maria Lopez, a teacher, joined the march.',
      '"We will not give up," she said, "because our cause is just."',
    ]);
    expect(quotes).toEqual([
      expect.objectContaining({
        text: 'We will not give up, because our cause is just.',
        speaker: 'Maria Lopez',
        mention: 'she',
      }),
    ]);
  });

  it('a quote running over several paragraphs is one quote', () => {
    const quotes = quotesOf([
      'Rights lawyer Chen Wei described his time in detention.',
      '“They kept me in a small room for weeks and never told me why.',
      '“Every night they questioned me about my clients,” he said.',
    ]);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({
      text: 'They kept me in a small room for weeks and never told me why. Every night they questioned me about my clients',
      speaker: 'Chen Wei',
      role: 'Rights lawyer',
    });
  });

  it('a scare quote is not a quote', () => {
    expect(
      quotesOf([
        'The minister called the report "biased" and part of a "smear campaign" against the country.',
      ]),
    ).toEqual([]);
  });

  it('the title of a work is not a quote', () => {
    expect(
      quotesOf([
        'She starred in the film "The Long Night Of The Soul" and the documentary "Voices From The Border Towns".',
      ]),
    ).toEqual([]);
  });

  it('a caption quote is not a quote', () => {
    const quotes = quotesOf(['Protesters marched through the capital on Sunday.'], {
      captions: ['"We will not be silenced," reads a placard held by a protester in the capital.'],
    });
    expect(quotes).toEqual([]);
  });
});

describe('naming the speaker', () => {
  it('"said X" and "X said" give the full name from the name table', () => {
    expect(
      speakers([
        'U.S. Assistant Secretary of State Michael Posner met the delegation.',
        '"Political reforms have not kept pace," said Posner.',
        '"The dialogue is still worth having," Posner said.',
      ]),
    ).toEqual(['Michael Posner', 'Michael Posner']);
  });

  it('a follow-on quote inherits the previous speaker', () => {
    const quotes = quotesOf([
      '"The court ignored the evidence," said Olga Petrova, the defendant’s mother.',
      '"My son is innocent and everyone here knows it."',
    ]);
    expect(quotes.map((q) => [q.speaker, q.mention])).toEqual([
      ['Olga Petrova', 'Olga Petrova'],
      ['Olga Petrova', null],
    ]);
  });

  it('a pronoun resolves to the nearest preceding person of the same gender', () => {
    expect(
      speakers([
        'Opposition leader Jane Smith met Interior Minister John Brown on Monday.',
        '"The talks were useful but nothing has changed," she said.',
        '"We will keep the pressure on them," he said.',
      ]),
    ).toEqual(['Jane Smith', 'John Brown']);
    expect(
      speakers([
        'Activist Lisa Wong said she was beaten in custody. Her husband, Mark Chan, was also detained.',
        '"They beat me until I could not stand," she said.',
      ]),
    ).toEqual(['Lisa Wong']);
  });

  it('"the spokesman" resolves to the person whose role is spokesman', () => {
    const quotes = quotesOf([
      'State Department spokesman Ned Price said the United States was concerned.',
      '"We are watching this case very closely," the spokesman said.',
    ]);
    expect(quotes[0]).toMatchObject({
      speaker: 'Ned Price',
      role: 'State Department spokesman',
      mention: 'the spokesman',
    });
  });

  it('a title and surname resolve to the full name', () => {
    const quotes = quotesOf([
      'German diplomat Thomas Brandt arrived in Kyiv.',
      '"This is a turning point for the region," Mr. Brandt told reporters.',
    ]);
    expect(quotes[0]).toMatchObject({
      speaker: 'Thomas Brandt',
      role: 'German diplomat',
      mention: 'Mr. Brandt',
    });
  });

  it('a title that is part of the name is kept', () => {
    expect(
      speakers([
        '"War is always a defeat for humanity," Pope Francis said.',
        '"We must pray for peace every day," Francis said.',
      ]),
    ).toEqual(['Pope Francis', 'Pope Francis']);
    expect(
      speakers([
        'Queen Rania of Jordan spoke at the summit.',
        '"Children are paying the highest price," she said.',
      ]),
    ).toEqual(['Queen Rania']);
  });

  it('an organization is kept as the article gives it', () => {
    expect(
      speakers([
        '"The protests are illegal and will not be tolerated," the Interior Ministry said in a statement.',
      ]),
    ).toEqual(['Interior Ministry']);
    expect(speakers(['State media said the suspects had "confessed to their crimes on camera."'])).toEqual([
      'State media',
    ]);
    expect(
      speakers([
        '"Journalists are being jailed at record levels," the Committee to Protect Journalists said.',
      ]),
    ).toEqual(['Committee to Protect Journalists']);
  });

  it('an acronym and "the ministry" resolve to the name the article gives', () => {
    expect(
      speakers([
        'Human Rights Watch (HRW) documented dozens of cases.',
        '"Families are still waiting for answers," HRW said.',
      ]),
    ).toEqual(['Human Rights Watch']);
    expect(
      speakers([
        'The Ministry of Foreign Affairs summoned the ambassador.',
        '"The interference is unacceptable," the ministry said.',
      ]),
    ).toEqual(['Ministry of Foreign Affairs']);
  });

  it('understands "according to", colons, "who" clauses and "told"', () => {
    expect(
      speakers(['According to Human Rights Watch, "the authorities have detained hundreds without charge."']),
    ).toEqual(['Human Rights Watch']);
    expect(
      speakers(['Economist Sarah Klein put it this way: "Nobody wins a trade war in the long run."']),
    ).toEqual(['Sarah Klein']);
    expect(
      speakers([
        '"The law will silence every critical voice," Anna Kowalski, who heads the journalists’ union, said on Friday.',
      ]),
    ).toEqual(['Anna Kowalski']);
    const told = quotesOf([
      '"We have not heard from him since he was taken away," his brother, Omar Khalid, told VOA.',
    ]);
    expect(told[0]).toMatchObject({ speaker: 'Omar Khalid', role: 'brother' });
  });

  it('takes the role from an appositive', () => {
    const quotes = quotesOf([
      '"Prices have doubled since January," said Ahmed Hassan, a 45-year-old shopkeeper in Cairo.',
    ]);
    expect(quotes[0]).toMatchObject({ speaker: 'Ahmed Hassan', role: '45-year-old shopkeeper in Cairo' });
  });

  it('the reporter in the byline is never the speaker', () => {
    const quotes = quotesOf(
      ['Jane Doe contributed reporting from the capital.', '"The rules will hurt small farmers," she said.'],
      { byline: 'Jane Doe' },
    );
    expect(quotes[0]?.speaker).not.toBe('Jane Doe');
  });

  it('a publication or platform is not taken as the speaker', () => {
    expect(
      speakers([
        'Opposition leader Maria Corina Machado spoke late on Monday.',
        '"The trial was a farce from start to end," she told Reuters.',
      ]),
    ).toEqual(['Maria Corina Machado']);
    expect(speakers(['"The vote was stolen from the people," Machado wrote on X.'], {})).not.toContain('X');
  });

  it('a pronoun can overrule a gender guessed from a first name', () => {
    expect(
      speakers([
        'Sam Sokha, who represented three of the defendants, said the charges were baseless.',
        '"My clients only shared their opinions online," she told VOA by phone.',
      ]),
    ).toEqual(['Sam Sokha']);
  });

  it('a surname that looks like a title abbreviation is still a name', () => {
    expect(
      speakers([
        'The party was dissolved in 2017, a ruling its leaders blamed on former leader Hun Sen.',
        'Hun Sen has repeatedly denied interfering with the courts.',
        '"The courts are independent and always have been," he said in a speech.',
      ]),
    ).toEqual(['Hun Sen']);
  });

  it('a second verb of the sentence is not an attribution', () => {
    expect(
      speakers([
        'The National Olympic Committee of Iran did not comment.',
        'Amnesty International called the execution "a travesty of justice" and urged Iran to halt all executions.',
      ]),
    ).toEqual(['Amnesty International']);
  });

  it('an anonymous or indefinite source is not matched to a named official', () => {
    const quotes = quotesOf([
      'Foreign Ministry official Li Wei said talks would continue.',
      '"Nobody expects a deal this year at all," a senior official said on condition of anonymity.',
    ]);
    expect(quotes[0]).toMatchObject({ speaker: null, mention: 'a senior official' });
  });

  it('never invents a name', () => {
    const quotes = quotesOf([
      '"Nobody came to help us when the water rose," said one resident, who asked not to be named.',
    ]);
    expect(quotes[0]?.speaker).toBeNull();
    expect(quotes[0]?.mention).toBe('one resident');
  });
});

describe('key quotes', () => {
  it('prefer distinct speakers, in document order', () => {
    const analysis = analyzeArticle({
      title: 'Talks End Without Agreement',
      paragraphs: [
        'Negotiator Paul Mensah and analyst Rita Osei spoke after the talks ended on Friday.',
        '"We made progress on several issues but not on the central question of the border," said Mensah.',
        '"We will meet again next month and I am hopeful that we can close the gaps that remain," Mensah added.',
        '"Both sides still want very different things from this process, and that will not change soon," said Osei.',
        '"Nothing at all was agreed."',
      ],
      captions: [],
      source: 'text',
    });
    expect(analysis.quotes).toHaveLength(4);
    expect(analysis.quotes[3]?.speaker).toBe('Rita Osei');
    const keys = analysis.keyQuotes.map((q) => q.speaker);
    expect(keys).toHaveLength(3);
    expect(new Set(keys)).toEqual(new Set(['Paul Mensah', 'Rita Osei']));
    expect(analysis.keyQuotes.map((q) => q.paragraph)).toEqual(
      [...analysis.keyQuotes.map((q) => q.paragraph)].sort(),
    );
  });
});

describe('short forms that the article spells out', () => {
  it('a mixed-case short form defined in parentheses resolves to the full name', async () => {
    const { expandAcronym } = await import('../../../functions/analysis/acronyms.ts');
    expect(
      expandAcronym('KenMet', [], ['Forecasters at the Kenya Meteorological Department (KenMet) said so.']),
    ).toBe('Kenya Meteorological Department');
  });
  it('"known as" defines a short form too', async () => {
    const { expandAcronym } = await import('../../../functions/analysis/acronyms.ts');
    expect(
      expandAcronym(
        'KenPow',
        [],
        ['The Kenya Power Company, known as KenPow, said the lines were repaired.'],
      ),
    ).toBe('Kenya Power Company');
  });
  it('no expansion when the words do not abbreviate to it', async () => {
    const { expandAcronym } = await import('../../../functions/analysis/acronyms.ts');
    expect(expandAcronym('ZuLo', [], ['The Andean Geological Survey (ZuLo) said so.'])).toBeUndefined();
  });
});
