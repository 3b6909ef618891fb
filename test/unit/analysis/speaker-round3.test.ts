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

describe('an appositive that runs into its verb without a closing comma', () => {
  it('"Mara Quint, a resident of Dunmore Heights said, "..."" is Mara Quint, not "a resident"', () => {
    expect(
      speakersOf([
        'Mara Quint, a resident of Dunmore Heights said, "Nobody asked us before the fences went up."',
      ]),
    ).toEqual(['Mara Quint']);
  });
});

describe('a name with its place of origin before the verb', () => {
  it('"Tobin Arkwright from Selby also thinks ..." makes him the "he" of the next quote', () => {
    expect(
      speakersOf([
        'Tobin Arkwright from Selby also thinks the rules are unfair. "The clerks laugh at us when we come in," he said.',
      ]),
    ).toEqual(['Tobin Arkwright']);
  });
});

describe('a body named "... Cooperation"', () => {
  it('is an organization under its full name, not a person called "Cooperation"', () => {
    expect(
      speakersOf(['Lakeview Service Cooperation later added, "The schools still turn our children away."']),
    ).toEqual(['Lakeview Service Cooperation']);
  });
});

describe('an organization whose name has "and", spelled out by its acronym', () => {
  it('"..., wrote the Coastal Survey and Mapping Agency (CSMA), which ..." keeps the whole name', () => {
    expect(
      speakersOf([
        '"The buoy will give fishing fleets two hours of warning before a storm surge reaches the harbor," wrote the Coastal Survey and Mapping Agency (CSMA), which will run the buoy once it is moored.',
      ]),
    ).toEqual(['Coastal Survey and Mapping Agency']);
  });
});

describe('a body that speaks without a proper name, and its documents', () => {
  it('"..., the jury said on Sunday." is the jury', () => {
    expect(
      speakersOf([
        'The Harbor Film Prize went to a quiet drama about two sisters.',
        '"A patient, generous film that trusts its audience completely," the jury said on Sunday.',
      ]),
    ).toEqual(['jury']);
  });

  it('"...," per the court statement. is the court', () => {
    expect(
      speakersOf([
        'The appeal by the fishing cooperative failed on Tuesday.',
        '"The verdict must stand, and the fine must be paid in full," per the court statement.',
      ]),
    ).toEqual(['court']);
  });

  it('"A police statement said the raid followed a "..."" is the police', () => {
    expect(
      speakersOf([
        'Officers searched two houses in Marlow on Tuesday. A police statement issued later said the raid followed a "long and careful smuggling inquiry" by detectives.',
      ]),
    ).toEqual(['police']);
  });
});

describe('a body that issues a document before a colon', () => {
  it('"Oslo, May 2 – After ..., the Union of Free Reporters issued a statement: "..."', () => {
    expect(
      speakersOf([
        'Oslo, May 2, 2023 – After a court in Merovia jailed reporter Ivo Maric for five years, the Union of Free Reporters issued a statement: "The court has punished a reporter for doing his job, and the sentence must be overturned."',
      ]),
    ).toEqual(['Union of Free Reporters']);
  });
});

describe('a document after a preposition is not the subject of the verb after it', () => {
  it('"X\'s nominee, Pavel Drago, ... and in a public letter called the verdicts "..."" is Drago', () => {
    expect(
      speakersOf([
        '"We will not stop," said Lena Ostrova.',
        'Senator Ana Soto\'s nominee for foreign minister, Pavel Drago, long opposed the case and in a public letter called the verdicts a "grave blow to the rule of law and free speech".',
      ]),
    ).toEqual(['Lena Ostrova', 'Pavel Drago']);
  });
});

describe('a body named again in another word order', () => {
  it('"the water ministry" after "the ministry of water" keeps the first form', () => {
    expect(
      speakersOf([
        'The ministry of water has confirmed that two wells in Dunmore are unsafe.',
        '"Residents must boil all drinking water until further notice," says the water ministry.',
      ]),
    ).toEqual(['ministry of water']);
  });
});

describe('people named inside what the speaker says', () => {
  it('"She says organizers Ann Lee and Jo Park have ..." leaves the next bare quote hers', () => {
    expect(
      speakersOf([
        'The garden is a gift to the town, says Hilde Marsh, the museum curator.',
        '"It has taken three years of work and we are thrilled to open it at last," she says.',
        'She says volunteers Tess Orwin and Gil Banner have drawn up a rota for the summer.',
        '"Anyone who wants to help can simply turn up on a Saturday morning and ask for a spade."',
      ]),
    ).toEqual(['Hilde Marsh', 'Hilde Marsh']);
  });
});

describe('a person the reporter met', () => {
  it('"In Block 7 we met Tarek Osei. "..."" is Tarek Osei, whose name is otherwise unknown', () => {
    expect(
      speakersOf([
        '"The camps are full and the rains are coming," said aid worker Mina Lindqvist.',
        'The settlement has no clean water and little food. In Block 7 near the river we met Tarek Osei. "We are afraid of the next flood and nobody tells us where to go."',
      ]),
    ).toEqual(['Mina Lindqvist', 'Tarek Osei']);
  });
});

describe("an acronym for a country's agency", () => {
  it('"BCF" after "U.K. Border and Customs Force Marine Unit" keeps the country in the name', () => {
    expect(
      speakersOf([
        'Crews from U.K. Border and Customs Force Marine Unit, based in Dover, boarded the trawler on Monday.',
        'Before the search, BCF confirmed that the men were being "kept below deck for weeks" without pay.',
      ]),
    ).toEqual(['U.K. Border and Customs Force']);
  });
});

describe('a one-word company after a noun for a body', () => {
  it('"phone maker Vantor ... Vantor\'s plan to be "...," it said." is Vantor, not the fair', () => {
    expect(
      speakersOf([
        'Phone maker Vantor has said it is working on a folding handset.',
        'Before the Global Gadget Fair in Lisbon, Vantor announced a "voice assistant that books tables for you" for next year.',
        'The handset belongs to Vantor\'s plan to be "the best-loved maker of smart devices in Europe," it said.',
      ]),
    ).toEqual(['Vantor', 'Vantor']);
  });
});

describe('"the post" or "the statement" refers back, never forward', () => {
  it('a document that reads "..." is not the agency named only paragraphs later', () => {
    expect(
      speakersOf([
        'Teacher Omar Rasheed was jailed for a post about a minister.',
        'The post, which was shared widely before he deleted it, read: "The minister flies first class on our taxes and we walk."',
        'A spokesman said in a statement carried by the news agency Saba that the court had applied the law.',
      ]),
    ).not.toContain('Saba');
  });
});

describe('two attributions around one quote', () => {
  it('"Bram Kuiper added, "...," Lotte Veen said." gives the quote to the closing name', () => {
    expect(
      speakersOf([
        'Lotte Veen, a teacher in Zwolle, spoke first. Bram Kuiper added, "The rules are written for somebody else, not for the families who live here," Lotte Veen said.',
      ]),
    ).toEqual(['Lotte Veen']);
  });
});
