import { describe, expect, it } from 'vitest';
import {
  classifyTopic,
  type TopicDefinitionInput,
  topicDefinitionSchema,
} from '../../../functions/analysis/index.ts';

// The classifier's general rules, on small user topics so that each test shows one mechanism.

/** A user topic that one piece of evidence can match. */
const userTopic = (fields: Partial<TopicDefinitionInput>) =>
  topicDefinitionSchema.parse({
    id: 'test',
    label: 'Test',
    minEvidence: 1,
    terms: { placeholder: 1 },
    ...fields,
  });

const detentions = userTopic({
  threshold: 2,
  cooccurrence: [
    {
      label: 'activists detained',
      groups: [
        ['detain*', 'arrest*', 'beat'],
        ['activist*', 'critics'],
      ],
      weight: 2,
      target: { act: 0, person: 1 },
    },
  ],
});

const fires = (sentence: string) =>
  classifyTopic(detentions, { title: '', paragraphs: [sentence] }).evidence.length > 0;

describe("a rule's target is the act's target, not its doer", () => {
  it('the act before the person, or a passive after it, fires', () => {
    expect(fires('Police detained two activists outside the court on Monday.')).toBe(true);
    expect(fires('Two activists were detained outside the court on Monday.')).toBe(true);
    expect(fires('Two activists arrested on Monday were freed on bail.')).toBe(true);
    expect(fires('The activist detained a second time this year is a teacher.')).toBe(true);
  });

  it('a person before an active act with its own object does not', () => {
    expect(fires('The activists surrounded the clerk, detaining her for an hour.')).toBe(false);
    expect(fires('The activists detained the mayor in his office for three hours.')).toBe(false);
  });

  it('a gerund after "for", "of" or "with" is what the person did', () => {
    expect(fires('An activist was held for illegally detaining a tax inspector.')).toBe(false);
    expect(fires('Two activists accused of detaining a clerk appeared in court.')).toBe(false);
  });

  it('a state agent named in between keeps the person as the target', () => {
    expect(fires('Critics say police beat them at the station.')).toBe(true);
  });

  it('a target names two different groups of its rule', () => {
    const bad = {
      id: 'bad',
      label: 'Bad',
      cooccurrence: [{ label: 'x', groups: [['a1'], ['b1']], weight: 1, target: { act: 0, person: 2 } }],
    };
    expect(() => topicDefinitionSchema.parse(bad)).toThrow(/target/);
  });
});

describe("a concept's own negative context cancels that concept's evidence and nothing else", () => {
  const topic = userTopic({
    threshold: 3,
    concepts: [
      { id: 'crowds', label: 'Crowds', terms: { 'tear gas': 3 }, negative: { prices: 3 } },
      { id: 'jail', label: 'Jail', terms: { jailed: 3 } },
    ],
  });
  const score = (paragraphs: string[]) => classifyTopic(topic, { title: '', paragraphs });

  it('crowd control over prices is explained away', () => {
    const result = score(['Police fired tear gas at a crowd angry about bread prices.']);
    expect(result).toMatchObject({ matched: false, score: 0, concepts: [] });
    expect(result.evidence).toEqual([]);
  });

  it('at most the whole of the concept: the rest of the story keeps its score', () => {
    const result = score([
      'Police fired tear gas at a crowd angry about bread prices.',
      'A reporter who covered it was jailed.',
    ]);
    expect(result).toMatchObject({ matched: true, score: 4.5, concepts: ['jail'] });
  });

  it('a weaker mention explains away a share', () => {
    const mild = userTopic({
      threshold: 3,
      leadParagraphs: 0,
      concepts: [{ id: 'crowds', label: 'Crowds', terms: { 'tear gas': 3 }, negative: { prices: 1.5 } }],
    });
    const result = classifyTopic(mild, { title: '', paragraphs: ['Police fired tear gas.', 'Prices rose.'] });
    expect(result.score).toBe(1.5);
  });

  it('without the context the concept counts', () => {
    expect(score(['Police fired tear gas at a crowd outside parliament.'])).toMatchObject({
      matched: true,
      concepts: ['crowds'],
    });
  });
});

describe('words of context support a story and cannot make one', () => {
  const topic = userTopic({
    threshold: 3,
    minEvidence: 2,
    terms: { activist: 0.9, arrested: 0.9, detained: 0.9, banned: 2 },
  });

  it('together they add at most 2, however often they repeat', () => {
    const result = classifyTopic(topic, {
      title: 'Activist Arrested',
      paragraphs: ['The activist was arrested and detained.', 'The activist was arrested again.'],
    });
    expect(result.score).toBe(2);
    expect(result.matched).toBe(false);
  });

  it('a term of weight 1 or more is not capped', () => {
    const result = classifyTopic(topic, {
      title: '',
      paragraphs: ['The paper was banned.', 'The activist spoke.'],
    });
    expect(result.score).toBeCloseTo(2 * 1.5 + 0.9 * 1.5, 5);
    expect(result.matched).toBe(true);
  });
});

describe('a digest of unrelated briefs is as strong as its strongest brief', () => {
  const topic = userTopic({
    threshold: 4,
    minEvidence: 2,
    terms: { jailed: 2, 'prison term': 2, censored: 2, 'newspaper closed': 2 },
  });
  const briefs = (items: Array<string[] | undefined>) => ({
    title: 'World News Summary',
    paragraphs: ['Here are the day’s main stories.', ...items.flatMap((item) => item ?? [])],
  });

  const items: string[][] = [
    ['Court hands editor prison term over cartoon', 'A court gave an editor a prison term on Monday.'],
    ['Storm cuts power to thousands on the coast', 'Heavy winds cut power in three provinces.'],
    ['Singer says her song was censored by a broadcaster', 'The broadcaster censored the song.'],
    ['Central bank holds its main rate', 'The bank kept its rate at 7 percent.'],
    ['Rain delays the harvest in the north', 'Farmers said the wheat would be late.'],
  ];

  it('evidence scattered over briefs does not add up', () => {
    const asOneStory = briefs(items.map((item) => item.slice(1)));
    expect(classifyTopic(topic, asOneStory).matched).toBe(true);
    const result = classifyTopic(topic, briefs(items));
    expect(result.matched).toBe(false);
    expect(result.score).toBe(2 + 2 * 0.5);
  });

  it('a brief strong on its own still carries the digest', () => {
    const strong = [
      'Editor jailed after newspaper closed',
      'The editor was jailed for a prison term of five years after his newspaper closed.',
    ];
    expect(classifyTopic(topic, briefs([strong, ...items.slice(1)])).matched).toBe(true);
  });

  it('a digest whose briefs mostly carry the topic is scored whole', () => {
    const jailings = [items[0], ['Poet jailed over verses', 'A poet was jailed on Friday.'], items[4]];
    expect(classifyTopic(topic, briefs(jailings)).matched).toBe(true);
  });

  it('a digest whose title names the topic is scored whole', () => {
    const text = { ...briefs(items), title: 'Jailed and Censored: This Week' };
    expect(classifyTopic(topic, text).matched).toBe(true);
  });

  it('a story with one crosshead is no digest', () => {
    const result = classifyTopic(topic, {
      title: 'An Editor’s Year',
      paragraphs: [
        'The editor was given a prison term in March.',
        'What happened next',
        'His newspaper closed a month later, and two reporters were jailed.',
      ],
    });
    expect(result.matched).toBe(true);
  });
});

describe('a possessive matches its owner', () => {
  it('"the police\'s" is the police', () => {
    const topic = userTopic({ threshold: 1, terms: { police: 1 } });
    const result = classifyTopic(topic, { title: '', paragraphs: ['The police’s presence grew.'] });
    expect(result.evidence).toEqual(["police's"]);
  });
});
