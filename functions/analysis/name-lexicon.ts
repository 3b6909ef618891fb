/**
 * Compact word lists for finding people in news text. Kept as space-separated strings, turned into
 * sets on first use, so that importing the module costs nothing.
 */

const MALE =
  'aaron abbas abdel abdul abdullah abdullahi abe abel abiy abraham abu adam adel adnan adrian ahmad ahmed ahmet akbar akhtar akira alan alberto aleksandr aleksei alex alexander alexandre alexei alexey alexis alfred ali alireza alok amadou amir amit amos anand anatoly anders andre andrei andres andrew andrey andriy andrzej angel anthony antonio antony anwar aref arif arnold arsen arthur arturo arvind ashraf ashok asif ayman aziz bashar ben benjamin bernard bill binyamin bob bola boris brad brandon brendan brian bruce bruno bryan cameron carl carlos cesar chad charles chris christian christopher cyril cristian dan daniel danny dario darius dave david dennis denis derek diego dmitri dmitry dmytro donald doug douglas duncan dwight ebrahim eddie edgar edward edwin ehsan ekrem elias emeka emmanuel emmerson enrique eric erik ernesto esteban ethan eugene evan fabio faisal farid farhad fedor felipe felix fernando filipe francis francisco frank franz fred frederick friedrich fumio gabriel gary gavin geoffrey george gerald gerhard giorgi giovanni giuseppe glenn gordon graham greg gregory guillermo gustavo hakainde hamad hamid hans harold harry hasan hassan hector heinz henry herbert hideki hiroshi hossein hugo hussein ian ibrahim idris igor ilham imran isaac ismail ivan jack jacob jafar jake james jamal jan jared jason javad javier jean jeff jeffrey jeremy jerome jesus jim jimmy joao joe joel johan john johnny jon jonathan jorge jose josef joseph joshua juan julian julio justin kamal karim karl kazuo keith ken kenneth kevin khalid khaled kim kirill klaus kofi kwame kyle lamine larry lars laurent lawrence lee leo leon leonid liam lloyd louis luca lucas luis luiz luke lula mahmoud majid malik manuel marc marco marcos mario mark martin mateo matt matthew mauricio max maxim mehdi mehmet michael michel miguel mikhail mohamed mohammad mohammed mohsen moses muhammad muhammadu mustafa nabil narendra nasser nathan nawaz neil nelson nicholas nick nicolas nikita nikolai nnamdi noah norman olaf oleg oleksandr oleksiy oliver omar osama oscar osman owen pablo patrick paul pavel pedro peter petr philip philippe pierre qasem rafael rahul raila rajesh ralph ramon raul ravi raymond recep reza ricardo richard rick robert roberto rodrigo roger roman ronald rory ruben rudolf russell ryan saddam saeed salah salman sam samir samuel sandeep sanjay santiago sarkis saud scott sean sebastian selahattin sergei sergey sergio shahid shehbaz shinzo simon stanislav stefan stephen steve steven stuart syed takeshi tariq taro ted terry thabo thomas tim timothy todd tom tomas tony travis tyler umar uhuru usman valentin valery vasily victor viktor vincent vitaly vladimir vladislav volodymyr walid walter wei william willie xavier yahya yaroslav yasser yevgeny yoshihide yousef youssef yuri yusuf zaid zakaria zalmay zoran';

const FEMALE =
  'abigail ada adriana agnes aisha alejandra alexandra alice alicia alina alison amal amanda amber amina aminata amy ana anastasia andrea angela angelina anita ann anna anne annette antonia ashley asma ayesha barbara beatrice benazir betty beverly bianca brenda bridget brittany camila carla carmen carol caroline catherine cecilia celine charlotte chloe christina christine cindy claire clara claudia colleen cristina cynthia daniela daria deborah debra denise diana diane donna dora dorothy elena eleanor elif elise elizabeth ellen emily emma esther eva evelyn fatima fatou fiona florence frances gabriela gloria grace hafsa hannah hanna helen helena hillary hina holly ilhan ines ingrid irina iris isabel isabella jacqueline jane janet janice jasmine jean jeanne jennifer jessica jill joan joanna jocelyn judith julia julie karen karina katarzyna katherine kathleen kathryn kathy katie kelly kim kimberly kristina laila lara laura lauren layla leila lilia linda lisa liz lucia lucy lyudmila madeleine mahsa malala mamata margaret maria mariam marie marina marine marta martha mary maryam masih maya megan melania melissa mia michelle mirjana miriam monica nadia nancy naomi narges nasrin natalia natalie natasha nathalie nicole nina noor nora nour olena olga olivia pamela patricia paula pauline priya rachel rania rebecca rita rosa rose ruth sabrina safiya salma samantha sandra sara sarah shannon sharon sheila shirin silvia simone sofia sonia sophia sophie stephanie susan suzanne svetlana tamara tanya tatiana teresa theresa tiffany tina tracy ursula valentina valeria vanessa vera veronica victoria virginia viktoria wendy yasmin yulia yolanda zahra zainab zeynep zoe';

// Family names that come first in East Asian names ("Xi Jinping", "Kim Jong Un"): a capitalized
// word after one of these is most likely a given name.
const FAMILY_FIRST =
  'tsai xi li wang zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao zheng liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen yao jin fu zhong qin wen hou bai kong mao kim park choi jung jeong kang cho yoon jang lim shin seo kwon hwang ahn yoo moon nguyen tran pham hoang phan vu dang bui ngo duong';

/** Titles that belong to the name and are kept in it ("Pope Francis", "Queen Rania"). */
const KEEP_TITLES =
  'pope queen king prince princess sheikh sheikha emir sultan emperor empress ayatollah cardinal patriarch oba';

/** Honorifics: dropped from the name, but they mark a person and often a gender. */
const HONORIFICS = 'mr mrs ms miss madam mme dr prof sir dame lord lady rev reverend';

/** Capitalized words that form job titles before a name ("Foreign Minister", "Secretary of State"). */
const TITLE_WORDS =
  "president vice prime minister ministers secretary assistant deputy under undersecretary chief director general attorney ambassador envoy special senator representative congressman congresswoman governor mayor judge justice chancellor premier chairman chairwoman chair chairperson speaker leader commissioner commander spokesman spokeswoman spokesperson foreign defense defence interior finance health education home trade economy state supreme crown lieutenant colonel major captain sergeant admiral marshal field brigadier dr doctor professor mr mrs ms sir dame lord lady reverend father sister brother mufti patriarch metropolitan lama cardinal archbishop bishop rabbi imam executive ceo founder co-founder editor officer inspector superintendent prosecutor magistrate councilor councillor alderman delegate legislator lawmaker secretary-general director-general high rapporteur coordinator administrator counselor adviser advisor press first lady pastor ombudsman auditor treasurer registrar provost dean rector consul chargé charge d'affaires opposition former acting interim senior grand";

/** Title abbreviations, titles only with their period ("Sen.", not Hun Sen). */
const ABBREVIATED_TITLES =
  'sen rep reps gov gen lt col maj capt sgt adm brig prof rev cmdr cpl supt insp det';

/** Lowercase nouns that end a role before a name or head an appositive ("rights analyst", "the head of"). */
const ROLE_NOUNS =
  'figure politician opposition-leader spokesman spokeswoman spokesperson spokespeople official officials minister president secretary director head chief leader analyst analysts activist activists lawyer attorney advocate researcher professor scholar expert economist journalist reporter editor correspondent blogger writer author novelist poet artist filmmaker dissident campaigner organizer founder co-founder chairman chairwoman chair ceo executive commander general officer diplomat ambassador envoy negotiator senator lawmaker legislator congressman congresswoman representative governor mayor judge prosecutor adviser advisor aide strategist consultant coordinator manager worker farmer resident villager student teacher doctor nurse physician surgeon pastor priest imam monk bishop cleric rabbi witness victim survivor mother father son daughter wife husband brother sister relative uncle aunt cousin grandmother grandfather widow protester demonstrator member candidate commissioner rapporteur fellow associate lecturer historian investigator inspector specialist deputy premier chancellor speaker owner partner employee engineer scientist sociologist political-scientist fighter soldier captain colonel lieutenant sergeant policeman policewoman guard militant commander chairperson president-elect queen king prince princess pope emir sheikh sultan emperor ayatollah cardinal archbishop mufti patriarch veteran defender lobbyist pollster demographer criminologist psychologist psychiatrist anthropologist linguist theologian philosopher economist treasurer auditor ombudsman principal dean rector provost coach player athlete singer actor actress musician comedian host anchor producer presenter publisher photographer cameraman broadcaster commentator columnist cartoonist podcaster influencer entrepreneur businessman businesswoman banker trader investor landlord shopkeeper vendor driver pilot sailor fisherman miner herder refugee migrant asylum-seeker detainee prisoner inmate defendant plaintiff petitioner complainant claimant suspect convict hostage captive delegate observer monitor volunteer organiser supporter neighbor neighbour critic medic colleague friend classmate cellmate parent family voter fan troop source participant opponent proponent rescuer';

/** Nouns for organizations and groups that can speak ("the ministry said", "State media reported"). */
const ORG_NOUNS =
  'ministry government delegation police military army navy group organization organisation agency embassy consulate company firm party court committee council commission department office union media campaign coalition network alliance authorities administration regime junta cabinet parliament congress senate assembly bureau board institute foundation center centre association federation league movement watchdog tribunal prosecutors prosecution spokesmen officials statement report team club church diocese mosque university school hospital newspaper broadcaster station channel outlet website service forces militia rebels insurgents fighters taliban kremlin pentagon palace presidency secretariat mission forum exchange observatory bank division branch directorate inspectorate chamber syndicate cooperative consortium';

/** Words that mark a capitalized phrase as an organization or a place, not a person. */
const ORG_WORDS =
  'cross crescent brotherhood haram hamas hezbollah hizballah taliban al-qaida al-qaeda al-shabab wagner war ministry department watch international party council committee commission association union agency office bank group institute institution foundation center centre university college school court tribunal parliament congress senate assembly government administration embassy consulate corporation corp inc company co ltd llc plc news times post journal press media network television radio tv organization organisation forum initiative project society league front movement army navy police forces force guard guards brigade battalion service services authority bureau board fund federation alliance coalition church mosque temple cathedral club team airlines airways house hospital clinic museum library academy program programme campaign trust partners capital holdings nations republic kingdom mission states emirates cabinet politburo command unit prison jail camp square street road avenue river mountain mountains lake sea ocean island islands province region district county city village town airport station stadium bridge dam port valley desert strait gulf bay peninsula park hall palace tower plaza exchange division branch observatory gallery galerie galeria galleria cement industries enterprises mills motors breweries refinery mines secretariat directorate inspectorate chamber syndicate cooperative consortium daily herald tribune gazette telegraph observer guardian monitor weekly magazine review reuters bloomberg xinhua twitter facebook instagram tiktok youtube telegram whatsapp wechat weibo google apple microsoft amazon meta netflix voa cnn bbc afp ap cctv rfa nhk kcna irna tass dw france24 aljazeera al-jazeera day week month year';

/** Capitalized words of organization names that are never part of a personal name. */
const NON_NAME =
  "rights human freedom freedoms reporters journalists borders doctors physicians lawyers women children people peace justice democracy liberty labor labour workers students national civil free united global world public popular islamic revolutionary liberation protection development relief aid health action policy affairs security defense defence foreign internal economic social federal supreme constitutional general central state states nations republic democratic communist socialist progressive conservative liberal green greens patriotic people's front forces army police services intelligence relations studies research strategic international democrats republicans men";

/** Sentence words that are capitalized without being names. */
const COMMON_CAPITALIZED =
  'the a an but and or nor so yet others for in on at to of by with from into over under after before during since until as if when while where which who whom whose what why how that this these those there here he she it they we i you his her its their our my your him them us me some many most several few other another any each every both all no not none such same last next first second third new old former late early earlier later then now today yesterday tomorrow also still even only just however meanwhile moreover furthermore nevertheless instead although though because despite according asked speaking writing following amid among between against without within toward towards across along around about above below behind beyond near off out up down once twice again more less much very well please thank thanks yes sir madam dear hello mister';

const MONTHS_AND_DAYS =
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday christmas easter ramadan eid';

const PLACES =
  'afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria burkina burundi cambodia cameroon canada chad chile china colombia comoros congo croatia cuba cyprus czechia czech denmark djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia georgia germany ghana greece grenada guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique myanmar burma namibia nauru nepal netherlands holland nicaragua niger nigeria norway oman pakistan palau palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa senegal serbia seychelles singapore slovakia slovenia somalia somaliland spain sudan suriname sweden switzerland syria taiwan tajikistan tanzania thailand timor togo tonga trinidad tunisia turkey turkiye türkiye turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu vatican venezuela vietnam yemen zambia zimbabwe america britain england scotland wales europe asia africa oceania antarctica arctic americas u.s. u.s.a. usa us uk u.k. eu u.n. un nato asean washington beijing moscow kyiv kiev london paris berlin tokyo seoul pyongyang taipei delhi new-delhi mumbai karachi lahore islamabad kabul tehran baghdad damascus beirut jerusalem gaza ramallah amman riyadh jeddah doha dubai abu-dhabi ankara istanbul cairo khartoum addis nairobi kampala kigali kinshasa lagos abuja accra dakar bamako niamey ouagadougou johannesburg pretoria harare lusaka maputo luanda mogadishu juba tripoli tunis algiers rabat caracas bogota lima santiago quito havana managua tegucigalpa brasilia rio buenos manila jakarta bangkok hanoi saigon yangon naypyitaw dhaka colombo kathmandu tashkent almaty astana bishkek dushanbe ashgabat baku yerevan tbilisi minsk warsaw prague budapest vienna rome madrid lisbon brussels amsterdam geneva zurich stockholm oslo helsinki copenhagen athens sofia bucharest belgrade sarajevo zagreb hong kong macau macao shanghai guangzhou shenzhen wuhan chengdu xinjiang tibet lhasa urumqi inner mongolia crimea donbas donetsk luhansk kharkiv odesa odessa mariupol kherson zaporizhzhia bakhmut kashmir punjab balochistan baluchistan sindh darfur tigray amhara oromia kordofan idlib aleppo homs raqqa mosul kirkuk erbil basra sinai west bank golan hebron rafah khan younis new york los angeles chicago houston miami boston san francisco seattle atlanta texas california florida virginia maryland arizona alabama alaska arkansas colorado connecticut delaware hawaii idaho illinois indiana iowa kansas kentucky louisiana maine massachusetts michigan minnesota mississippi missouri montana nebraska nevada hampshire jersey mexico carolina dakota ohio oklahoma oregon pennsylvania rhode tennessee utah vermont wisconsin wyoming capitol hill silicon valley wall street pentagon kremlin downing whitehall brussels strasbourg davos sahel horn balkans caucasus middle east west north south east central latin caribbean pacific atlantic indian mediterranean';

const DEMONYMS =
  'american americans british chinese russian russians ukrainian ukrainians iranian iranians iraqi israeli israelis palestinian palestinians syrian lebanese egyptian saudi turkish afghan pakistani indian bangladeshi sri lankan nepali burmese myanmar thai vietnamese cambodian lao indonesian malaysian filipino singaporean japanese korean north-korean south-korean taiwanese tibetan uyghur uighur mongolian kazakh uzbek kyrgyz tajik turkmen azerbaijani armenian georgian belarusian polish czech slovak hungarian romanian bulgarian serbian croatian bosnian albanian greek italian spanish portuguese french german dutch belgian swiss austrian swedish norwegian danish finnish irish scottish welsh english canadian mexican cuban venezuelan colombian brazilian argentine argentinian chilean peruvian bolivian ecuadorian nicaraguan honduran guatemalan salvadoran haitian jamaican african nigerian ghanaian kenyan ethiopian eritrean somali sudanese south-sudanese ugandan rwandan congolese cameroonian senegalese malian nigerien burkinabe chadian libyan tunisian algerian moroccan egyptian zimbabwean zambian mozambican angolan namibian botswanan south-african tanzanian malawian european asian arab arabs muslim muslims christian christians jewish jews hindu hindus buddhist buddhists sikh kurdish kurd kurds rohingya hazara pashtun baloch sunni shia shiite western eastern northern southern islamic communist democratic republican conservative liberal socialist federal national international royal catholic orthodox protestant evangelical';

/** Reporting verbs: said, told, added ... */
const REPORTING_VERBS =
  'said says say told tells added adds noted notes warned warns explained explains stated declared declares argued argues insisted insists claimed claims asserted asserts acknowledged acknowledges admitted admits announced announces asked asks answered replied replies responded responds recalled recalls observed observes commented comments remarked remarks wrote writes tweeted posted continued continues concluded concludes cautioned cautions urged urges demanded demands emphasized emphasizes emphasised stressed stresses suggested suggests contended contends maintained maintains conceded concedes confirmed confirms countered counters complained complains lamented laments predicted predicts promised promises vowed vows pledged pledges boasted joked jokes quipped shouted cried yelled screamed whispered testified alleged alleges reiterated reiterates affirmed affirms agreed agrees objected mused wondered wonders recounted recounts described describes elaborated estimated estimates reported reports accused accuses called calls dubbed labeled labelled branded termed denounced denounces condemned condemns criticized criticizes criticised praised praises hailed hails welcomed welcomes blamed blames thanked challenged questioned questions cautioned explained charged urged pleaded begged assured assures signaled signalled indicated indicates summed acknowledged conceded exclaimed retorted snapped protested proclaimed announced informed advised reminded insisted speculated disclosed revealed reveals tells';

/** Reporting participles: the speaker is the subject of the sentence ("..., saying ..."). */
const REPORTING_PARTICIPLES =
  'saying adding noting warning explaining arguing insisting urging calling describing writing asking stressing claiming telling declaring emphasizing emphasising suggesting accusing demanding vowing pledging promising reiterating recalling acknowledging admitting predicting lamenting complaining cautioning';

/** Nouns for documents that "say" things on behalf of whoever issued them. */
const DOCUMENT_NOUNS =
  'statement report letter post message document study survey ruling verdict indictment complaint petition communique communiqué memo release filing lawsuit notice tweet article editorial commentary note video broadcast announcement resolution decree order charge sheet';

const PRONOUNS_MALE = 'he him his himself';
const PRONOUNS_FEMALE = 'she her hers herself';

const FEMALE_ROLES =
  'spokeswoman chairwoman congresswoman businesswoman policewoman actress mother wife daughter sister grandmother widow queen princess empress sheikha mrs ms miss madam mme lady dame aunt niece girl woman nun';
const MALE_ROLES =
  'spokesman chairman congressman businessman policeman actor father husband son brother grandfather widower king prince emperor pope sheikh emir sultan ayatollah mr sir lord uncle nephew boy man monk priest imam rabbi';

let cache: Lexicon | undefined;

/** The word lists, as sets of lowercase words. */
export interface Lexicon {
  male: Set<string>;
  female: Set<string>;
  familyFirst: Set<string>;
  keepTitles: Set<string>;
  honorifics: Set<string>;
  titleWords: Set<string>;
  abbreviatedTitles: Set<string>;
  roleNouns: Set<string>;
  orgNouns: Set<string>;
  orgWords: Set<string>;
  nonName: Set<string>;
  common: Set<string>;
  monthsAndDays: Set<string>;
  places: Set<string>;
  demonyms: Set<string>;
  reportingVerbs: Set<string>;
  reportingParticiples: Set<string>;
  documentNouns: Set<string>;
  malePronouns: Set<string>;
  femalePronouns: Set<string>;
  femaleRoles: Set<string>;
  maleRoles: Set<string>;
}

const toSet = (words: string): Set<string> => new Set(words.split(/\s+/).filter(Boolean));

/** Builds the word sets once, on first use. */
export function lexicon(): Lexicon {
  cache ??= {
    male: toSet(MALE),
    female: toSet(FEMALE),
    familyFirst: toSet(FAMILY_FIRST),
    keepTitles: toSet(KEEP_TITLES),
    honorifics: toSet(HONORIFICS),
    titleWords: toSet(TITLE_WORDS),
    abbreviatedTitles: toSet(ABBREVIATED_TITLES),
    roleNouns: toSet(ROLE_NOUNS),
    orgNouns: toSet(ORG_NOUNS),
    orgWords: toSet(ORG_WORDS),
    nonName: toSet(NON_NAME),
    common: toSet(COMMON_CAPITALIZED),
    monthsAndDays: toSet(MONTHS_AND_DAYS),
    places: toSet(PLACES),
    demonyms: toSet(DEMONYMS),
    reportingVerbs: toSet(REPORTING_VERBS),
    reportingParticiples: toSet(REPORTING_PARTICIPLES),
    documentNouns: toSet(DOCUMENT_NOUNS),
    malePronouns: toSet(PRONOUNS_MALE),
    femalePronouns: toSet(PRONOUNS_FEMALE),
    femaleRoles: toSet(FEMALE_ROLES),
    maleRoles: toSet(MALE_ROLES),
  };
  return cache;
}

/** True for a title word ("President", "Minister", "Sen."); an abbreviation needs its period. */
export function isTitleWord(lower: string, lex: Lexicon): boolean {
  if (lower.endsWith('.')) {
    const word = lower.slice(0, -1);
    return lex.titleWords.has(word) || lex.abbreviatedTitles.has(word);
  }
  return lex.titleWords.has(lower);
}
