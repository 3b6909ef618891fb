// Given names (with gender), family names that come first, and titles that belong to a name.
// Space-separated lowercase words; `lexicon()` in index.ts turns them into sets on first use.

export const MALE =
  'aaron abbas abdel abdul abdullah abdullahi abe abel abiy abraham abu adam adel adnan adrian ahmad ' +
  'ahmed ahmet akbar akhtar akira alan alberto aleksandr aleksei alex alexander alexandre alexei alexey ' +
  'alexis alfred ali alireza alok amadou amir amit amos anand anatoly anders andre andrei andres andrew ' +
  'andrey andriy andrzej angel anthony antonio antony anwar aref arif arnold arsen arthur arturo arvind ' +
  'ashraf ashok asif ayman aziz bashar ben benjamin bernard bill binyamin bob bola boris brad brandon ' +
  'brendan brian bruce bruno bryan cameron carl carlos cesar chad charles chris christian christopher ' +
  'cyril cristian dan daniel danny dario darius dave david dennis denis derek diego dmitri dmitry ' +
  'dmytro donald doug douglas duncan dwight ebrahim eddie edgar edward edwin ehsan ekrem elias emeka ' +
  'emmanuel emmerson enrique eric erik ernesto esteban ethan eugene evan fabio faisal farid farhad ' +
  'fedor felipe felix fernando filipe francis francisco frank franz fred frederick friedrich fumio ' +
  'gabriel gary gavin geoffrey george gerald gerhard giorgi giovanni giuseppe glenn gordon graham greg ' +
  'gregory guillermo gustavo hakainde hamad hamid hans harold harry hasan hassan hector heinz henry ' +
  'herbert hideki hiroshi hossein hugo hussein ian ibrahim idris igor ilham imran isaac ismail ivan ' +
  'jack jacob jafar jake james jamal jan jared jason javad javier jean jeff jeffrey jeremy jerome jesus ' +
  'jim jimmy joao joe joel johan john johnny jon jonathan jorge jose josef joseph joshua juan julian ' +
  'julio justin kamal karim karl kazuo keith ken kenneth kevin khalid khaled kim kirill klaus kofi ' +
  'kwame kyle lamine larry lars laurent lawrence lee leo leon leonid liam lloyd louis luca lucas luis ' +
  'luiz luke lula mahmoud majid malik manuel marc marco marcos mario mark martin mateo matt matthew ' +
  'mauricio max maxim mehdi mehmet michael michel miguel mikhail mohamed mohammad mohammed mohsen moses ' +
  'muhammad muhammadu mustafa nabil narendra nasser nathan nawaz neil nelson nicholas nick nicolas ' +
  'nikita nikolai nnamdi noah norman olaf oleg oleksandr oleksiy oliver omar osama oscar osman owen ' +
  'pablo patrick paul pavel pedro peter petr philip philippe pierre qasem rafael rahul raila rajesh ' +
  'ralph ramon raul ravi raymond recep reza ricardo richard rick robert roberto rodrigo roger roman ' +
  'ronald rory ruben rudolf russell ryan saddam saeed salah salman sam samir samuel sandeep sanjay ' +
  'santiago sarkis saud scott sean sebastian selahattin sergei sergey sergio shahid shehbaz shinzo ' +
  'simon stanislav stefan stephen steve steven stuart syed takeshi tariq taro ted terry thabo thomas ' +
  'tim timothy todd tom tomas tony travis tyler umar uhuru usman valentin valery vasily victor viktor ' +
  'vincent vitaly vladimir vladislav volodymyr walid walter wei william willie xavier yahya yaroslav ' +
  'yasser yevgeny yoshihide yousef youssef yuri yusuf zaid zakaria zalmay zoran';

export const FEMALE =
  'abigail ada adriana agnes aisha alejandra alexandra alice alicia alina alison amal amanda amber ' +
  'amina aminata amy ana anastasia andrea angela angelina anita ann anna anne annette antonia ashley ' +
  'asma ayesha barbara beatrice benazir betty beverly bianca brenda bridget brittany camila carla ' +
  'carmen carol caroline catherine cecilia celine charlotte chloe christina christine cindy claire ' +
  'clara claudia colleen cristina cynthia daniela daria deborah debra denise diana diane donna dora ' +
  'dorothy elena eleanor elif elise elizabeth ellen emily emma esther eva evelyn fatima fatou fiona ' +
  'florence frances gabriela gloria grace hafsa hannah hanna helen helena hillary hina holly ilhan ines ' +
  'ingrid irina iris isabel isabella jacqueline jane janet janice jasmine jean jeanne jennifer jessica ' +
  'jill joan joanna jocelyn judith julia julie karen karina katarzyna katherine kathleen kathryn kathy ' +
  'katie kelly kim kimberly kristina laila lara laura lauren layla leila lilia linda lisa liz lucia ' +
  'lucy lyudmila madeleine mahsa malala mamata margaret maria mariam marie marina marine marta martha ' +
  'mary maryam masih maya megan melania melissa mia michelle mirjana miriam monica nadia nancy naomi ' +
  'narges nasrin natalia natalie natasha nathalie nicole nina noor nora nour olena olga olivia pamela ' +
  'patricia paula pauline priya rachel rania rebecca rita rosa rose ruth sabrina safiya salma samantha ' +
  'sandra sara sarah shannon sharon sheila shirin silvia simone sofia sonia sophia sophie stephanie ' +
  'susan suzanne svetlana tamara tanya tatiana teresa theresa tiffany tina tracy ursula valentina ' +
  'valeria vanessa vera veronica victoria virginia viktoria wendy yasmin yulia yolanda zahra zainab ' +
  'zeynep zoe';

/** word after one of these is most likely a given name. */
export const FAMILY_FIRST =
  'tsai xi li wang zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao zheng ' +
  'liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei ' +
  'su lu ding ren shen yao jin fu zhong qin wen hou bai kong mao kim park choi jung jeong kang cho yoon ' +
  'jang lim shin seo kwon hwang ahn yoo moon nguyen tran pham hoang phan vu dang bui ngo duong';

/** Titles that belong to the name and are kept in it ("Pope Francis", "Queen Rania"). */
export const KEEP_TITLES =
  'pope queen king prince princess sheikh sheikha emir sultan emperor empress ayatollah cardinal ' +
  'patriarch oba';

/** Honorifics: dropped from the name, but they mark a person and often a gender. */
export const HONORIFICS = 'mr mrs ms miss madam mme dr prof sir dame lord lady rev reverend fr';

/** Particles inside names ("Maria da Luz", "van der Merwe", "bin Rashid"): lowercase, yet part of the name. */
export const PARTICLES =
  'bin bint ibn al el de del dela delos della der den di da das dos du la le van von ter ten y abu ould';
