/** Small made-up news stories for the analysis tests: each illustrates one behaviour. */
export interface SampleArticle {
  title: string;
  paragraphs: string[];
}

/** Stories that are about human rights, some without the obvious words. */
export const rightsStories: Record<string, SampleArticle> = {
  lawyerDetained: {
    title: 'China Detains Prominent Lawyer Ahead of Anniversary',
    paragraphs: [
      'Chinese police have detained a prominent human rights lawyer who defended Falun Gong practitioners, his wife said Tuesday.',
      'Wang Lin was taken from his Beijing apartment by plainclothes officers late Monday, according to his wife, Li Ping. She said she had not been told where he was being held.',
      'Amnesty International called the detention arbitrary and urged his immediate release.',
    ],
  },
  damVillagers: {
    title: 'Villagers Moved Off Their Land for Dam Say They Got Nothing',
    paragraphs: [
      'Hundreds of villagers in northern Laos were moved off their land to make way for a hydropower dam without compensation, residents told VOA.',
      'Families say soldiers came in March and told them to leave within a week. Their homes were bulldozed soon after.',
      '"We had no choice. They said the land belonged to the state," said Somphone, a 54-year-old farmer.',
      'The company building the dam did not respond to requests for comment.',
    ],
  },
  columnistBanned: {
    title: 'Columnist Banned From Leaving Country After Critical Articles',
    paragraphs: [
      'A well-known newspaper columnist has been banned from leaving the country after writing a series of articles critical of the president, her lawyer said.',
      'Airport officials confiscated her passport on Sunday when she tried to board a flight to Paris.',
      'The columnist has not been charged with any crime.',
    ],
  },
  bloggerFamily: {
    title: 'Family of Exiled Blogger Interrogated by Security Police',
    paragraphs: [
      'Security police interrogated the parents and brother of an exiled blogger for six hours this week, relatives said, in what they described as an attempt to silence him.',
      'The blogger, who lives in Germany, has written about corruption among local officials.',
      'It is the third time his family has been summoned since he left the country.',
    ],
  },
  protesterExecuted: {
    title: 'Iran Executes Man Convicted Over Protests',
    paragraphs: [
      'Iran hanged a man on Thursday who was convicted of attacking security forces during last year’s protests, the judiciary said.',
      'Rights groups said his confession was extracted under torture and that he was denied a lawyer of his choosing.',
      'At least seven people have been executed in connection with the protests.',
    ],
  },
  womenUniversities: {
    title: 'Taliban Bar Women From Universities',
    paragraphs: [
      'Afghanistan’s Taliban rulers have banned women from attending universities, extending restrictions that already keep girls out of secondary school.',
      'The decision drew condemnation from the United Nations and foreign governments.',
      'Female students said they were turned away at the gates on Wednesday.',
    ],
  },
  teargasProtest: {
    title: 'Police Fire Tear Gas at Anti-Government Protesters',
    paragraphs: [
      'Police in the capital fired tear gas and rubber bullets at thousands of protesters demanding the release of jailed opposition leaders on Saturday.',
      'Dozens of demonstrators were arrested, witnesses said.',
      'The government has banned public gatherings since the disputed election.',
    ],
  },
  journalistJailed: {
    title: 'Russian Court Jails Journalist for 12 Years',
    paragraphs: [
      'A Russian court sentenced a journalist to 12 years in prison on espionage charges that his employer and press freedom groups called fabricated.',
      'The Committee to Protect Journalists said the verdict was a grave attack on independent reporting.',
    ],
  },
  uyghurLabor: {
    title: 'Report Details Forced Labor of Uyghurs in Cotton Fields',
    paragraphs: [
      'Uyghurs in Xinjiang are being transferred to cotton fields under a state program that amounts to forced labor, a new report says.',
      'Researchers found that workers were placed under surveillance and could not refuse the assignments.',
    ],
  },
  internetShutdown: {
    title: 'Region Cut Off as Authorities Impose Internet Shutdown',
    paragraphs: [
      'Authorities imposed an internet shutdown across the region on Monday as activists called for protests against the killing of a student by police.',
      'Digital rights groups said the blackout was meant to stop people from sharing videos of the crackdown.',
    ],
  },
  poetExitBan: {
    title: 'Poet Stopped at Airport and Told She May Not Travel',
    paragraphs: [
      'Border guards at the capital’s airport stopped a poet known for verses mocking the ruling party and told her she was not permitted to leave the country.',
      'She was given no reason, and no court has issued any order against her, she said.',
    ],
  },
  activistMotherQuestioned: {
    title: 'Mother of Exiled Activist Taken In for Questioning',
    paragraphs: [
      'The elderly mother of an exiled activist was taken in for questioning by provincial security officers on Tuesday, her son said from abroad.',
      'Officers asked her to persuade him to stop speaking to foreign media, he said.',
    ],
  },
  teacherOnlinePosts: {
    title: 'Teacher Gets Three Years Over Comments Posted Online',
    paragraphs: [
      'A secondary school teacher was sentenced to three years in prison on Monday for posting comments critical of the provincial governor.',
      'His family said the comments had been shared with fewer than 200 friends.',
      'He had spent four months in detention without a lawyer before the trial.',
    ],
  },
  missionariesOrderedOut: {
    title: 'Government Orders Foreign Missionaries Out Within 48 Hours',
    paragraphs: [
      'Eleven foreign missionaries who ran schools and clinics in the north were ordered to leave the country within 48 hours, church officials said.',
      'Local clergy said the expulsions followed sermons that questioned the handling of last year’s floods.',
    ],
  },
  migrantsTowedBack: {
    title: 'Coast Guard Accused of Towing Migrant Boats Back Out to Sea',
    paragraphs: [
      'Survivors say coast guard vessels towed their rubber boat back into open water and left it adrift, with 40 asylum seekers on board.',
      'Aid workers who reached the boat said several people had been beaten and robbed before being towed back.',
    ],
  },
  womenStopWorking: {
    title: 'Women Told to Stop Working for Aid Groups',
    paragraphs: [
      'The authorities issued an edict on Saturday ordering women to stop working for local and foreign aid groups, officials at three charities said.',
      'Female staff who had run health programs were sent home the same day.',
    ],
  },
  menHangedAtDawn: {
    title: 'Two Men Hanged at Dawn After Closed Trial',
    paragraphs: [
      'Two men were hanged at dawn on Wednesday after a closed trial in which their families say they were never allowed to see the evidence.',
      'Their final appeal was rejected last week.',
    ],
  },
  fieldsTaken: {
    title: 'Farmers Say Fields Were Taken for Industrial Park',
    paragraphs: [
      'Farmers in three districts say their fields were taken to make way for an industrial park and that they have not been paid.',
      '"They came with bulldozers and a paper we could not read," one farmer said.',
      'Two farmers who refused to sign were detained overnight by police, their families said.',
    ],
  },
  stationClosed: {
    title: 'Authorities Shut Independent Radio Station',
    paragraphs: [
      'Authorities on Friday closed the last independent radio station in the province and seized its transmitters, staff said.',
      'The station had aired call-in shows in which listeners complained about power cuts.',
      'Its editor was summoned by police the same evening.',
    ],
  },
  novelsPulled: {
    title: 'Novelist’s Books Pulled From Shops After She Criticized Army',
    paragraphs: [
      'Booksellers were ordered to remove all books by a prize-winning novelist from their shelves a week after she criticized the army in an interview, her publisher said.',
    ],
  },
  civiliansMilitaryCourt: {
    title: 'Forty Marchers to Face Military Court',
    paragraphs: [
      'Forty people detained during a march against price rises will be tried by a military court, their lawyers said on Sunday.',
    ],
  },
  herdersDrivenOut: {
    title: 'Herders Driven From Grazing Land by Ranch Guards',
    paragraphs: [
      'Pastoralist families say armed guards hired by a cattle ranch drove them from grazing land their clans have used for generations, burning their huts.',
    ],
  },
  unionistVanished: {
    title: 'Union Leader Not Seen Since Police Summons',
    paragraphs: [
      'A dockworkers’ union leader has not been seen since he answered a police summons ten days ago, his wife said. Police say they are not holding him.',
    ],
  },
  soldiersTorchedVillage: {
    title: 'Soldiers Torched Our Village, Residents Say',
    paragraphs: [
      'Residents of a hill village say soldiers torched more than 50 houses during a search for insurgents last week.',
      'The army said it was investigating.',
    ],
  },
};

/** Stories that only look like rights stories: the costly false alerts. */
export const otherStories: Record<string, SampleArticle> = {
  prisonersFilm: {
    title: '‘Prisoners’ Tops Weekend Box Office',
    paragraphs: [
      'The thriller "Prisoners," starring Hugh Jackman as a father whose daughter is kidnapped, opened at the top of the North American box office this weekend.',
      'The film earned $21 million in ticket sales, ahead of the animated sequel in second place.',
      'Critics praised the performances but said the movie ran too long.',
    ],
  },
  chessVisa: {
    title: 'Chess Champion Held at Border Over Visa Form',
    paragraphs: [
      'A chess grandmaster was held for several hours at the border on his way to a tournament after officials found a mistake on his visa form.',
      'He was detained at the crossing until the paperwork was corrected and arrived in time for the first round.',
      'Tournament organizers said he would play as scheduled.',
    ],
  },
  burglaryRing: {
    title: 'Police Arrest 12 in Burglary Ring Crackdown',
    paragraphs: [
      'Police arrested 12 people suspected of running a burglary ring that targeted homes in the suburbs, officials said Friday.',
      'The suspects are accused of stealing jewelry and electronics worth more than $2 million. Detectives said the arrests followed a six-month crackdown on property crime.',
      'A lawyer for two of the suspects said they would plead not guilty.',
    ],
  },
  coachProtest: {
    title: 'Coach Protests Referee Decision in Cup Final',
    paragraphs: [
      'The coach of the home team protested furiously after the referee disallowed a late goal in the cup final on Sunday.',
      'He was sent to the stands and could face a ban from the league.',
      '"It was a clear goal," the coach told reporters after the match.',
    ],
  },
  rightsIssue: {
    title: 'Miner Launches $2 Billion Rights Issue',
    paragraphs: [
      'The mining company said Monday it would raise $2 billion through a rights issue to cut its debt, sending its shares down 8%.',
      'Existing shareholders will be offered one new share for every four they hold. The rights issue is fully underwritten.',
      'Investors welcomed the plan to strengthen the balance sheet.',
    ],
  },
  election: {
    title: 'Voters Head to Polls in Tight Parliamentary Election',
    paragraphs: [
      'Voters in the country cast ballots Sunday in a parliamentary election that polls showed was too close to call.',
      'The governing party is campaigning on economic growth, while the opposition has promised to cut taxes and build more housing.',
      'Results are expected on Monday.',
    ],
  },
  tradeTalks: {
    title: 'US, China Resume Trade Talks',
    paragraphs: [
      'U.S. and Chinese negotiators resumed trade talks in Geneva on Tuesday, seeking to lower tariffs that have disrupted supply chains.',
      'Officials said both sides hoped to reach a framework agreement by the end of the month.',
    ],
  },
  hurricane: {
    title: 'Thousands Evacuated as Hurricane Nears Coast',
    paragraphs: [
      'Thousands of residents were relocated to shelters as a powerful hurricane approached the coast on Wednesday.',
      'Officials warned of flooding and power outages, and the military was deployed to help with evacuations.',
    ],
  },
  doping: {
    title: 'Sprinter Banned for Four Years Over Doping',
    paragraphs: [
      'A world champion sprinter has been banned from competition for four years after testing positive for a prohibited substance, the athletics federation said.',
      'The athlete said he would appeal the decision.',
    ],
  },
  murderTrial: {
    title: 'Man Convicted of Murdering Neighbor',
    paragraphs: [
      'A jury on Thursday convicted a man of murdering his neighbor during a dispute over a parking space.',
      'Prosecutors said he faces life in prison when he is sentenced next month. His lawyer said he would appeal.',
    ],
  },
  stadiumLockIn: {
    title: 'Fans Kept Inside Stadium After Derby',
    paragraphs: [
      'Away fans were not allowed to leave the stadium for an hour after Saturday’s derby while police cleared the streets outside.',
      'The club said the delay was a routine safety measure and thanked supporters for their patience.',
    ],
  },
  hikerParents: {
    title: 'Police Question Parents of Missing Hiker',
    paragraphs: [
      'Police questioned the parents of a missing hiker on Sunday as search teams returned to the mountain for a third day.',
      'Rescuers said they found his tent near a frozen lake.',
    ],
  },
  stadiumLand: {
    title: 'City Buys Farmland for New Stadium',
    paragraphs: [
      'The city council agreed on Tuesday to buy 40 hectares of farmland to make way for a new football stadium, paying owners above the market price.',
      'Farmers who sold said they were pleased with the offer.',
    ],
  },
  passportRecords: {
    title: 'Journalist Sets Record for Most Passport Stamps',
    paragraphs: [
      'A travel journalist has filled her 12th passport after visiting every country in the world, a feat recognized by a record-keeping group on Friday.',
      'She said the hardest visa to get was for a small island state in the Pacific.',
    ],
  },
  shopWebsiteShut: {
    title: 'Retailer Shuts Website After Cyberattack',
    paragraphs: [
      'The retailer shut its website for two days after a cyberattack exposed the addresses of its customers.',
    ],
  },
  hikerFound: {
    title: 'Missing Hiker Found Alive',
    paragraphs: [
      'A hiker who had not been seen since Saturday was found alive by rescuers on Monday, police said.',
    ],
  },
  authorsLawsuit: {
    title: 'Publisher Slapped With Lawsuit Over Royalties',
    paragraphs: [
      'A publisher was slapped with a lawsuit by three authors who say they were never paid royalties.',
    ],
  },
};
