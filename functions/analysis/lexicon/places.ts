// Places and the adjectives of places and peoples: never speakers by themselves.
// Space-separated lowercase words; `lexicon()` in index.ts turns them into sets on first use.

export const PLACES =
  'afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas ' +
  'bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil ' +
  'brunei bulgaria burkina burundi cambodia cameroon canada chad chile china colombia comoros congo ' +
  'croatia cuba cyprus czechia czech denmark djibouti dominica ecuador egypt eritrea estonia eswatini ' +
  'ethiopia fiji finland france gabon gambia georgia germany ghana greece grenada guatemala guinea ' +
  'guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan ' +
  'jordan kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia ' +
  'libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania ' +
  'mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique myanmar burma ' +
  'namibia nauru nepal netherlands holland nicaragua niger nigeria norway oman pakistan palau palestine ' +
  'panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa senegal serbia ' +
  'seychelles singapore slovakia slovenia somalia somaliland spain sudan suriname sweden switzerland ' +
  'syria taiwan tajikistan tanzania thailand timor togo tonga trinidad tunisia turkey turkiye türkiye ' +
  'turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu vatican venezuela vietnam yemen zambia ' +
  'zimbabwe america britain england scotland wales europe asia africa oceania antarctica arctic ' +
  'americas u.s. u.s.a. usa us uk u.k. eu u.n. un nato asean washington beijing moscow kyiv kiev london ' +
  'paris berlin tokyo seoul pyongyang taipei delhi new-delhi mumbai karachi lahore islamabad kabul ' +
  'tehran baghdad damascus beirut jerusalem gaza ramallah amman riyadh jeddah doha dubai abu-dhabi ' +
  'ankara istanbul cairo khartoum addis nairobi kampala kigali kinshasa lagos abuja accra dakar bamako ' +
  'niamey ouagadougou johannesburg pretoria harare lusaka maputo luanda mogadishu juba tripoli tunis ' +
  'algiers rabat caracas bogota lima santiago quito havana managua tegucigalpa brasilia rio buenos ' +
  'manila jakarta bangkok hanoi saigon yangon naypyitaw dhaka colombo kathmandu tashkent almaty astana ' +
  'bishkek dushanbe ashgabat baku yerevan tbilisi minsk warsaw prague budapest vienna rome madrid ' +
  'lisbon brussels amsterdam geneva zurich stockholm oslo helsinki copenhagen athens sofia bucharest ' +
  'belgrade sarajevo zagreb hong kong macau macao shanghai guangzhou shenzhen wuhan chengdu xinjiang ' +
  'tibet lhasa urumqi inner mongolia crimea donbas donetsk luhansk kharkiv odesa odessa mariupol ' +
  'kherson zaporizhzhia bakhmut kashmir punjab balochistan baluchistan sindh darfur tigray amhara ' +
  'oromia kordofan idlib aleppo homs raqqa mosul kirkuk erbil basra sinai west bank golan hebron rafah ' +
  'khan younis new york los angeles chicago houston miami boston san francisco seattle atlanta texas ' +
  'california florida virginia maryland arizona alabama alaska arkansas colorado connecticut delaware ' +
  'hawaii idaho illinois indiana iowa kansas kentucky louisiana maine massachusetts michigan minnesota ' +
  'mississippi missouri montana nebraska nevada hampshire jersey mexico carolina dakota ohio oklahoma ' +
  'oregon pennsylvania rhode tennessee utah vermont wisconsin wyoming capitol hill silicon valley wall ' +
  'street pentagon kremlin downing whitehall brussels strasbourg davos sahel horn balkans caucasus ' +
  'middle east west north south east central latin caribbean pacific atlantic indian mediterranean';

export const DEMONYMS =
  'american americans british chinese russian russians ukrainian ukrainians iranian iranians iraqi ' +
  'israeli israelis palestinian palestinians syrian lebanese egyptian saudi turkish afghan pakistani ' +
  'indian bangladeshi sri lankan nepali burmese myanmar thai vietnamese cambodian lao indonesian ' +
  'malaysian filipino singaporean japanese korean north-korean south-korean taiwanese tibetan uyghur ' +
  'uighur mongolian kazakh uzbek kyrgyz tajik turkmen azerbaijani armenian georgian belarusian polish ' +
  'czech slovak hungarian romanian bulgarian serbian croatian bosnian albanian greek italian spanish ' +
  'portuguese french german dutch belgian swiss austrian swedish norwegian danish finnish irish ' +
  'scottish welsh english canadian mexican cuban venezuelan colombian brazilian argentine argentinian ' +
  'chilean peruvian bolivian ecuadorian nicaraguan honduran guatemalan salvadoran haitian jamaican ' +
  'african nigerian ghanaian kenyan ethiopian eritrean somali sudanese south-sudanese ugandan rwandan ' +
  'congolese cameroonian senegalese malian nigerien burkinabe chadian libyan tunisian algerian moroccan ' +
  'egyptian zimbabwean zambian mozambican angolan namibian botswanan south-african tanzanian malawian ' +
  'european asian arab arabs muslim muslims christian christians jewish jews hindu hindus buddhist ' +
  'buddhists sikh kurdish kurd kurds rohingya hazara pashtun baloch sunni shia shiite western eastern ' +
  'northern southern islamic communist democratic republican conservative liberal socialist federal ' +
  'national international royal catholic orthodox protestant evangelical';

/** Words that make a state of places and peoples' words ("United States", "Czech Republic", "Russian Federation"). */
export const STATE_HEADS = 'states kingdom republic emirates federation';
