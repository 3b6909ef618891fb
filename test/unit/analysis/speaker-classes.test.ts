import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../../functions/analysis/index.ts';

function speakers(paragraphs: string[]): Array<string | null> {
  return analyzeArticle({ title: 'Officials Respond', paragraphs, captions: [], source: 'text' }).quotes.map(
    (q) => q.speaker,
  );
}

describe('organization names', () => {
  it('keeps a place-name modifier that opens the name of a body', () => {
    expect(
      speakers([
        'The Lusaka Stock Exchange said in a circular that trading would stay closed "until the auditors have signed the accounts."',
        'Copperbelt Cement said it expected to publish its results "before the end of the quarter."',
      ]),
    ).toEqual(['Lusaka Stock Exchange', 'Copperbelt Cement']);
  });

  it('ends a name before a date after "on"', () => {
    expect(
      speakers([
        'Shares of Lake Victoria Breweries on Monday fell sharply.',
        'Lake Victoria Breweries said the decline was "a passing reaction to a rumor."',
      ]),
    ).toEqual(['Lake Victoria Breweries']);
  });

  it('drops a possessive country in front of a ministry', () => {
    expect(
      speakers([
        'Malaysia\'s Ministry of Foreign Affairs said the envoy had been summoned "to explain these remarks in person" and that talks would resume "once the review is complete."',
      ]),
    ).toEqual(['Ministry of Foreign Affairs', 'Ministry of Foreign Affairs']);
  });

  it('a place adjective is not an organization, so "the report" goes to the group', () => {
    expect(
      speakers([
        'The Lakeside Rights Observatory, a network of Kenyan and East African lawyers, said it had visited five prisons.',
        '"We found cells built for ten people holding forty," the report says.',
      ]),
    ).toEqual(['Lakeside Rights Observatory']);
  });

  it('"the forum said" is the forum the article named', () => {
    expect(
      speakers([
        'The Coastal Fisheries Forum, an industry group, said catches had fallen for a third year.',
        '"Without a ban on trawling near the reef, there will be nothing left to catch," the forum said.',
      ]),
    ).toEqual(['Coastal Fisheries Forum']);
  });

  it('a body keeps its "and" complement when appositives stand before the verb', () => {
    expect(
      speakers([
        'The Ministry of Water and Sanitation, in a statement issued Friday, said it "regrets the inconvenience to residents."',
      ]),
    ).toEqual(['Ministry of Water and Sanitation']);
  });

  it('an embassy keeps the city it sits in', () => {
    expect(
      speakers([
        'The Ruritanian Embassy in London said in an email that "all detainees have access to lawyers."',
      ]),
    ).toEqual(['Ruritanian Embassy in London']);
  });
});

describe('people', () => {
  it('a given name alone maps to the one person who has it', () => {
    expect(
      speakers([
        '"My client was nowhere near the warehouse," said defense lawyer Pieter de la Rey.',
        'Pieter added that the case rested on one witness. "The witness has changed his story twice," Pieter said.',
      ]),
    ).toEqual(['Pieter de la Rey', 'Pieter de la Rey']);
  });

  it('a given name shared by two people stays unresolved to either', () => {
    expect(
      speakers([
        'Lindiwe Mokoena, a teacher, and Lindiwe Zulu, a nurse, both joined the march.',
        '"We want our salaries paid on time," Lindiwe said.',
      ]),
    ).not.toContain('Lindiwe Mokoena');
  });

  it('keeps Arabic particles and titles in the name', () => {
    expect(
      speakers([
        'Among the detainees is Sheikh Yusuf al-Mansouri, a 58-year-old preacher.',
        '"We are asking only to see our families," he wrote in a letter.',
        '"His health is failing and nobody tells us anything," said his daughter, Noura al-Mansouri, who lives in Paris.',
        'Sheikh Yusuf has asthma. "I do not know how long he can go on," said Tariq bin Saleh, a family friend.',
      ]),
    ).toEqual(['Sheikh Yusuf al-Mansouri', 'Noura al-Mansouri', 'Tariq bin Saleh']);
  });

  it('"the Galerie Paulsen" is a place, not a person sharing the director\'s surname', () => {
    expect(
      speakers([
        'The paintings hang at the Galleria Ferrante until June.',
        "The gallery's director, Marco Ferrante, said he had waited years for the show.",
        '"Every canvas here was painted in one room," Ferrante said.',
      ]),
    ).toEqual(['Marco Ferrante']);
  });

  it("a surname that is also a people's name stays in the full name", () => {
    expect(
      speakers([
        '"They took my son from the market and nobody has seen him since," said Shazia Baloch, 41, a seamstress.',
        'Shazia said she would keep coming. "I will sit here every day," she said.',
      ]),
    ).toEqual(['Shazia Baloch', 'Shazia Baloch']);
  });

  it('a title with an "of ... and" complement is the role, not part of the name', () => {
    expect(
      speakers([
        'Minister of Lands and Housing Tendai Moyo told reporters that "no family will be moved without compensation."',
      ]),
    ).toEqual(['Tendai Moyo']);
  });
});

describe('the subject of the reporting verb', () => {
  it('the judge, not the court division after "of", wrote the ruling', () => {
    expect(
      speakers([
        'In her ruling, Judge Amara Okafor of the tribunal\'s Labor Division wrote that "an employer cannot keep a worker\'s passport as security."',
      ]),
    ).toEqual(['Amara Okafor']);
  });

  it('the name that opens the sentence speaks, past a "which" clause about its agency', () => {
    expect(
      speakers([
        'Tomas Reyes, a deputy director of the Immigration Service, which runs the border posts, said the visa had been refused "for purely administrative reasons of security."',
      ]),
    ).toEqual(['Tomas Reyes']);
  });

  it('a new speaker named with "whose" or "who" in the paragraph before a "she said" quote', () => {
    expect(
      speakers([
        'Health Minister Ruth Kamanga said the deal would be signed next week.',
        'At the district hospital, Mphatso Tembo, whose father waited a week for surgery, said the family had slept in the corridor.',
        '"I hope nobody else has to live through this," she said.',
      ]),
    ).toEqual(['Mphatso Tembo']);
  });

  it('a relative in a "whose" clause does not give the speaker his gender', () => {
    expect(
      speakers([
        'Prosecutor Daniel Mensah asked for five-year sentences.',
        'Akosua Boateng, whose son was convicted, said he had been on his way to work.',
        '"He had a lunch box in his hand, not a stone," she said.',
      ]),
    ).toEqual(['Akosua Boateng']);
  });

  it('a full name with an indefinite appositive is a person a pronoun can point to', () => {
    expect(
      speakers([
        'Professor Helen Carter said the station mattered to the district.',
        'For listeners such as Kofi Mensah-Bonsu, a retired welder in Tema, the silence is hard. He put it this way: "That radio was my window on the town."',
      ]),
    ).toEqual(['Kofi Mensah-Bonsu']);
  });
});
