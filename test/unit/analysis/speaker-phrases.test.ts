import { describe, expect, it } from 'vitest';
import { quotesOf, speakersOf } from './paragraph-quotes.ts';

// Invented stories, each in a shape of real reporting where the phrase that names the speaker is more
// than a name: roles around it, the body it speaks for, a passive verb, a clause after it.

describe('roles around the name', () => {
  it('a people\'s word opens a long role before the name: "said European head of ... at Orvion, Lars Ekdahl"', () => {
    const [quote] = quotesOf([
      '"Our phones learn from the person who holds them," said European head of devices and planning at Orvion, Lars Ekdahl.',
    ]);
    expect(quote?.speaker).toBe('Lars Ekdahl');
    expect(quote?.role).toContain('head of devices');
  });

  it('two roles joined by "and" after the company: "tweeted Skyward Labs founder and CEO Nadia Petrov"', () => {
    expect(
      speakersOf([
        '"All twelve satellites deployed, perfect orbit," tweeted Skyward Labs founder and CEO Nadia Petrov.',
      ]),
    ).toEqual(['Nadia Petrov']);
  });

  it('a possessive before the name owns the person and is no part of the name', () => {
    expect(
      speakersOf([
        "Lakeside FC's Ana Ruiz praised her players after the win.",
        'Ruiz said, "We were patient and the chances came in the second half."',
      ]),
    ).toEqual(['Ana Ruiz']);
  });

  it('an age before the name makes a person of a name no verb introduced', () => {
    expect(
      speakersOf([
        'Thirty-year-old Sayed Karim, from a village near the border, reached the camp in May with his children.',
        'He said, "Soldiers burned every house on our street."',
      ]),
    ).toEqual(['Sayed Karim']);
  });

  it('a distance after a place is no age: "in Tolmara, 65 km south"', () => {
    expect(
      speakersOf([
        'Eleven carriages left the tracks in Tolmara, 65 km south of the capital.',
        '"We are cutting through the metal by hand," he said from the site.',
      ]),
    ).toEqual([null]);
  });
});

describe('the body a phrase speaks for', () => {
  it("a single word that opens an organization's name is that organization", () => {
    expect(
      speakersOf([
        'Amnesty International said the figures were incomplete.',
        'Amnesty highlighted the executions in Ardania, saying the country "continued to hang people for crimes committed as children".',
      ]),
    ).toEqual(['Amnesty International']);
  });

  it('"the organisation" is the organization last named, never a country', () => {
    expect(
      speakersOf([
        'The Open Press Institute said the United States had jailed two reporters this year.',
        'The organisation repeated its call for their release, describing the charges as "a plain attempt to frighten every newsroom".',
      ]),
    ).toEqual(['Open Press Institute']);
  });

  it('"the press freedom group", with its description, is the organization last named', () => {
    expect(
      speakersOf([
        'The Committee to Protect Journalists put the valley at the top of its list of places where reporters vanish.',
        'According to the press freedom group, local reporters "have been followed and threatened for years".',
      ]),
    ).toEqual(['Committee to Protect Journalists']);
  });

  it('"<body> officials said" is the body', () => {
    expect(
      speakersOf([
        'Lakeside State Police officials said in a statement posted on Sunday: "Troopers found the two missing hikers cold but unhurt."',
      ]),
    ).toEqual(['Lakeside State Police']);
  });

  it('"a report published on Friday said" is the organization that issued it', () => {
    expect(
      speakersOf([
        'The Harbor Rights Centre put out its yearly tally of hangings on Friday.',
        '"The state must stop these killings at once," a second report published on Friday said.',
      ]),
    ).toEqual(['Harbor Rights Centre']);
  });
});

describe('whose words a partial quote gives', () => {
  it('the agent of a passive verb of saying: "condemned by state media for ..."', () => {
    expect(
      speakersOf([
        'Lina Cho, a lawyer, was condemned by state media for taking cases that "smear the heroes of the nation every week."',
      ]),
    ).toEqual(['state media']);
  });

  it('"referred to by X as the ..." gives X', () => {
    expect(
      speakersOf([
        'The Voice of Tarsa covers the valley, referred to by the Committee to Protect Journalists as the "worst posting a reporter can draw".',
      ]),
    ).toEqual(['Committee to Protect Journalists']);
  });

  it('"X was convicted over a song that "...," the court said" gives the court', () => {
    expect(
      speakersOf([
        'Vadim Orlov, 43, was convicted over a song that "mocked the governor and his deputies," the court said in its ruling.',
      ]),
    ).toEqual(['court']);
  });
});

describe('organizations whose names hold "and"', () => {
  it('"U.S. Customs and Border Protection" and "the Food and Drug Administration" keep their whole names', () => {
    expect(
      speakersOf([
        '"The men were hidden in the back of a truck," U.S. Customs and Border Protection said.',
        '"The approval was rushed," the Food and Drug Administration said in a letter.',
      ]),
    ).toEqual(['U.S. Customs and Border Protection', 'Food and Drug Administration']);
  });

  it('a person and an organization joined by "and" stay two', () => {
    expect(
      speakersOf([
        'Tunde Okafor and Amnesty International both called for an inquiry.',
        '"Nobody has been held to account for the shootings," Okafor said.',
      ]),
    ).toEqual(['Tunde Okafor']);
  });
});

describe('names that are not the speaker in the phrase', () => {
  it('the owner in a chain: "said President-elect Maria Santos\'s nominee for finance minister, Jo Hendry"', () => {
    expect(
      speakersOf([
        '"We can do it," said President-elect Maria Santos\'s nominee for finance minister, Jo Hendry.',
      ]),
    ).toEqual(['Jo Hendry']);
  });

  it('a place after "a resident of" is no person, so "he" stays unnamed', () => {
    expect(
      speakersOf([
        'A resident of Dunmore said the bridge had gone in the night.',
        '"It just fell into the river," he said.',
      ]),
    ).toEqual([null]);
  });

  it('a place before a role noun modifies it: "a Marlow resident, Ana Pike"', () => {
    const [quote] = quotesOf(['"I have never seen the river like this," said a Marlow resident, Ana Pike.']);
    expect(quote?.speaker).toBe('Ana Pike');
  });

  it('"the Pacific Rim Trade Council forum said" is the council the capitalized words name', () => {
    expect(
      speakersOf([
        'Leaders met for the Pacific Rim Trade Council summit on Friday.',
        'The Pacific Rim Trade Council forum said in a statement that "trade must stay open and fair for all members."',
      ]),
    ).toEqual(['Pacific Rim Trade Council']);
  });
});

describe('roles that name the body first', () => {
  it('"a correspondent for Radio Sever Pavel Drozd": the body\'s name runs into the person\'s', () => {
    expect(
      speakersOf([
        'Police held eight people near the ministry on Friday, according to one of the detainees, a correspondent for Radio Sever Pavel Drozd.',
        '“We were driven around the city for three hours before they let us go,” the correspondent said.',
      ]),
    ).toEqual(['Pavel Drozd']);
  });

  it('"said the activist" is the activist whose long appositive role says so', () => {
    expect(
      speakersOf([
        'Two activists of the Clean Air campaign, Olga Baranava and Ihar Sidorau, were detained on Tuesday.',
        "An activist of the organizing committee of the Farmers' Union, Yuri Malko, was held for two hours.",
        '“I could have walked away, but I was holding the microphone and had to give it back”, said the activist.',
      ]),
    ).toEqual(['Yuri Malko']);
  });
});
