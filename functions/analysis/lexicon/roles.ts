// Role nouns: what a person is ("a lawyer", "the spokesman"), and the roles that tell a gender.
// Space-separated lowercase words; `lexicon()` in index.ts turns them into sets on first use.

/** Lowercase nouns that end a role before a name or head an appositive ("rights analyst", "the head of"). */
export const ROLE_NOUNS =
  'man woman person boy girl child teenager youth elder grandmaster conductor pianist violinist cellist ' +
  'striker teammate goalkeeper midfielder defender winger referee umpire runner sprinter boxer swimmer ' +
  'cyclist skater jockey dancer choreographer designer curator ' +
  'figure politician opposition-leader spokesman spokeswoman spokesperson spokespeople official ' +
  'officials minister president secretary director head chief leader analyst analysts activist ' +
  'activists lawyer attorney advocate researcher professor scholar expert economist journalist reporter ' +
  'editor correspondent blogger writer author novelist poet artist filmmaker dissident campaigner ' +
  'organizer founder co-founder chairman chairwoman chair ceo executive commander general officer ' +
  'diplomat ambassador envoy negotiator senator lawmaker legislator congressman congresswoman ' +
  'representative governor mayor judge prosecutor adviser advisor aide strategist consultant ' +
  'coordinator manager worker farmer resident villager student teacher doctor nurse physician surgeon ' +
  'pastor priest imam monk bishop cleric rabbi witness victim survivor mother father son daughter wife ' +
  'husband brother sister relative uncle aunt cousin grandmother grandfather widow protester ' +
  'demonstrator member candidate commissioner rapporteur fellow associate lecturer historian ' +
  'investigator inspector specialist deputy premier chancellor speaker owner partner employee engineer ' +
  'scientist sociologist political-scientist fighter soldier captain colonel lieutenant sergeant ' +
  'policeman policewoman guard militant commander chairperson president-elect queen king prince ' +
  'princess pope emir sheikh sultan emperor ayatollah cardinal archbishop mufti patriarch veteran ' +
  'defender lobbyist pollster demographer criminologist psychologist psychiatrist anthropologist ' +
  'linguist theologian philosopher economist treasurer auditor ombudsman principal dean rector provost ' +
  'coach player athlete singer actor actress musician comedian host anchor producer presenter publisher ' +
  'photographer cameraman broadcaster commentator columnist cartoonist podcaster influencer ' +
  'entrepreneur businessman businesswoman banker trader investor landlord shopkeeper vendor driver ' +
  'pilot sailor fisherman miner herder refugee migrant asylum-seeker detainee prisoner inmate defendant ' +
  'plaintiff petitioner complainant claimant suspect convict hostage captive delegate observer monitor ' +
  'volunteer organiser supporter neighbor neighbour critic medic colleague friend classmate cellmate ' +
  'parent family voter fan troop source participant opponent proponent rescuer nominee appointee ' +
  'successor predecessor';

export const FEMALE_ROLES =
  'spokeswoman chairwoman congresswoman businesswoman policewoman actress mother wife daughter sister ' +
  'grandmother widow queen princess empress sheikha mrs ms miss madam mme lady dame aunt niece girl ' +
  'woman nun';

export const MALE_ROLES =
  'spokesman chairman congressman businessman policeman actor father husband son brother grandfather ' +
  'widower king prince emperor pope sheikh emir sultan ayatollah mr sir lord uncle nephew boy man monk ' +
  'priest imam rabbi';
