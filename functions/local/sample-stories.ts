import type { SampleStory } from './voa-pages.ts';

/**
 * Stories written for the demo and the tests, in VOA's style. People, places and organizations
 * are invented; the demo publishes them on the local feed server.
 */
export function sampleStories(now: Date): { before: SampleStory[]; after: SampleStory[] } {
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  const before: SampleStory[] = [
    {
      id: 7100101,
      slug: 'river-port-reopens-after-dredging',
      title: 'River Port Reopens After Months of Dredging',
      section: 'Africa',
      byline: 'Grace Mutua',
      author: 'webdesk@voanews.com (VOA News)',
      published: hoursAgo(30),
      paragraphs: [
        'The river port of Kasala reopened to cargo barges on Monday after six months of dredging work that cleared silt from the main channel.',
        '"The first barges came in this morning and the cranes are working again," said port director Samuel Okoth.',
        'Traders said the closure had pushed up the price of cement and fuel in towns along the river.',
      ],
    },
    {
      id: 7100102,
      slug: 'farmers-try-drought-resistant-sorghum',
      title: 'Farmers Try Drought-Resistant Sorghum as Rains Fail',
      section: 'Africa',
      byline: 'Grace Mutua',
      author: 'webdesk@voanews.com (VOA News)',
      published: hoursAgo(26),
      paragraphs: [
        'Farmers in the dry north are planting a new sorghum variety that needs about a third less water than the maize they usually grow.',
        '"We lost two harvests in a row, so we had to change something," said Mercy Wanjiru, who farms four hectares near Lodwar.',
        'Agronomists say yields were promising in trials, though seed is still scarce.',
      ],
    },
  ];
  const after: SampleStory[] = [
    {
      id: 7100201,
      slug: 'journalists-detained-after-covering-protest',
      title: 'Three Journalists Detained After Covering Protest Over Fuel Prices',
      section: 'Africa',
      byline: 'Peter Achieng',
      author: 'webdesk@voanews.com (VOA News)',
      published: hoursAgo(3),
      caption: 'FILE - Police stand guard outside the central police station in Kasala, March 2, 2024.',
      paragraphs: [
        'Police in Kasala detained three journalists on Tuesday after they filmed security forces breaking up a protest over fuel prices, press freedom groups said.',
        'The reporters, who work for two independent radio stations, have not been charged and their lawyers say they were denied access to them overnight.',
        'Amina Odhiambo, director of the Kasala-based Media Rights Forum, said the arrests were meant to frighten other reporters.',
        '"Journalists are not criminals for recording what happens in the street," Odhiambo said. "Every hour they spend in a cell tells the next reporter to stay home."',
        'Interior Minister Daniel Kiprono said the three had been taken in for questioning and would be released once statements were recorded.',
        '"Nobody is being punished for doing their job, and the law will be followed," Kiprono told reporters in the capital.',
      ],
    },
    {
      id: 7100202,
      slug: 'city-marathon-draws-record-field',
      title: 'City Marathon Draws Record Field as Coach Protests Course Change',
      section: 'Sports',
      byline: 'Peter Achieng',
      author: 'webdesk@voanews.com (VOA News)',
      published: hoursAgo(2),
      paragraphs: [
        'A record 14,000 runners lined up for the Kasala city marathon on Sunday, the largest field since the race began in 2009.',
        'National team coach Joseph Mwangi protested a late change to the course that added a steep hill in the final five kilometers.',
        '"Nobody told the athletes about the new route until the night before," Mwangi said.',
      ],
    },
    {
      id: 7100203,
      slug: 'families-say-relatives-vanished-after-arrest',
      title: 'Families Say Relatives Vanished After Arrest by Security Agents',
      section: 'Middle East',
      byline: 'Layla Haddad',
      author: 'webdesk@voanews.com (VOA News)',
      published: hoursAgo(1),
      paragraphs: [
        'Relatives of at least nine men detained by plainclothes security agents last month say they have been given no word of where the men are held, in what rights groups call a pattern of enforced disappearance.',
        'Nadia Karim, whose brother was taken from his shop in the capital, said officials at three police stations denied holding him.',
        '"They took him in front of his customers and now they say he does not exist," Karim said. "We only want to know that he is alive."',
        'A spokesman for the interior ministry, Colonel Hassan Faraj, said all detentions followed the law.',
        '"Anyone in custody has been registered and their families can ask at the prosecutor\'s office," Faraj said.',
      ],
    },
  ];
  return { before, after };
}
