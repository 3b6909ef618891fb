import { describe, expect, it } from 'vitest';
import {
  analyzeArticle,
  builtInTopics,
  classifyTopic,
  type ExtractedArticle,
  humanRightsTopic,
  topicDefinitionSchema,
} from '../../../functions/analysis/index.ts';
import { otherStories, rightsStories, type SampleArticle } from './sample-articles.ts';

function isRightsStory(story: SampleArticle): boolean {
  const article: ExtractedArticle = { ...story, captions: [], source: 'text' };
  return analyzeArticle(article).humanRights;
}

describe('the human-rights topic catches rights stories', () => {
  it('a detained rights lawyer is a rights story', () => {
    expect(isRightsStory(rightsStories.lawyerDetained as SampleArticle)).toBe(true);
  });

  it('villagers moved off their land for a dam without compensation is a rights story', () => {
    expect(isRightsStory(rightsStories.damVillagers as SampleArticle)).toBe(true);
  });

  it('a columnist banned from leaving the country is a rights story', () => {
    expect(isRightsStory(rightsStories.columnistBanned as SampleArticle)).toBe(true);
  });

  it('the family of a blogger interrogated by police is a rights story', () => {
    expect(isRightsStory(rightsStories.bloggerFamily as SampleArticle)).toBe(true);
  });

  it('an execution after protests is a rights story', () => {
    expect(isRightsStory(rightsStories.protesterExecuted as SampleArticle)).toBe(true);
  });

  it('barring women from universities is a rights story', () => {
    expect(isRightsStory(rightsStories.womenUniversities as SampleArticle)).toBe(true);
  });

  it('tear gas fired at protesters is a rights story', () => {
    expect(isRightsStory(rightsStories.teargasProtest as SampleArticle)).toBe(true);
  });

  it('every sample rights story matches', () => {
    const missed = Object.entries(rightsStories).filter(([, story]) => !isRightsStory(story));
    expect(missed.map(([name]) => name)).toEqual([]);
  });
});

describe('the human-rights topic catches rights stories told without the obvious words', () => {
  it('a poet told at the airport she may not leave the country', () => {
    expect(isRightsStory(rightsStories.poetExitBan as SampleArticle)).toBe(true);
  });

  it("an exiled activist's mother taken in for questioning", () => {
    expect(isRightsStory(rightsStories.activistMotherQuestioned as SampleArticle)).toBe(true);
  });

  it('a teacher sentenced over comments posted online', () => {
    expect(isRightsStory(rightsStories.teacherOnlinePosts as SampleArticle)).toBe(true);
  });

  it('foreign missionaries ordered out of the country', () => {
    expect(isRightsStory(rightsStories.missionariesOrderedOut as SampleArticle)).toBe(true);
  });

  it('asylum seekers towed back out to sea and left adrift', () => {
    expect(isRightsStory(rightsStories.migrantsTowedBack as SampleArticle)).toBe(true);
  });

  it('women told to stop working for aid groups', () => {
    expect(isRightsStory(rightsStories.womenStopWorking as SampleArticle)).toBe(true);
  });

  it('men hanged after a closed trial', () => {
    expect(isRightsStory(rightsStories.menHangedAtDawn as SampleArticle)).toBe(true);
  });

  it("farmers' fields taken to make way for a project, unpaid", () => {
    expect(isRightsStory(rightsStories.fieldsTaken as SampleArticle)).toBe(true);
  });

  it('the last independent radio station closed', () => {
    expect(isRightsStory(rightsStories.stationClosed as SampleArticle)).toBe(true);
  });

  it("a critic's books pulled from the shops", () => {
    expect(isRightsStory(rightsStories.novelsPulled as SampleArticle)).toBe(true);
  });

  it('marchers tried by a military court', () => {
    expect(isRightsStory(rightsStories.civiliansMilitaryCourt as SampleArticle)).toBe(true);
  });

  it('herders driven from their land and their huts burned', () => {
    expect(isRightsStory(rightsStories.herdersDrivenOut as SampleArticle)).toBe(true);
  });

  it('a union leader not seen since a police summons', () => {
    expect(isRightsStory(rightsStories.unionistVanished as SampleArticle)).toBe(true);
  });

  it('soldiers torching a village', () => {
    expect(isRightsStory(rightsStories.soldiersTorchedVillage as SampleArticle)).toBe(true);
  });
});

describe('the broader rights vocabulary stays quiet in look-alike stories', () => {
  it('fans kept inside a stadium after a match', () => {
    expect(isRightsStory(otherStories.stadiumLockIn as SampleArticle)).toBe(false);
  });

  it('police questioning the parents of a missing hiker', () => {
    expect(isRightsStory(otherStories.hikerParents as SampleArticle)).toBe(false);
  });

  it('a city buying farmland at a fair price for a stadium', () => {
    expect(isRightsStory(otherStories.stadiumLand as SampleArticle)).toBe(false);
  });

  it('a travel journalist filling her passport', () => {
    expect(isRightsStory(otherStories.passportRecords as SampleArticle)).toBe(false);
  });

  it('a shop closing its website after a cyberattack', () => {
    expect(isRightsStory(otherStories.shopWebsiteShut as SampleArticle)).toBe(false);
  });

  it('a missing hiker found alive', () => {
    expect(isRightsStory(otherStories.hikerFound as SampleArticle)).toBe(false);
  });

  it('a publisher "slapped with" a lawsuit', () => {
    expect(isRightsStory(otherStories.authorsLawsuit as SampleArticle)).toBe(false);
  });
});

describe('the human-rights topic avoids false alerts', () => {
  it('a film called Prisoners is not a rights story', () => {
    expect(isRightsStory(otherStories.prisonersFilm as SampleArticle)).toBe(false);
  });

  it('a chess player held at a border over a visa form is not a rights story', () => {
    expect(isRightsStory(otherStories.chessVisa as SampleArticle)).toBe(false);
  });

  it('police arresting a burglary ring is not a rights story', () => {
    expect(isRightsStory(otherStories.burglaryRing as SampleArticle)).toBe(false);
  });

  it('a coach who protests a referee is not a rights story', () => {
    expect(isRightsStory(otherStories.coachProtest as SampleArticle)).toBe(false);
  });

  it("a company's rights issue is not a rights story", () => {
    expect(isRightsStory(otherStories.rightsIssue as SampleArticle)).toBe(false);
  });

  it('an ordinary election is not a rights story', () => {
    expect(isRightsStory(otherStories.election as SampleArticle)).toBe(false);
  });

  it('no sample story about something else matches', () => {
    const alerts = Object.entries(otherStories).filter(([, story]) => isRightsStory(story));
    expect(alerts.map(([name]) => name)).toEqual([]);
  });

  it('a single strong word in an unrelated story does not trigger', () => {
    const story = {
      title: 'Exports Rise for Third Month',
      paragraphs: [
        'Exports rose 4% in March as demand for electronics recovered, the trade ministry said.',
        'Analysts expect growth to slow later in the year.',
        'The report did not address human rights concerns raised by some buyers.',
      ],
    };
    const result = classifyTopic(humanRightsTopic, story);
    expect(result.matched).toBe(false);
    expect(result.evidence).toEqual(['human rights']);
  });
});

describe('scoring in context', () => {
  it('the title and the lead weigh more than the body', () => {
    const inTitle = classifyTopic(humanRightsTopic, {
      title: 'Press Freedom Under Threat',
      paragraphs: ['A story.'],
    });
    const inBody = classifyTopic(humanRightsTopic, {
      title: 'A Story',
      paragraphs: ['One.', 'Two.', 'Press freedom is under threat.'],
    });
    expect(inTitle.score).toBeGreaterThan(inBody.score);
    expect(inTitle.details?.[0]).toEqual({ term: 'press freedom', where: 'title', weight: 6 });
  });

  it('negative contexts pull the score down without a veto', () => {
    const story = {
      title: 'Footballer Executed After Protest Trial',
      paragraphs: [
        'Iran executed a former football player convicted over last year’s protests, rights groups said, despite appeals from the league and fans.',
        'Amnesty International said his confession was obtained under torture.',
      ],
    };
    const result = classifyTopic(humanRightsTopic, story);
    expect(result.details?.some((d) => d.weight < 0)).toBe(true);
    expect(result.matched).toBe(true);
  });

  it('police and activists in one sentence add to the score', () => {
    const apart = classifyTopic(humanRightsTopic, {
      title: 'x',
      paragraphs: ['Police were present.', 'Activists gathered.'],
    });
    const together = classifyTopic(humanRightsTopic, {
      title: 'x',
      paragraphs: ['Police detained the activists.'],
    });
    expect(together.score).toBeGreaterThan(apart.score);
    expect(together.evidence).toContain('detained + activists');
  });

  it('"told reporters" is not about reporters', () => {
    const result = classifyTopic(humanRightsTopic, {
      title: 'x',
      paragraphs: ['Police arrested three men and told reporters the case was closed.'],
    });
    expect(result.evidence.some((e) => e.includes('reporters'))).toBe(false);
  });
});

describe('evidence is counted by distinct terms and rules', () => {
  const topic = topicDefinitionSchema.parse({
    id: 'evictions',
    label: 'Evictions',
    threshold: 3,
    minEvidence: 2,
    terms: { 'without notice': 1 },
    cooccurrence: [
      { label: 'homes torn down', groups: [['@state-actors'], ['bulldozed'], ['homes']], weight: 3 },
    ],
  });

  it('one rule is one piece of evidence, however strong and however often it fires', () => {
    const result = classifyTopic(topic, {
      title: 'Police Bulldozed Homes',
      paragraphs: ['Police bulldozed homes on Monday.', 'Police bulldozed more homes on Tuesday.'],
    });
    expect(result.score).toBeGreaterThan(3);
    expect(result.matched).toBe(false);
  });

  it('a rule and a distinct term are two', () => {
    const result = classifyTopic(topic, {
      title: 'Police Bulldozed Homes',
      paragraphs: ['Police bulldozed homes without notice on Monday.'],
    });
    expect(result.matched).toBe(true);
  });

  it('a score stays finite at the largest weights the schema allows', () => {
    const heavy = topicDefinitionSchema.parse({
      id: 'heavy',
      label: 'Heavy',
      titleMultiplier: 10,
      leadMultiplier: 10,
      terms: { protest: 100 },
      negative: { match: 100 },
    });
    const result = classifyTopic(heavy, { title: 'Protest Protest', paragraphs: ['Protest at the match.'] });
    expect(Number.isFinite(result.score)).toBe(true);
  });

  it('the rights topic says which concepts matched', () => {
    const result = classifyTopic(humanRightsTopic, {
      title: 'Bulldozers Flatten Waterfront Homes',
      paragraphs: [
        'Police and city officials bulldozed hundreds of homes on the waterfront on Monday, and residents said they had been given two days to leave.',
        'Families said they had received no compensation.',
      ],
    });
    expect(result.matched).toBe(true);
    expect(result.concepts?.[0]).toBe('evictions');
  });
});

describe('negative contexts pull down, never veto', () => {
  const rights = {
    title: 'Journalist Freed After Two Years in Jail',
    paragraphs: [
      'A court freed a journalist who had spent two years in jail over his reporting on corruption, his lawyer said.',
      'Police had detained him at his home in a dawn raid, and he was held without charge for months.',
    ],
  };
  const mentions: Array<[context: string, sentence: string]> = [
    ['an award', 'He is to receive a press prize at an awards ceremony next month.'],
    ['a summit', 'His case was raised at a regional summit, where leaders signed a trade agreement.'],
    ['a flood', 'Floods and a cyclone hit the region the week he was freed.'],
    ['an exhibition', 'A museum exhibition of his photographs opens in June.'],
  ];
  for (const [context, sentence] of mentions) {
    it(`a rights story that mentions ${context} still matches, with less score`, () => {
      const plain = classifyTopic(humanRightsTopic, rights);
      const mixed = classifyTopic(humanRightsTopic, {
        ...rights,
        paragraphs: [...rights.paragraphs, sentence],
      });
      expect(mixed.score).toBeLessThan(plain.score);
      expect(mixed.matched).toBe(true);
    });
  }

  const lookAlikes: Record<string, { title: string; paragraphs: string[] }> = {
    'a fire in a refugee camp': {
      title: 'Fire Destroys Hundreds of Shelters in Refugee Camp',
      paragraphs: [
        'A fire swept through a camp for refugees who fled an army crackdown years ago, destroying hundreds of shelters, officials said.',
        'Firefighters brought the blaze under control after three hours, and the cause of the fire is being investigated.',
        'Aid groups handed out tents and food to families who lost their homes.',
      ],
    },
    'an award to a newsroom': {
      title: 'Newsroom Wins Prize for Water Investigation',
      paragraphs: [
        'A regional newsroom won the top prize at the national journalism awards for an investigation into contaminated water, the jury said.',
        'The judges praised reporting that led to repairs at three treatment plants.',
        'The winners received a trophy at an awards ceremony in the capital.',
      ],
    },
    'a summit communique': {
      title: 'Leaders End Summit With Pledge on Trade and Power Grid',
      paragraphs: [
        'Regional heads of state ended a two-day summit with a communique pledging to link their power grids and cut trade barriers.',
        'The final declaration also mentioned human rights and the rule of law in a single line.',
        'Leaders agreed to meet again next year.',
      ],
    },
    'a cholera outbreak among the displaced': {
      title: 'Cholera Cases Climb in Camps for the Displaced',
      paragraphs: [
        'Confirmed cases of cholera rose to 400 in camps for people displaced by fighting, the health ministry said.',
        'Health workers opened two treatment centers, and a vaccination campaign begins next week.',
      ],
    },
    'a timestamped roundup with one rights item': {
      title: 'Latest Developments in the Conflict: May 4',
      paragraphs: [
        'The latest developments in the conflict. All times EST.',
        '9:10 p.m.: Officials said power was restored in the capital after overnight strikes.',
        '8:02 p.m.: A rights group said two journalists were detained at a checkpoint in the east.',
        '7:15 p.m.: Finance ministers agreed on a new aid package worth $2 billion.',
      ],
    },
    'an exhibition about a crackdown': {
      title: 'Museum Opens Exhibition of Protest Photographs',
      paragraphs: [
        'A museum opened an exhibition of photographs from the protests of 1988, when troops cracked down on student marchers.',
        'The curator said visitors could see the original prints on display until September.',
        'The gallery is open every day except Monday.',
      ],
    },
  };
  for (const [name, story] of Object.entries(lookAlikes)) {
    it(`${name} is not a rights story`, () => {
      expect(classifyTopic(humanRightsTopic, story).matched).toBe(false);
    });
  }
});

describe('topics are data', () => {
  it('the built-in topics pass their own schema', () => {
    for (const topic of builtInTopics) expect(topicDefinitionSchema.parse(topic)).toEqual(topic);
    expect(humanRightsTopic.concepts.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'expression',
        'religion',
        'womens-rights',
        'dissent',
        'evictions',
        'forced-labour',
      ]),
    );
    expect(builtInTopics.map((t) => t.id)).toContain('human-rights');
  });

  it('a user topic from a config file classifies with defaults filled in', () => {
    const topic = topicDefinitionSchema.parse({
      id: 'press-freedom',
      label: 'Press freedom',
      threshold: 3,
      terms: { 'press freedom': 3, 'journalist*': 1 },
      negative: { 'press conference': 2 },
    });
    expect(topic.titleMultiplier).toBe(2);
    const article: ExtractedArticle = {
      title: 'Journalists Jailed as Press Freedom Declines',
      paragraphs: ['Two journalists were jailed on Monday.'],
      captions: [],
      source: 'text',
    };
    const analysis = analyzeArticle(article, [topic]);
    expect(analysis.topics).toHaveLength(1);
    expect(analysis.topics[0]).toMatchObject({ id: 'press-freedom', matched: true });
    expect(analysis.humanRights).toBe(false);
  });

  it('the schema names every bad key', () => {
    const result = topicDefinitionSchema.safeParse({
      id: 'Bad Id',
      label: '',
      terms: { 'x*y': 1 },
      cooccurrence: [{ label: 'r', groups: [['@missing'], ['b']], weight: 1 }],
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['id', 'label', 'terms.x*y']));
  });
});
