import { describe, expect, it } from 'vitest';
import { classifyTopic, humanRightsTopic } from '../../../functions/analysis/index.ts';

// Made-up stories, each a rights story told without the textbook words, paired with a look-alike that
// shares its vocabulary but has no rights angle (ordinary crime, sports, markets, disasters, contracts).
interface Case {
  title: string;
  paragraphs: string[];
}

const classify = (story: Case) => classifyTopic(humanRightsTopic, story);

/** rule → [rights story, look-alike] */
const pairs: Record<string, [Case, Case]> = {
  'the state punishing a sermon': [
    {
      title: 'Imam Questioned Over Friday Sermon',
      paragraphs: [
        'Police in the capital summoned an imam for questioning after a Friday sermon in which he criticized rising food prices, his congregation said.',
        'He was released after six hours but told not to preach again until further notice.',
      ],
    },
    {
      title: 'Fire Damages Historic Church',
      paragraphs: [
        'A fire damaged the roof of a historic church on Sunday, and officials said the building would be closed for repairs.',
        'Police said no one was hurt.',
      ],
    },
  ],
  'a court punishing songs': [
    {
      title: 'Rapper Gets Prison Term for Songs',
      paragraphs: [
        "A court sentenced a popular rapper to four years in prison on Tuesday over songs that mocked the country's leaders.",
        'His label said the lyrics were satire.',
        'Police had detained two of his producers in a raid on the studio last month.',
      ],
    },
    {
      title: 'Former Mayor Jailed for Bribery',
      paragraphs: [
        'A court sentenced a former mayor to six years in prison for taking bribes from construction companies, prosecutors said.',
        'His lawyer said he would appeal.',
      ],
    },
  ],
  'a fine for a post': [
    {
      title: 'Blogger Fined for Post on Corruption',
      paragraphs: [
        "Prosecutors fined a blogger the equivalent of a year's salary over a Facebook post about corruption in the regional government.",
        'He said he would not delete the post.',
      ],
    },
    {
      title: 'Regulator Fines Bank Over Misleading Ads',
      paragraphs: [
        'The financial regulator fined a national bank $4 million over social media advertisements that misled customers about interest rates, officials said.',
        'The bank said it had changed its marketing.',
      ],
    },
  ],
  'strike leaders jailed': [
    {
      title: 'Miners Who Led Strike Sentenced',
      paragraphs: [
        'A regional court jailed five miners who organized a strike over unpaid wages, accusing them of disrupting public order.',
        'Their families said the men were held for months before the trial.',
      ],
    },
    {
      title: 'Union Reaches Wage Deal',
      paragraphs: [
        'The transport union reached a wage deal with the city on Friday, ending a two-day strike that halted buses.',
        'Officials said service would resume on Monday.',
      ],
    },
  ],
  'a raid on a gay party': [
    {
      title: 'Police Raid Private Party',
      paragraphs: [
        'Police raided a private party in the city and detained 40 men they accused of homosexuality, local media reported.',
        'The men were released on bail after three days.',
      ],
    },
    {
      title: 'Police Seize Cocaine at Port',
      paragraphs: [
        'Customs officers seized two tons of cocaine hidden in banana boxes and arrested three men, prosecutors said.',
        'The drugs were bound for Europe.',
      ],
    },
  ],
  'a church sealed and its pastor fined': [
    {
      title: 'Officials Seal Church Building',
      paragraphs: [
        'Local authorities sealed a Protestant church and fined its pastor for holding unregistered prayer meetings, members of the congregation said.',
        'The pastor said worshippers would meet in homes.',
      ],
    },
    {
      title: 'Televangelist Charged With Tax Evasion',
      paragraphs: [
        'Prosecutors charged a televangelist with tax evasion after he failed to report donations from his church, officials said.',
      ],
    },
  ],
  'a correspondent expelled over her reporting': [
    {
      title: 'Foreign Correspondent Expelled',
      paragraphs: [
        'The foreign ministry revoked the accreditation of a foreign correspondent and ordered her to leave the country within a week over her reporting on the border conflict.',
        'Her newspaper said it stood by her work.',
      ],
    },
    {
      title: 'New Visa Rules Take Effect',
      paragraphs: [
        'New rules for skilled-worker visas took effect Monday, and officials said applicants would be processed faster.',
        'Employers welcomed the change.',
      ],
    },
  ],
  'a critic who may not leave the country': [
    {
      title: 'Commentator Stopped at Airport',
      paragraphs: [
        'A television commentator who criticized the president on air was stopped at the airport and told by border guards that she could not leave the country.',
        'She said no court had told her why.',
      ],
    },
    {
      title: 'Striker Suspended Over Comments',
      paragraphs: [
        "The league suspended a striker for three matches over comments he made about a referee after Sunday's game.",
        'The club said it would not appeal.',
      ],
    },
  ],
  'an NGO liquidated by a court': [
    {
      title: 'Court Orders Closure of Election Monitor',
      paragraphs: [
        "The Supreme Court ordered the liquidation of the country's oldest election monitoring NGO, which had documented fraud in past votes.",
        'The group said it would appeal.',
      ],
    },
    {
      title: 'President Dissolves Parliament',
      paragraphs: [
        'The president dissolved parliament on Monday and called an early election for June, officials said.',
      ],
    },
  ],
  'held without trial or lawyers': [
    {
      title: 'Hundreds Held Without Trial',
      paragraphs: [
        "More than 500 people detained after last year's protests remain in prison without trial, and many have had no access to lawyers, a report said.",
        'The government says the detainees are terrorists.',
      ],
    },
    {
      title: 'Trade Ministers Meet Behind Closed Doors',
      paragraphs: [
        'Trade ministers held talks behind closed doors on Tuesday with no explanation for the delay of the summit.',
        'A statement is expected Wednesday.',
      ],
    },
  ],
  'children held with adults and denied visits': [
    {
      title: 'Children Held in Adult Jails',
      paragraphs: [
        'Boys as young as 14 arrested after the unrest are being held with adult prisoners and denied family visits, a lawyer said.',
        'Prison authorities did not comment.',
      ],
    },
    {
      title: 'Coastal Prison to Become a Museum',
      paragraphs: [
        'A prison that once held 2,000 inmates will reopen next year as a museum, the culture ministry said, with tours of the old cells.',
        'Family visits to the island will be run by a ferry company.',
      ],
    },
  ],
  'market stalls demolished without compensation': [
    {
      title: 'Market Traders Lose Stalls',
      paragraphs: [
        'Municipal officers demolished more than 300 market stalls overnight without notice, leaving traders with no compensation and nowhere to sell.',
        'The city said the market was illegal.',
      ],
    },
    {
      title: 'Flood Leaves Thousands Homeless',
      paragraphs: [
        'Floods destroyed thousands of homes in the delta, and officials said many families had received no compensation yet.',
        'Aid groups are distributing tents.',
      ],
    },
  ],
  'a student picked up by men in plain clothes': [
    {
      title: 'Student Missing After Being Picked Up',
      paragraphs: [
        'A student leader has been missing for two weeks since he was picked up by men in plain clothes outside his dormitory, his father said.',
        'Police deny holding him.',
      ],
    },
    {
      title: 'Man Charged in Disappearance of Woman',
      paragraphs: [
        'Police arrested a man in connection with the disappearance of a missing woman whose car was found near a lake, officials said.',
        'Prosecutors charged him with murder.',
      ],
    },
  ],
  'a decree restricting women': [
    {
      title: 'Taliban Close Beauty Salons',
      paragraphs: [
        "The Taliban have ordered beauty salons across Afghanistan to close, in a decree that further restricts women's work.",
        'Thousands of women run or work in salons.',
        'Women have already been barred from secondary schools and universities.',
      ],
    },
    {
      title: "Women's Team Banned From Tournament",
      paragraphs: [
        "The federation banned the women's national team from the regional tournament after it fielded an ineligible player, officials said.",
      ],
    },
  ],
  'a woman sentenced to lashes over her headscarf': [
    {
      title: 'Woman Sentenced Over Headscarf',
      paragraphs: [
        'A court sentenced a young woman to 74 lashes for appearing in public without a headscarf, her lawyer said.',
        'The judiciary said the sentence was in line with the law.',
      ],
    },
    {
      title: 'City Bans Fireworks at New Year Concert',
      paragraphs: [
        'City officials banned fireworks at the New Year concert after complaints from residents about noise.',
        'Organizers said the show would go ahead with lights.',
      ],
    },
  ],
  'polling places closed in minority neighborhoods': [
    {
      title: 'Suit Targets Closing of Polling Sites',
      paragraphs: [
        'Civil rights lawyers sued the state on Monday, saying the closing of polling places in Black neighborhoods left thousands of voters with no place to vote.',
        'The state said the sites were closed to save money.',
      ],
    },
    {
      title: 'Latino Voters Could Decide Close Race',
      paragraphs: [
        'Latino voters could decide a close race for governor, and both campaigns have opened offices in the valley.',
        'Polling shows the candidates tied.',
      ],
    },
  ],
  'a teacher punished for her mother tongue': [
    {
      title: 'Teacher Fired for Lessons in Kurdish',
      paragraphs: [
        'A primary school teacher was fired for teaching children songs in Kurdish, the teachers union said.',
        'Education officials said she broke rules on the language of instruction.',
      ],
    },
    {
      title: 'Officers Fired After Chase',
      paragraphs: [
        'Two police officers were fired after a high-speed chase that injured a pedestrian, the city said.',
      ],
    },
  ],
  'homes and a mosque bulldozed by the authorities': [
    {
      title: 'Bulldozers Flatten Homes After Clashes',
      paragraphs: [
        'Municipal authorities bulldozed dozens of homes and a mosque in the neighborhood days after clashes, saying the buildings were illegal.',
        'Residents said they were given no notice.',
      ],
    },
    {
      title: 'Highway Expansion Approved',
      paragraphs: [
        'Officials approved a highway expansion that will require demolishing 12 shops, whose owners will be paid market value.',
      ],
    },
  ],
  "an employer keeping foreign workers' passports": [
    {
      title: 'Farm Hands Say Owner Holds Their Passports',
      paragraphs: [
        'Dozens of seasonal farm hands from abroad say the owner of a fruit farm has kept their passports since they arrived, so they cannot change jobs or go home.',
        'The owner did not reply to questions.',
      ],
    },
    {
      title: 'Traveler Forgets Passport, Misses Flight',
      paragraphs: [
        "A traveler left his passport in a taxi on the way to the airport and missed his flight to a cousin's wedding.",
        'The taxi driver returned it the next day.',
      ],
    },
  ],
  'children locked up with adults': [
    {
      title: 'Boys Held in Adult Cells at Border Post, Monitors Find',
      paragraphs: [
        'Teenagers caught crossing the border are held for weeks in the same cells as grown men, an independent monitor said in a report.',
        'The interior ministry said the boys are moved as soon as shelters have room.',
      ],
    },
    {
      title: 'School Choir Wins Regional Festival',
      paragraphs: [
        'Children from a village school held the audience spellbound at the regional music festival on Saturday.',
        'The choir will sing at the national final in June.',
      ],
    },
  ],
  'prisoners cut off from their families': [
    {
      title: 'Prisoners Refuse Food Over Ban on Visits',
      paragraphs: [
        'Hundreds of prisoners at a jail outside the capital refused food for a second week after the authorities stopped family visits, relatives said.',
        'Officials said the change was temporary.',
      ],
    },
    {
      title: 'Prison Museum Opens to Visitors',
      paragraphs: [
        'A former island prison opened as a museum on Friday, and the first visitors toured the old cell blocks.',
        'Tickets sold out for the first month, the museum said.',
      ],
    },
  ],
  'a regulator taking a radio station off air': [
    {
      title: 'Community Radio Ordered Off Air Over Phone-In Show',
      paragraphs: [
        'The broadcasting regulator suspended a community radio station for two months after listeners on a phone-in show criticized the governor.',
        'The station said it would appeal.',
      ],
    },
    {
      title: 'Radio Host Retires After 40 Years',
      paragraphs: [
        'A beloved morning radio host signed off for the last time on Friday after four decades on air.',
        'Listeners called in to thank him.',
      ],
    },
  ],
  'a teacher questioned by police over a remark': [
    {
      title: 'Lecturer Questioned by Police Over Remark About Governor',
      paragraphs: [
        'A university lecturer was questioned by police for five hours after a remark about the governor in a lecture was posted online.',
        'She was released without charge.',
        'Officers had also searched the home of a student who shared the video.',
      ],
    },
    {
      title: 'Coach Fined for Remark About Referee',
      paragraphs: [
        "The league fined a football coach for a remark about the referee after Sunday's match.",
        'The coach apologized to the fans.',
      ],
    },
  ],
  'job seekers lured across a border and forced to run scams': [
    {
      title: 'Workers Freed From Border Scam Hub Describe Beatings',
      paragraphs: [
        'Forty workers who answered online job offers for hotel work said they were taken across the border and forced to run online fraud schemes for 16 hours a day.',
        'Those who missed their targets were beaten and given electric shocks, two of them said after returning home on Saturday.',
      ],
    },
    {
      title: 'Police Break Up Ring That Tricked Pensioners',
      paragraphs: [
        'Police arrested six people accused of tricking pensioners into paying for fake prize draws, prosecutors said.',
        'The group made more than $300,000 from the fraud, officials said.',
      ],
    },
  ],
  'a sister killed to restore family honour': [
    {
      title: 'Man Held After Sister Is Shot Over Marriage Choice',
      paragraphs: [
        "Police arrested a man on Sunday accused of shooting his sister dead because she married without the family's consent, saying he had acted to restore the family's honor.",
        'Activists say hundreds of women are killed by relatives each year.',
      ],
    },
    {
      title: 'City Honors Firefighter Killed in Warehouse Blaze',
      paragraphs: [
        'The family of a firefighter killed in a warehouse blaze last month accepted a medal in his honor at a ceremony on Friday.',
        'His brother thanked the crews who tried to reach him.',
      ],
    },
  ],
  'an opposition leader confined to his house': [
    {
      title: 'Opposition Leader Confined to Home as Vote Nears',
      paragraphs: [
        'Security forces have surrounded the house of the main opposition leader and are not letting him leave, his aides said on Tuesday.',
        'Visitors, including his lawyers, have been turned away at the gate for a week.',
      ],
    },
    {
      title: 'Singer Rests at Home After Surgery',
      paragraphs: [
        'A popular singer is resting at his house after knee surgery, and security guards asked fans gathered outside to leave, his manager said.',
        'His concert tour will resume in March.',
      ],
    },
  ],
  'a judge suspended after acquitting opposition figures': [
    {
      title: 'Judge Suspended Days After Acquitting Opposition Leaders',
      paragraphs: [
        'The judicial council suspended a judge on Tuesday, days after she acquitted three opposition leaders of plotting against the state, her lawyers said.',
        'Two other judges who ruled against the government last year were transferred to remote provinces.',
        'A magistrates’ association said the independence of judges was being dismantled case by case.',
      ],
    },
    {
      title: 'Judge Suspended in Bribery Inquiry',
      paragraphs: [
        'A judge was suspended after investigators said he took bribes to change a ruling in a land case, the judicial council said.',
        'Prosecutors charged him with corruption on Friday.',
      ],
    },
  ],
  'reporters threatened and told to stop reporting': [
    {
      title: 'Leaflets Threaten Reporters in Border Town',
      paragraphs: [
        'Leaflets posted overnight named five local reporters and warned them to stop reporting on the army, residents said.',
        'One of the reporters said she had moved her children to a relative’s house.',
      ],
    },
    {
      title: 'Club Tells Players to Stop Posting Before Final',
      paragraphs: [
        'The club told its players to stop posting on social media before Saturday’s cup final, the coach said.',
        'Fans will be able to watch the match on big screens in the city center.',
      ],
    },
  ],
  'a vigil broken up, and its organizers held (beside crowd control over a fare rise)': [
    {
      title: 'Police Break Up Vigil for Jailed Students',
      paragraphs: [
        'Riot police fired tear gas and water cannon on Saturday to break up a candlelit vigil for students jailed over campus protests.',
        'Officers detained three of the organizers, who were still held on Monday, their families said.',
      ],
    },
    {
      title: 'Police Disperse Protest Over Bus Fare Increase',
      paragraphs: [
        'Police used tear gas and water cannon to disperse hundreds of commuters protesting a bus fare increase in the capital on Tuesday, after they blocked a main road.',
        'Officers detained a dozen of the commuters and drove them to the central police station.',
        'Officials said the fare hike would pay for new buses and that prices had not risen in six years.',
      ],
    },
  ],
  'activists detained (beside activists who detained an official)': [
    {
      title: 'Police Detain Activists Who Opposed Dam',
      paragraphs: [
        'Police detained four activists who had campaigned against a dam on the river, and their lawyer said they were held without charge.',
        'The activists had gathered signatures for a petition to the governor.',
      ],
    },
    {
      title: 'Activist Held for Detaining Official',
      paragraphs: [
        'Police arrested a local activist on Thursday for illegally detaining a district official in her office during a dispute over a road project.',
        'The activists surrounded the official, detaining her for two hours, and let her go when officers arrived.',
        'A case was registered against the activist and six others, an officer said.',
      ],
    },
  ],
  'an eviction told by one resident (beside a tenant evicted for unpaid rent)': [
    {
      title: 'Eviction Stand-Off: Residents Block Road as Police Gather',
      paragraphs: [
        '"We will not let our homes be taken away. We have lived here for forty years and we will stand in front of the bulldozers if we must," a woman at the barricade told reporters.',
      ],
    },
    {
      title: 'Tenant Evicted Over Unpaid Rent',
      paragraphs: [
        'A court ordered a shop tenant evicted over eight months of unpaid rent, and his landlord said he had been given several warnings.',
      ],
    },
  ],
  'caste discrimination (beside caste in an election campaign)': [
    {
      title: 'Lawmakers Debate a Ban on Caste Discrimination',
      paragraphs: [
        'Campaigners say caste-based discrimination in hiring and housing goes unpunished, and urged lawmakers to outlaw it.',
        'The minister said she was not convinced a new law was needed.',
      ],
    },
    {
      title: 'Parties Court Voters Across Caste Lines',
      paragraphs: [
        'Both parties picked candidates from every major caste in the state, hoping to win rural votes in next month’s election.',
      ],
    },
  ],
  'women freed from a trafficking ring (beside a wildlife-trafficking seizure)': [
    {
      title: 'Police Free Nine Women Held by Trafficking Ring',
      paragraphs: [
        'Police said seven women whom a gang had sexually exploited and held against their will in a flat above a garage were freed on Thursday after a tip from a delivery driver.',
        'Immigration officers are interviewing the women, officials said.',
      ],
    },
    {
      title: 'Customs Officers Seize Smuggled Parrots',
      paragraphs: [
        'Customs officers rescued 40 parrots from a wildlife trafficking ring at the port and detained two men, officials said.',
        'The birds will be returned to the forest reserve.',
      ],
    },
  ],
  'a housemaid whose employer kept her passport (beside a firm that withheld a bonus)': [
    {
      title: 'Housemaid Home After Two Years Without Pay',
      paragraphs: [
        'A housemaid who came home last week said her employer took her passport on the day she arrived, locked the front door whenever the family went out and never paid her.',
        'She has filed a complaint with the labor ministry.',
        'Migrant groups say sponsorship rules bind thousands of domestic workers to one employer, who can keep them from changing jobs.',
      ],
    },
    {
      title: 'Union Disputes Bonus Decision',
      paragraphs: [
        'The employer never paid the annual bonus because an audit found errors in the accounts, a spokesman said.',
        'The union said it would take the case to the labor court.',
      ],
    },
  ],
  'the displaced fenced into a camp (beside a fire in a refugee camp)': [
    {
      title: 'Four Years Behind the Fence',
      paragraphs: [
        'Families who fled an army offensive four years ago still live in a fenced camp they are not allowed to leave, and their food rations were cut again this month.',
        '"We cannot work and we cannot go home," said a father of five.',
        'Aid groups say the camp’s 40,000 residents depend on rations that have been halved since January.',
      ],
    },
    {
      title: 'Fire Destroys Shelters in Refugee Camp',
      paragraphs: [
        'A fire destroyed more than 200 shelters in a refugee camp on Sunday, leaving about 1,000 people without a roof, officials said.',
        'Firefighters brought the blaze under control after three hours, and aid groups handed out tents.',
      ],
    },
  ],
  'a digest of press-freedom briefs (beside a news summary with one execution brief)': [
    {
      title: 'Press Watch',
      paragraphs: [
        'Editor detained over corruption series',
        'Police detained the editor of a weekly newspaper after it published a series on corruption in the port authority.',
        'Radio host jailed for a call-in show',
        'A court jailed a radio host for two years over a call-in show in which listeners criticized the governor.',
        'Reporter beaten while covering a rally',
        'A reporter was beaten by police while covering an opposition rally, her editor said.',
      ],
    },
    {
      title: 'World News in Brief',
      paragraphs: [
        'Man hanged for a murder in the capital',
        'A man convicted of murdering a shopkeeper was hanged at the central prison on Tuesday, officials said.',
        'Flooding closes roads in the south',
        'Heavy rain closed roads across four provinces and cut power to thousands of homes.',
        'Carmaker recalls vans over brakes',
        'A carmaker recalled 40,000 vans after finding a fault in their brakes.',
        'Orchestra opens its season',
        'The national orchestra opened its season with a sold-out concert.',
      ],
    },
  ],
};

describe('rights stories told in unusual phrasing, and their look-alikes', () => {
  for (const [name, [rights, lookAlike]] of Object.entries(pairs)) {
    it(`${name}: the rights story matches`, () => {
      expect(classify(rights).matched).toBe(true);
    });
    it(`${name}: the look-alike does not`, () => {
      expect(classify(lookAlike).matched).toBe(false);
    });
  }
});

describe('the new co-occurrence rules fire on the right words, in one sentence', () => {
  const evidence = (sentence: string) => classify({ title: 'x', paragraphs: [sentence] }).evidence;

  it('a state actor, a coercive act and a protected activity', () => {
    expect(evidence('Police detained a pastor after his sermon on Sunday.')).toContain(
      'police + detained + sermon',
    );
  });

  it('not when the three are split over sentences', () => {
    const result = classify({
      title: 'x',
      paragraphs: ['Police detained two men on Sunday.', 'A sermon was given at the church.'],
    });
    expect(result.evidence.some((e) => e.includes('sermon'))).toBe(false);
  });

  it('a deprivation while held', () => {
    expect(evidence('The men have been held in custody for a year without a lawyer.')).toContain(
      'without a lawyer + held in custody',
    );
  });

  it('no deprivation rule for a meeting held behind closed doors', () => {
    expect(evidence('The talks were held behind closed doors.')).toEqual([]);
  });

  it('taken by security agents', () => {
    expect(evidence('He was taken away by security agents on his way home.')).toContain(
      'taken away + security agents',
    );
  });

  it('rescuers picking up a missing hiker is not a disappearance', () => {
    expect(evidence('Rescuers picked up the missing hiker by helicopter.')).toEqual([]);
  });

  it('racial discrimination by a state actor', () => {
    expect(
      evidence('Black drivers were stopped and searched by police far more often, the audit found.'),
    ).toContain('black drivers + police + stopped and searched');
  });

  it('the Black Sea is not a racial group', () => {
    expect(evidence('Officials denied that ships were targeted in the Black Sea.')).toEqual([]);
  });

  it('the European Union is not a trade union', () => {
    expect(evidence('Officials banned imports from the European Union.')).toEqual([]);
  });

  it('protesters abducted after a protest over prices are not explained away by the prices', () => {
    const result = classify({
      title: 'Families Search for Protesters Taken After Tax March',
      paragraphs: [
        'Five protesters who joined a march against new taxes and rising prices were abducted by men in plain clothes on Friday, their families said.',
        'None of them has been seen since, and police say they are not holding them.',
      ],
    });
    expect(result.matched).toBe(true);
    expect(result.concepts).toContain('dissent');
    expect(result.concepts).not.toContain('assembly');
  });

  it('an ordinary court story: "protesting his innocence" is not a protest', () => {
    expect(evidence('The court sentenced him to life, with the man protesting his innocence.')).toEqual([]);
  });
});

describe('a lower threshold when nothing in the article pulls the score down', () => {
  const topic = { ...humanRightsTopic, quietThreshold: 4 };
  const weak: Case = {
    title: 'Market Traders Count Their Losses',
    paragraphs: [
      'Market traders in the capital counted their losses on Monday.',
      'Many said they would not come back.',
      'City enforcement officers tore down stalls before dawn, traders said.',
      'They said police beat several of them.',
      'Two traders were detained for a few hours.',
    ],
  };

  it('the story scores between the quiet and the full threshold, on enough evidence', () => {
    const result = classifyTopic(topic, weak);
    expect(result.score).toBeGreaterThanOrEqual(4);
    expect(result.score).toBeLessThan(5);
    expect(result.evidence.length).toBeGreaterThan(topic.minEvidence);
  });

  it('many weak signals and no negative context pass the quiet threshold', () => {
    const strict = classifyTopic({ ...humanRightsTopic, quietThreshold: undefined }, weak);
    const quiet = classifyTopic(topic, weak);
    expect(quiet.score).toBe(strict.score);
    expect(strict.matched).toBe(false);
    expect(quiet).toMatchObject({ matched: true, threshold: 4 });
  });

  it('a negative context keeps the full threshold', () => {
    const sporty: Case = {
      ...weak,
      paragraphs: [...weak.paragraphs, 'The football match at the stadium went ahead later.'],
    };
    const result = classifyTopic(topic, sporty);
    expect(result.details?.some((d) => d.weight < 0)).toBe(true);
    expect(result.evidence).toEqual(classifyTopic(topic, weak).evidence);
    expect(result).toMatchObject({ matched: false, threshold: 5 });
  });
});
