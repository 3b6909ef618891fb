// Words that make a phrase an organization, and the nouns that name one ("the ministry").
// Space-separated lowercase words; `lexicon()` in index.ts turns them into sets on first use.

/** Nouns for organizations and groups that can speak ("the ministry said", "State media reported"). */
export const ORG_NOUNS =
  'ministry government delegation police military army navy group organization organisation agency ' +
  'embassy consulate company firm party court committee council commission department office union ' +
  'media campaign coalition network alliance authorities administration regime junta cabinet parliament ' +
  'congress senate assembly bureau board institute foundation center centre association federation ' +
  'league movement watchdog tribunal prosecutors prosecution spokesmen officials statement report team ' +
  'club church diocese mosque university school hospital newspaper broadcaster station channel outlet ' +
  'paper authority website service forces militia rebels insurgents fighters taliban kremlin pentagon palace presidency ' +
  'secretariat mission forum exchange observatory bank division branch directorate inspectorate chamber ' +
  'syndicate cooperative consortium jury';

/** Words that mark a capitalized phrase as an organization or a place, not a person. */
export const ORG_WORDS =
  'governorate prefecture municipality commune oblast canton directorate-general ' +
  'cross crescent brotherhood haram hamas hezbollah hizballah taliban al-qaida al-qaeda al-shabab ' +
  'wagner war ministry department watch international party council committee commission association ' +
  'union agency office bank group institute institution foundation center centre university college ' +
  'school court tribunal parliament congress senate assembly government administration embassy ' +
  'consulate corporation corp inc company co ltd llc plc news times post journal press media network ' +
  'television radio tv organization organisation forum initiative project society league front movement ' +
  'army navy police forces force guard guards brigade battalion service services authority bureau board ' +
  'fund federation alliance coalition church mosque temple cathedral club team airlines airways house ' +
  'hospital clinic museum library academy program programme campaign trust partners capital holdings ' +
  'nations republic kingdom mission states emirates cabinet politburo command unit prison jail camp ' +
  'square street road avenue river mountain mountains lake sea ocean island islands province region ' +
  'district county city village town airport station stadium bridge dam port valley desert strait gulf ' +
  'bay peninsula park hall palace tower plaza exchange division branch observatory gallery galerie ' +
  'galeria galleria cement industries enterprises mills motors breweries refinery mines secretariat ' +
  'lab labs laboratory laboratories technologies systems operations cooperation ' +
  'directorate inspectorate chamber syndicate cooperative consortium daily herald tribune gazette ' +
  'telegraph observer guardian monitor weekly magazine review reuters bloomberg xinhua twitter facebook ' +
  'instagram tiktok youtube telegram whatsapp wechat weibo google apple microsoft amazon meta netflix ' +
  'voa cnn bbc afp ap cctv rfa nhk kcna irna tass dw france24 aljazeera al-jazeera day week month year';

/** Capitalized words of organization names that are never part of a personal name. */
export const NON_NAME =
  'rights human freedom freedoms reporters journalists borders doctors physicians lawyers women ' +
  'children people peace justice democracy liberty labor labour workers students national civil free ' +
  'united global world public popular islamic revolutionary liberation protection development relief ' +
  'aid health action policy affairs security defense defence foreign internal economic social federal ' +
  'supreme constitutional general central state states nations republic democratic communist socialist ' +
  "progressive conservative liberal green greens patriotic people's front forces army police services " +
  'intelligence relations studies research strategic international democrats republicans men';

/** Bodies that speak as a mass without a proper name ("police said", "the military said"). */
export const MASS_ORGS =
  'police government authorities military army navy officials prosecutors prosecution court junta regime ' +
  'kremlin pentagon taliban cabinet presidency palace forces militia rebels insurgents fighters media jury';

/** Head nouns that refer back to the last organization the article named ("the group said"). */
export const GENERIC_ORGS =
  'group organization organisation agency watchdog body coalition network alliance campaign company firm ' +
  'paper newspaper broadcaster ' +
  'operator manufacturer employer retailer producer insurer lender carrier maker';

/** Acronyms of common nouns: never the name of a speaker ("an NGO said"). */
export const GENERIC_ACRONYMS = 'ngo ngos nga ceo cfo coo mp mps pm gdp hiv aids tv pc ok id';

/** Platforms and wire services: where words were posted or who carried them, not who said them. */
export const PLATFORMS =
  'x twitter facebook instagram tiktok youtube telegram whatsapp wechat weibo threads bluesky linkedin ' +
  'snapchat signal reddit';

/** News outlets that report what others said: who carried the words, never an antecedent of "it" or "the statement". */
export const NEWS_OUTLETS =
  'voa ap afp reuters bbc cnn rfa rferl xinhua tass ria nhk kcna irna yonhap bernama anadolu efe ansa dpa ' +
  'aljazeera al-jazeera';
