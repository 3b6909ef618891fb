import { describe, expect, it } from 'vitest';
import { analyzeArticle, type Quote } from '../../../functions/analysis/index.ts';

function quotesOf(paragraphs: string[]): Quote[] {
  return analyzeArticle({ title: 'Officials Respond to Report', paragraphs, captions: [], source: 'text' })
    .quotes;
}

function speakers(paragraphs: string[]): Array<string | null> {
  return quotesOf(paragraphs).map((q) => q.speaker);
}

describe('a quote that goes on after its attribution', () => {
  it('"A," said X. "B." is one quote, its parts joined as two sentences', () => {
    const quotes = quotesOf([
      '"The river used to feed the whole valley," said Ana Ribeiro, a fisherwoman in the delta. "Now it feeds nobody."',
    ]);
    expect(quotes).toEqual([
      expect.objectContaining({
        text: 'The river used to feed the whole valley. Now it feeds nobody.',
        speaker: 'Ana Ribeiro',
      }),
    ]);
  });

  it('"A," X said. "B." is one quote too', () => {
    const quotes = quotesOf([
      'Tomasz Nowak runs a bakery on the square.',
      '"We opened at five every morning for thirty years," Nowak said. "This winter we could not pay for the flour."',
    ]);
    expect(quotes.map((q) => [q.text, q.speaker])).toEqual([
      [
        'We opened at five every morning for thirty years. This winter we could not pay for the flour.',
        'Tomasz Nowak',
      ],
    ]);
  });

  it('a second quote with an attribution of its own stays a separate quote', () => {
    const quotes = quotesOf([
      '"We opened at five every morning," said Tomasz Nowak. "Nobody will buy bread at that price," he added.',
    ]);
    expect(quotes).toHaveLength(2);
  });

  it('a sentence of the reporter between two quotes keeps them apart', () => {
    const quotes = quotesOf([
      '"The dam will bring power to every home," said Minister Paolo Reyes. Residents said that was what they were told before. "We have heard these promises for ten years."',
    ]);
    expect(quotes).toHaveLength(2);
  });
});

describe('quoted words that are not quotes', () => {
  it('the name of a charge is a term, not a quote', () => {
    expect(
      quotesOf([
        'The blogger was convicted of "spreading false information about state bodies" and fined.',
        'His brother was charged with "organizing activities aimed at overthrowing the state" last year.',
      ]),
    ).toEqual([]);
  });

  it('a partial quote after "the law" is still a quote', () => {
    expect(
      quotesOf(['The minister said the new law "will protect children from predators online."']).map(
        (q) => q.text,
      ),
    ).toEqual(['will protect children from predators online.']);
  });

  it('a quoted subhead is not a quote; a quote standing as its own paragraph is', () => {
    expect(
      quotesOf([
        'Nadia Haddad, a lawyer for the families, said the hearing was delayed again.',
        '‘We Are Still Waiting Here’',
        '"Nobody will tell us when the next hearing is."',
      ]).map((q) => q.text),
    ).toEqual(['Nobody will tell us when the next hearing is.']);
  });

  it('a nickname is not a quote, even with a comma inside the marks', () => {
    expect(
      quotesOf([
        'The general, known to his troops as "the Old Man of the Hills," was arrested on Friday.',
        'Critics call the new checkpoint system the so-called "ring of steel around the city" plan.',
      ]),
    ).toEqual([]);
  });
});

describe('titles, ranks and roles', () => {
  it('a rank is a job title: the appositive before it is the role', () => {
    const [quote] = quotesOf([
      'A spokesman for the border police, Major Ilkka Salo, said the crossing would stay shut. "Nobody will pass without papers," Salo said.',
    ]);
    expect(quote).toMatchObject({ speaker: 'Ilkka Salo', role: 'spokesman for the border police' });
  });

  it('a title before a name is the role: "Justice Minister X said"', () => {
    const [quote] = quotesOf([
      '"The courts will decide, not the street," Justice Minister Helga Brandt said.',
    ]);
    expect(quote).toMatchObject({ speaker: 'Helga Brandt', role: 'Justice Minister' });
  });

  it('a capitalized role noun that opens a sentence is not part of the name', () => {
    expect(
      speakers([
        'Lawyer Oksana Melnyk, who represents the families, said the hearing was postponed.',
        'Melnyk said, "Every delay is another month these men spend in a cell."',
      ]),
    ).toEqual(['Oksana Melnyk']);
  });

  it('a name after a lowercase role is the speaker, even when it starts with a place name', () => {
    expect(
      speakers([
        '"Prices will keep climbing through the winter," said energy analyst Georgia Lund of Northline Research.',
      ]),
    ).toEqual(['Georgia Lund']);
  });

  it('a name after "Government spokesman" is the subject of a later partial quote', () => {
    expect(
      speakers([
        'Government spokesman Idris Okafor told reporters that the editor was "under investigation for tax offenses of several kinds" and that the arrest had "no connection whatsoever with his newspaper."',
      ]),
    ).toEqual(['Idris Okafor', 'Idris Okafor']);
  });

  it('Cardinal and Patriarch belong to the name; the Rev. does not, and is no role', () => {
    const quotes = quotesOf([
      'Cardinal Joao Almeida, the archbishop of the capital, led the service.',
      '"The church will not be silent while its priests are in jail," Cardinal Almeida said.',
      '"We pray for the guards as well as for the prisoners," said the Rev. Michael Osei, a parish priest in the north.',
    ]);
    expect(quotes.map((q) => [q.speaker, q.role])).toEqual([
      ['Cardinal Joao Almeida', 'archbishop of the capital'],
      ['Michael Osei', 'parish priest in the north'],
    ]);
  });

  it('finds roles in agent-noun appositives, present-tense "who" clauses and predicates', () => {
    const quotes = quotesOf([
      'Linnea Hart, a hydrologist with the basin authority, said the reservoir was at 12%. "We are rationing every liter," Hart said.',
      '"Nobody has answered our letters," said Pavel Dusek, who chairs the tenants committee.',
      '"We are still counting the damage," said Rosa Quintero. Quintero is the director of the Valley Farmers Cooperative.',
    ]);
    expect(quotes.map((q) => q.role)).toEqual([
      'hydrologist with the basin authority',
      'who chairs the tenants committee',
      'director of the Valley Farmers Cooperative',
    ]);
  });
});

describe('organizations as speakers', () => {
  it('an organization name keeps its "and" and "Against" complements', () => {
    expect(
      speakers([
        'The Ministry of Mines and Energy said the permits were valid. "Every license was issued lawfully," the ministry said.',
        'The Coalition Against Forced Evictions disagreed. "These families were never consulted," the coalition said.',
      ]),
    ).toEqual(['Ministry of Mines and Energy', 'Coalition Against Forced Evictions']);
  });

  it('an acronym resolves to the full name the article spells out', () => {
    expect(
      speakers([
        'The U.N. Support Mission in Libya counted 30 arrests in a week.',
        '"Arbitrary detention must end," UNSML said.',
        'The Federation of Independent Trade Unions called a strike.',
        '"Our members have not been paid since March," FITU said in a statement.',
      ]),
    ).toEqual(['U.N. Support Mission in Libya', 'Federation of Independent Trade Unions']);
  });
});

describe('names and mentions', () => {
  it('a one-word name right after a quote is the speaker', () => {
    expect(speakers(['"I never hid anything from the court," Darkhanov told the judges on Monday.'])).toEqual(
      ['Darkhanov'],
    );
  });

  it('a person known by one name is a speaker: "her brother Dawit", "Fatima, who ..."', () => {
    expect(
      speakers([
        'Hiwot Alemayehu, a seamstress, and her brother Dawit left the town in May.',
        'Dawit said the road was lined with checkpoints. "At every one they took something from us," he said.',
        'Fatima, who asked that her family name not be used, said her son was taken in April.',
        '"I go to the station every week and they tell me nothing," she said.',
      ]),
    ).toEqual(['Dawit', 'Fatima']);
  });

  it('a compound surname with a particle maps to the full name', () => {
    expect(
      speakers([
        'João da Silva Moreira, a union organizer, spoke to the strikers.',
        '"We will stay here until the last contract is signed," da Silva Moreira said.',
      ]),
    ).toEqual(['João da Silva Moreira']);
  });

  it('"quoted X as saying" gives X, not the outlet, as the speaker', () => {
    expect(
      speakers([
        'The state news agency quoted Defense Minister Arman Sultanov as saying the exercises were "a response to provocations on our border."',
      ]),
    ).toEqual(['Arman Sultanov']);
  });

  it('a possessive "her" about someone else does not make the speaker female', () => {
    expect(
      speakers([
        'Station manager Olivier Kabeya said the reporter had not been seen since her arrest.',
        'Rights researcher Aline Mukamana said the case fit a wider pattern.',
        'Kabeya said the station would stay on air. "We will not go quiet," he said.',
      ]),
    ).toEqual(['Olivier Kabeya']);
  });
});
