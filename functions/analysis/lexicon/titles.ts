// Job titles and ranks that stand before a name and are not part of it.
// Space-separated lowercase words; `lexicon()` in index.ts turns them into sets on first use.

/** Capitalized words that form job titles before a name ("Foreign Minister", "Secretary of State"). */
export const TITLE_WORDS =
  'grandmaster coach manager headmaster headteacher warden sheriff constable detective deacon elder ' +
  'president vice prime minister ministers secretary assistant deputy under undersecretary chief ' +
  'director general attorney ambassador envoy special senator representative congressman congresswoman ' +
  'governor mayor judge justice chancellor premier chairman chairwoman chair chairperson speaker leader ' +
  'commissioner commander spokesman spokeswoman spokesperson foreign defense defence interior finance ' +
  'health education home trade economy state supreme crown lieutenant colonel major captain sergeant ' +
  'admiral marshal field brigadier dr doctor professor mr mrs ms sir dame lord lady reverend father ' +
  'sister brother mufti patriarch metropolitan lama cardinal archbishop bishop rabbi imam executive ceo ' +
  'founder co-founder editor officer inspector superintendent prosecutor magistrate councilor ' +
  'councillor alderman delegate legislator lawmaker secretary-general director-general high rapporteur ' +
  'coordinator administrator counselor adviser advisor press first lady pastor ombudsman auditor ' +
  "treasurer registrar provost dean rector consul chargé charge d'affaires opposition former acting " +
  'interim senior grand';

/** Title abbreviations, titles only with their period ("Sen.", not Hun Sen). */
export const ABBREVIATED_TITLES =
  'sen rep reps gov gen lt col maj capt sgt adm brig prof rev cmdr cpl supt insp det';

/** Military and police ranks: job titles before a name, never part of it. */
export const RANKS =
  'general gen colonel col lieutenant lt major maj captain capt sergeant sgt admiral adm marshal brigadier ' +
  'brig commander cmdr corporal cpl private pvt inspector insp superintendent supt';

/** Lowercase words that may stand in a role before a title ("former Prime Minister", "jailed editor"). */
export const ROLE_ADJECTIVES =
  'retired jailed exiled imprisoned renowned acclaimed celebrated noted elected appointed embattled ' +
  'beleaguered disgraced ousted deposed detained self-exiled self-styled so-called veteran former acting ' +
  'interim senior junior chief deputy top leading prominent outspoken independent';
