import { describe, expect, it } from 'vitest';
import { speakersOf } from './paragraph-quotes.ts';

// Invented stories: who "it", "he" and "the statement" mean, and which capitalized words are places.

describe('the speaker of a sentence that ends in its attribution', () => {
  it('"..., the ministry said. It said ..." is the ministry, not a place named after "It"', () => {
    expect(
      speakersOf([
        "Jordan's Justice Ministry announced three executions on Sunday.",
        'Tomas Adler, 38, was put to death in Port Salim, the ministry said in a statement carried by the official Merovian News Agency. It said he had been caught at Port Salim International Airport with "a large quantity of pills" in his luggage.',
        '"The state will fight drugs of every kind," the statement said.',
      ]),
    ).toEqual(['Justice Ministry', 'Justice Ministry']);
  });

  it('"..., said the family had been ..." does not make the family the speaker of the sentence', () => {
    expect(
      speakersOf([
        'Neighbors described Leila as quiet. A cousin, who asked not to be named, said the family had been "laughed at in the market" since the wedding.',
        '"Her father could not face the men at the tea shop," the cousin said.',
      ]),
    ).toEqual([null, null]);
  });
});

describe('a closing attribution that names its speaker', () => {
  it('"..., said Minister Rahim Osman." makes him the "he" of the next quote, not the subject of the clause', () => {
    expect(
      speakersOf([
        'Trawler captain Ali Bakr must pay the fine, said Fisheries Minister Rahim Osman.',
        '"The ban has done its work," he said.',
      ]),
    ).toEqual(['Rahim Osman']);
  });
});

describe('people described together are never "he" or "she"', () => {
  it('"Residents said ..." between a named man and "he said" leaves the quote his', () => {
    expect(
      speakersOf([
        'Samir Haddad, who chairs the district council, toured the Kesra quarter on Tuesday. Residents said the water had been cut for nine days.',
        '"The pipes are older than I am," he said.',
      ]),
    ).toEqual(['Samir Haddad']);
  });
});

describe('a person the article names only once, in passing', () => {
  it('"a vendor who gave his name only as Joseph"', () => {
    expect(
      speakersOf([
        '"They kept hitting him when he was already on the ground," said a vendor who gave his name only as Joseph.',
      ]),
    ).toEqual(['Joseph']);
  });
});

describe('places are not people', () => {
  it('one word after "in", however its appositive reads, is a place', () => {
    expect(
      speakersOf([
        'She has gone to the police station in Ndara, the district capital, every week since May.',
        '"Every door says, go and ask at the next door," she told VOA.',
      ]),
    ).toEqual([null]);
  });

  it('"the border state where ..." is no role, so the place is no person', () => {
    expect(
      speakersOf([
        'Kestrava, the border state where the town lies, has the most missing people.',
        '"People tell me it has been more than a year," she said.',
      ]),
    ).toEqual([null]);
  });
});

describe('names inside titles and organizations', () => {
  it('a title with a complement, then the name: "Commissioner for Water Resources Grace Obi"', () => {
    expect(
      speakersOf([
        'Benue State Commissioner for Water Resources Grace Obi said residents had been warned.',
        '"We warned people along the river for two weeks," Obi said.',
      ]),
    ).toEqual(['Grace Obi']);
  });

  it('a complement listed with commas: "the Department of Parks, Wildlife and Plant Conservation"', () => {
    expect(
      speakersOf([
        '"We will send the tortoises home," the Department of National Parks, Wildlife and Plant Conservation said.',
      ]),
    ).toEqual(['Department of National Parks, Wildlife and Plant Conservation']);
  });

  it('a possessive country before a name joined by "and"', () => {
    expect(
      speakersOf([
        "After the articles ran, Ghana's Community Water and Sanitation Agency sealed the wells.",
        '"All fourteen wells have been sealed," the agency said.',
      ]),
    ).toEqual(['Community Water and Sanitation Agency']);
  });
});

describe('the subject of the reporting verb, not of what it reports', () => {
  it('"The paper said officials had "..."" is the paper', () => {
    expect(
      speakersOf([
        'The Daily Courier reported that the governor had ordered an inquiry.',
        'The paper said officials had "lost control of the situation weeks ago."',
      ]),
    ).toEqual(['Daily Courier']);
  });

  it('"the authority said it had "..."" is the authority', () => {
    expect(
      speakersOf([
        'The Independent Police Review Authority, which looks into complaints against officers, opened an inquiry.',
        'In a statement, the authority said it had "sealed the cell and its records" on Sunday.',
      ]),
    ).toEqual(['Independent Police Review Authority']);
  });
});
