import { describe, expect, it } from 'vitest';
import { analyzeArticle, type Quote } from '../../../functions/analysis/index.ts';
import type { ExtractedArticle } from '../../../functions/analysis/types.ts';

// Invented stories, each in a shape that real reporting uses and that the first analyzer got wrong.

function quotes(paragraphs: string[], extra: Partial<ExtractedArticle> = {}): Quote[] {
  return analyzeArticle({ title: 'A Story', paragraphs, captions: [], source: 'text', ...extra }).quotes;
}

function speakers(paragraphs: string[], extra: Partial<ExtractedArticle> = {}): Array<string | null> {
  return quotes(paragraphs, extra).map((q) => q.speaker);
}

describe('words between the reporting verb and the name', () => {
  it('an adjective phrase before a surname: "said a visibly tired Okafor"', () => {
    expect(
      speakers([
        'Chidi Okafor crossed the line in second place after leading for most of the race.',
        '"I gave everything I had in the last kilometer and it was not enough," said a visibly tired Okafor.',
      ]),
    ).toEqual(['Chidi Okafor']);
  });

  it('an organization and a role before the name: "said Amnesty\'s regional director Lena Maas"', () => {
    const [quote] = quotes([
      '"The detainees must be released without conditions," said Amnesty International\'s regional director Lena Maas.',
    ]);
    expect(quote?.speaker).toBe('Lena Maas');
    expect(quote?.role).toContain('regional director');
  });

  it('a relative clause after the name: "said Lena Maas, who heads ..., adding that"', () => {
    expect(
      speakers([
        '"Nobody has been charged," said Lena Maas, who heads the group\'s office in Almaty, adding that lawyers were refused access.',
      ]),
    ).toEqual(['Lena Maas']);
  });

  it('a title with a complement before the name gives the name and the role apart', () => {
    const [quote] = quotes([
      '"The prison holds three times the number it was built for," said the Inspector General of Prisons Anil Verma.',
    ]);
    expect(quote?.speaker).toBe('Anil Verma');
    expect(quote?.role).toBe('Inspector General of Prisons');
  });
});

describe('the subject of the reporting verb, not the nearest name', () => {
  it('"Pereira congratulated Osei. "...," she said." is Pereira', () => {
    expect(
      speakers([
        "Maria Pereira finished first and Ana Osei second in the women's 10,000 meters.",
        'Pereira congratulated Osei at the finish. "She pushed me all the way to the line," she said.',
      ]),
    ).toEqual(['Maria Pereira']);
  });

  it("a chief executive's quote is not given to the rival named in the same sentence", () => {
    expect(
      speakers([
        'Rafael Ortiz, the chief executive of Andes Air, dismissed a bid from Tomas Brandt, the head of Condor Jets. "We are not for sale at any price," he said.',
      ]),
    ).toEqual(['Rafael Ortiz']);
  });
});

describe('bylines and reporters are never speakers', () => {
  it('a reporter named in the byline, a credit line and "told VOA\'s" is never the speaker', () => {
    expect(
      speakers(
        [
          'By Peter Mwangi',
          'Faith Jelagat won the Lakeside Marathon on Sunday in her first race at the distance.',
          '"I did not expect to win, I only wanted to finish," Jelagat told VOA\'s Peter Mwangi.',
          '"My coach told me to wait until the last five kilometers," she said.',
          'Peter Mwangi contributed to this report.',
        ],
        { byline: 'Peter Mwangi' },
      ),
    ).toEqual(['Faith Jelagat', 'Faith Jelagat']);
  });

  it('a credit line at the end does not make its reporter an antecedent', () => {
    expect(
      speakers([
        'Amina Yusuf, a nurse at the clinic, said supplies ran out in May.',
        '"We are treating people with nothing," she said.',
        'Reporting by Clara Hoffmann; Editing by Sarah Kent',
      ]),
    ).toEqual(['Amina Yusuf']);
  });
});

describe('places, nationalities and fragments are not speakers', () => {
  it('a religious leader named by his title is not the region he leads', () => {
    expect(
      speakers([
        'The Dalai Lama, the exiled spiritual leader of Tibet, spoke to followers in Dharamsala on Sunday.',
        '"Our culture will survive if we keep our language," the Dalai Lama said.',
      ]),
    ).toEqual(['Dalai Lama']);
  });

  it('"the NGO said" is the organization the article named', () => {
    expect(
      speakers([
        'Justice Watch Africa, a Nairobi-based NGO, documented 40 cases of forced eviction.',
        '"Families were given one hour to leave their homes," the NGO said.',
      ]),
    ).toEqual(['Justice Watch Africa']);
  });

  it('an anonymous diplomat of some nationality stays unnamed', () => {
    expect(
      speakers(['"We were not consulted before the vote," a British diplomat said, asking not to be named.']),
    ).toEqual([null]);
  });

  it('a sentence fused by a missing space is split before names are read', () => {
    expect(
      speakers([
        "Omar Haddad is the country's interior minister.That ministry runs the camps.",
        '"The camps will close by the end of the year," Haddad said.',
      ]),
    ).toEqual(['Omar Haddad']);
  });

  it('a body and a day: "The Foreign Ministry on Monday said"', () => {
    expect(
      speakers([
        'The Foreign Ministry on Monday said the envoy would "not return until the matter is settled."',
      ]),
    ).toEqual(['Foreign Ministry']);
  });
});

describe('organizations keep the name the article gives them', () => {
  it('an acronym defined in parentheses speaks under the full name', () => {
    expect(
      speakers([
        'The National Drug Enforcement Agency (NDEA) said it had seized two tonnes of cocaine.',
        '"This is the largest seizure in our history," NDEA said in a statement.',
      ]),
    ).toEqual(['National Drug Enforcement Agency']);
  });

  it('a region after the organization belongs to the role, not the name', () => {
    expect(
      speakers([
        '"The trials were a sham from the start," said Mira Kanat, Human Rights Watch director for Central Asia.',
        '"Nobody was allowed a lawyer of their choosing," Human Rights Watch said in its report.',
      ]),
    ).toEqual(['Mira Kanat', 'Human Rights Watch']);
  });
});

describe('names with the family name first', () => {
  it('"Kim said" is Kim Jong-su, and so is "Jong-su"-less "Mr. Kim"', () => {
    expect(
      speakers([
        'Kim Jong-su, a defector who left the North in 2015, runs a school for young refugees in Seoul.',
        '"Most of my students have never seen their parents again," Kim said.',
        '"They ask me every week when the border will open," Mr. Kim added.',
      ]),
    ).toEqual(['Kim Jong-su', 'Kim Jong-su']);
  });

  it('a second family-name-first person keeps apart', () => {
    expect(
      speakers([
        'Ban So-ra and Park Min-ho both work at the shelter.',
        '"We have no more beds," Ban said.',
        '"We turn people away every night," Park said.',
      ]),
    ).toEqual(['Ban So-ra', 'Park Min-ho']);
  });
});

describe('attributions that the first version left null', () => {
  it('an unattributed follow-on paragraph inherits the speaker', () => {
    expect(
      speakers([
        '"The water reached the roof in less than an hour," said Jonas Petrov, a farmer in the valley.',
        '"We carried the children out on our shoulders."',
      ]),
    ).toEqual(['Jonas Petrov', 'Jonas Petrov']);
  });

  it('"he wrote on X" and "she wrote in a post on Facebook"', () => {
    expect(
      speakers([
        'Opposition leader Samuel Odhiambo and lawyer Grace Wanjiru both criticized the ruling.',
        '"Today the court chose silence over justice," Odhiambo wrote on X.',
        '"We will appeal this decision to the highest court," Wanjiru wrote in a post on Facebook.',
      ]),
    ).toEqual(['Samuel Odhiambo', 'Grace Wanjiru']);
  });

  it('"she told reporters" after the person was named', () => {
    expect(
      speakers([
        'Health Minister Ruth Achieng visited the ward on Tuesday.',
        '"Every patient here will be treated free of charge," she told reporters.',
      ]),
    ).toEqual(['Ruth Achieng']);
  });

  it('"according to a statement from" names the body', () => {
    expect(
      speakers([
        'The detainees "will be tried in accordance with the law," according to a statement from the Interior Ministry.',
      ]),
    ).toEqual(['Interior Ministry']);
  });

  it('a transcript label names the speaker', () => {
    expect(
      speakers([
        'The following is part of the interview.',
        'MARIA DELGADO: "We lost the whole harvest in one night."',
        'TOMAS REYES: "And nobody from the government has come to see it."',
        'DELGADO: "We are still waiting for the seed they promised."',
      ]),
    ).toEqual(['Maria Delgado', 'Tomas Reyes', 'Maria Delgado']);
  });

  it("a quote introduced with a colon after the speaker's sentence", () => {
    expect(
      speakers([
        'Anil Verma, who runs the district hospital, described the night of the fire:',
        '"The smoke came through the ceiling before anyone heard the alarm."',
      ]),
    ).toEqual(['Anil Verma']);
  });

  it('an anonymous speaker stays null, and the next named one is named', () => {
    expect(
      speakers([
        '"We were told to say nothing," said one guard who spoke on condition of anonymity.',
        '"The prison is safe and well run," said prison director Hamid Saleh.',
      ]),
    ).toEqual([null, 'Hamid Saleh']);
  });
});

describe('people the article describes but does not name', () => {
  it('"he said" after an anonymous resident is the resident, not the last named person', () => {
    expect(
      speakers([
        '"The court has not ruled yet," said Grace Bello, a lawyer for the families.',
        'A resident who asked not to be named because he feared arrest said police fired tear gas.',
        '"They came at dawn with bulldozers and dogs," he said.',
      ]),
    ).toEqual(['Grace Bello', null]);
  });

  it('"the man said" after "one of them ... said" stays unnamed', () => {
    expect(
      speakers([
        "Otieno Wafula, the family's lawyer, asked for an inquiry.",
        'Two men were held in the same cell. One of them, who spoke on condition of anonymity, said he heard screams.',
        '"He was calling for water and nobody came," the man said.',
      ]),
    ).toEqual([null]);
  });

  it('"her brother said" is the person whose role is her brother', () => {
    expect(
      speakers([
        'Her brother, Bahram Kazemi, said the family had not been allowed to visit.',
        'Shirin Kazemi was arrested in May. Her brother said she had lost weight in detention.',
        '"She told us not to worry about her," he said.',
      ]),
    ).toEqual(['Bahram Kazemi']);
  });

  it('"the cardinal said" is the person whose name keeps the title', () => {
    expect(
      speakers([
        'Cardinal Tomás Ferreira spoke in a homily on Sunday. Speaking to reporters after Mass, Ferreira was more direct.',
        '"Freedom of worship does not exist where a priest can be expelled for a sermon," the cardinal said.',
      ]),
    ).toEqual(['Cardinal Tomás Ferreira']);
  });

  it('"the Spaniard" is the coach the story was just about', () => {
    expect(
      speakers([
        '"This team has character," said coach Javier Calderón.',
        'The Spaniard, in his first full season, was less happy about the penalty given for a foul by Sam Hale.',
        '"If that is a penalty, we will have ten in every game," he said.',
      ]),
    ).toEqual(['Javier Calderón', 'Javier Calderón']);
  });
});

describe('whole names, however they start', () => {
  it('a given name that is also a particle or a month keeps the words before it', () => {
    expect(
      speakers([
        'Samia Ben Slimane, 52, a defense lawyer, spoke after the hearing.',
        '"The judges take their orders by telephone," Ben Slimane said.',
        'Jan de Boer is a 54-year-old fisherman from the harbor town.',
        '"My grandfather fished here," de Boer said.',
      ]),
    ).toEqual(['Samia Ben Slimane', 'Jan de Boer']);
  });

  it('a title chain before a name in commas is the role, and the name speaks', () => {
    const found = quotes([
      'The Island Times quoted the Deputy Governor of Korla Province, Khamphan Vongsa, as saying that "the land will be allocated once the survey is done."',
      'Khamphan told the newspaper some families had sold their plots. "The government cannot give land twice," he said.',
    ]);
    expect(found.map((q) => q.speaker)).toEqual(['Khamphan Vongsa', 'Khamphan Vongsa']);
    expect(found[0]?.role).toBe('Deputy Governor of Korla Province');
  });

  it('"the study\'s lead author, Rosa Quispe," is the author, not the study\'s publisher', () => {
    expect(
      speakers([
        '"We are not talking about retreat anymore," said the study\'s lead author, Rosa Quispe, a glaciologist at the Andean Ice Observatory.',
      ]),
    ).toEqual(['Rosa Quispe']);
  });
});

describe('attribution shapes of the public quote-attribution suites', () => {
  it('"In the words of X", "was how X put it" and "X\'s response:"', () => {
    expect(
      speakers([
        'Ruth Amadi, the head of the Harbor Workers Union, spoke at the rally.',
        'In the words of Amadi, "a port that cannot pay its workers cannot stay open for long."',
        '"The port pays every worker on time," was how port director Tomas Lind put it on the radio.',
        'Amadi\'s response, posted on the union website: "Then show us the payslips."',
      ]),
    ).toEqual(['Ruth Amadi', 'Tomas Lind', 'Ruth Amadi']);
  });

  it('"X shot back" is an answer', () => {
    expect(
      speakers([
        'Senator Paul Oduya asked whether the children had seen a lawyer.',
        '"Nobody is asking you to apologise, we are asking you to count," Oduya shot back.',
      ]),
    ).toEqual(['Paul Oduya']);
  });

  it('an organization, several role words, then the name', () => {
    expect(
      speakers([
        'According to Lakeside Health Service deputy regional director Akua Boateng, "the practice stopped two years ago."',
      ]),
    ).toEqual(['Akua Boateng']);
  });

  it('an appositive name with the place it comes from', () => {
    expect(
      speakers([
        'Another former detainee, Ibrahim Kone from Mali, told reporters by phone: "Some people there have waited two years to see a judge."',
      ]),
    ).toEqual(['Ibrahim Kone']);
  });

  it('a regnal number is part of a name, and "the pope" is him', () => {
    expect(
      speakers([
        'Pope Innocent XIV on Sunday appealed for the release of four aid workers.',
        '"I ask those who hold them to return them to their families," the pope said.',
      ]),
    ).toEqual(['Pope Innocent XIV']);
  });
});

describe('quotes in straight single marks, as British copy prints them', () => {
  it('finds them, split or whole, and names the speaker', () => {
    const found = quotes([
      "'We will appeal this ruling at the highest court,' said Helen Marsh, the union's lawyer.",
      "'The workers' rights are not for sale,' she said, 'and nor is their pension.'",
    ]);
    expect(found.map((q) => [q.text, q.speaker])).toEqual([
      ['We will appeal this ruling at the highest court', 'Helen Marsh'],
      ["The workers' rights are not for sale, and nor is their pension.", 'Helen Marsh'],
    ]);
  });

  it('apostrophes alone make no quote', () => {
    expect(
      quotes([
        "The workers' union said it wasn't consulted about the '90s pension rules, and rock 'n' roll fans didn't care.",
      ]),
    ).toEqual([]);
  });
});

describe('where one quote ends and the next begins', () => {
  it('"A," X said after the meeting. "B." is one quote', () => {
    expect(
      quotes([
        '"We have heard the fishermen," Lopes said after the meeting. "But the budget has limits."',
      ]).map((q) => q.text),
    ).toEqual(['We have heard the fishermen. But the budget has limits.']);
  });

  it('a nested quote at the end of the first part does not hide its comma', () => {
    expect(
      quotes([
        '"He told me, \'If they come, they will come at night,\'" Chen said. "He was right about that."',
      ]).map((q) => q.speaker),
    ).toEqual(['Chen']);
  });

  it('a list of charges in quote marks is no quote, however long', () => {
    expect(
      quotes([
        'The court sentenced the editor to seven years in prison for "disseminating knowingly false information about officials."',
        'She was convicted of "appearing in public without the legal headscarf" and of "encouraging corruption among the young."',
        'The law requires groups to register as "organisations supported from abroad by foreign money."',
      ]),
    ).toEqual([]);
  });
});

describe('organizations that look like names', () => {
  it('a body that opens with a word of organizations, or ends in a country, is no person', () => {
    expect(
      speakers([
        'The trawler is operated by Ocean Harvest Fisheries, a company based in Kaohsiung.',
        '"All wages will be paid at the end of the season," Ocean Harvest Fisheries said.',
        'Continental Rubber South Africa said on Thursday it would close its plant.',
        '"The plant is no longer sustainable in the current market," the company said.',
      ]),
    ).toEqual(['Ocean Harvest Fisheries', 'Continental Rubber South Africa']);
  });

  it('a capitalized common word between two name words belongs to the name', () => {
    expect(
      speakers(['Nghe An Provincial Police said the man had posted "many articles with false information."']),
    ).toEqual(['Nghe An Provincial Police']);
  });
});

describe('statements that a bare quote carries on', () => {
  it('a quote paragraph after "he described what he saw" is his', () => {
    expect(
      speakers([
        'Liu Wenjie worked for two years as a guard at a detention camp before leaving the country.',
        'In an interview this week he described what he saw.',
        '"Every morning the detainees had to sing for an hour before they were fed."',
      ]),
    ).toEqual(['Liu Wenjie']);
  });

  it('a name, an appositive, then the verb: the name is a person who speaks on', () => {
    expect(
      speakers([
        'Moussa Abdou, one of the journalists named, said he had moved his family to the capital.',
        '"I will not stop working, but I will not risk my children either," he said.',
      ]),
    ).toEqual(['Moussa Abdou']);
  });
});

describe('sentences fused by a missing space', () => {
  it('"Minister.That" is two sentences, and neither half is a speaker', () => {
    expect(
      quotes([
        'Officials said the order came from the Interior Minister.That ministry has not commented. "We were given no reason at all," said Rana Aziz.',
      ]).map((q) => q.speaker),
    ).toEqual(['Rana Aziz']);
  });
});
