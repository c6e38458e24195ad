/**
 * Word lists for salient-term extraction. Function words and newsroom filler carry
 * no evidence about which event a report describes, so they never enter a vector.
 */
export const stopwords: ReadonlySet<string> = new Set(
  (
    'a about above after again against all almost along already also although always am among an and another any anyone ' +
    'anything are around as at away back be became because become been before being below between both but by can could ' +
    'did do does doing done down during each either else enough even ever every few for from further get gets getting got ' +
    'had has have having he her here hers herself him himself his how however i if in including inside into is it its ' +
    'itself just last least less let like made make makes many may me might more most much must my near nearly neither ' +
    'never next no nor not now of off often on once one only onto or other others our ours ourselves out over own per ' +
    'perhaps quite rather said same say saying says see seen she should since so some still such than that the their ' +
    'theirs them themselves then there these they this those though through thus to too toward towards under until up ' +
    'upon us very via was we well were what whatever when where whether which while who whom whose why will with within ' +
    'without would yet you your yours yourself amid despite across behind beyond according told tells tell asked ' +
    // Newsroom filler: datelines, live-page furniture and attribution verbs.
    'new news latest live update updates report reports reported reporting watch video videos photo photos ' +
    'picture pictures breaking today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday ' +
    'week weeks day days month months year years time times hour hours minute minutes morning evening night ' +
    'first second third mr mrs ms dr st am pm gmt utc local people official officials source sources statement ' +
    'announced add added adds call called calls claim claims claimed show shows showed take takes took way ways ' +
    'here’s what’s it’s know need needs want wants look looks come comes came go goes going went use used using ' +
    'thing things lot lots part parts put set says’ s t al el percent cent ' +
    // Function words of the other languages Sitrep's feeds come in (Spanish, Portuguese, French, Italian,
    // German, Russian), accents folded as tokens are. Left out where they are English content words too:
    // German "die" and "war", Spanish and French "son", German "hat" and "man", Italian "ai", Spanish "era".
    'de la las los lo le les del en que un una unos unas por con para se su sus como mas pero sobre este esta ' +
    'estos estas entre tras ante desde hasta ya muy tambien fue fueron ha han es ser hay estan nos otro otra ' +
    'donde cuando porque segun durante contra todo todos dos tras ' +
    'os as do da das dos no na nos nas em com um uma uns umas pelo pela pelos pelas ao aos apos ate sem ja foi sao ' +
    'esta estao tem seu sua seus suas ele ela eles elas isso nao muito diz dizem segundo depois antes ainda ' +
    'des du et au aux dans pour par sur avec qui ne pas plus sa ses il elle ils elles est sont ete etre ont ce ' +
    'cette ces mais ou leur leurs apres avant selon sans sous chez lors tout tous toute aussi deja encore ' +
    'il gli di della dei delle degli dello dal dalla nel nella nei su sul sulla tra fra non uno ed piu sono ' +
    'stato stata essere hanno anche dopo quando dove questo questa suo loro ci si alla alle agli ' +
    'der das den dem ein eine einer einen einem und oder ist sind wird werden wurde mit von vom zu zum zur im ' +
    'auf fur nicht auch sich bei nach aus uber gegen wie noch nur als um haben es er sie wir ihr dass seit vor ' +
    'bis unter zwischen soll kann mehr ' +
    'и в во не что на с со как а то по к у из за от о об для это его ее её их он она они так же бы ли уже или ' +
    'до после при над под без между был была были было будет есть также который которая которые этот эта эти'
  ).split(/\s+/),
);

/**
 * Spelling and wording variants that outlets use for the same thing. Mapping them to
 * one form lets "quake" meet "earthquake" and "seven killed" meet "7 dead".
 */
export const variants: ReadonlyMap<string, string> = new Map([
  ['bomber', 'bomb'],
  ['bombers', 'bomb'],
  ['bombing', 'bomb'],
  ['bombings', 'bomb'],
  ['bombed', 'bomb'],
  ['attacker', 'attack'],
  ['attackers', 'attack'],
  ['assault', 'attack'],
  ['raid', 'attack'],
  ['raids', 'attack'],
  ['rescuers', 'rescu'],
  ['rescuer', 'rescu'],
  ['protesters', 'protest'],
  ['protester', 'protest'],
  ['demonstrators', 'protest'],
  ['demonstrations', 'protest'],
  ['kidnapped', 'kidnap'],
  ['kidnapping', 'kidnap'],
  ['kidnappings', 'kidnap'],
  ['kidnappers', 'kidnap'],
  ['abducted', 'kidnap'],
  ['abduction', 'kidnap'],
  ['abduct', 'kidnap'],
  ['abducts', 'kidnap'],
  ['pupils', 'student'],
  ['pupil', 'student'],
  ['schoolchildren', 'student'],
  ['students', 'student'],
  ['flats', 'apartment'],
  ['shiite', 'shia'],
  ["shi'ite", 'shia'],
  ['shiites', 'shia'],
  ["shi'ites", 'shia'],
  ['isil', 'isis'],
  ['isilk', 'isis'],
  ['isisk', 'isis'],
  ['iskp', 'isis'],
  ['daesh', 'isis'],
  ['presidential', 'president'],
  ['elections', 'election'],
  ['electoral', 'election'],
  ['nuclear', 'nuclear'],
  ['negotiators', 'talk'],
  ['negotiations', 'talk'],
  ['quake', 'earthquake'],
  ['defence', 'defense'],
  ['offence', 'offense'],
  ['centre', 'center'],
  ['programme', 'program'],
  ['labour', 'labor'],
  ['organisation', 'organization'],
  ['ministry', 'minister'],
  ['ministers', 'minister'],
  ['quakes', 'earthquake'],
  ['tremor', 'earthquake'],
  ['blast', 'explosion'],
  ['blasts', 'explosion'],
  ['exploded', 'explosion'],
  ['explodes', 'explosion'],
  ['dead', 'die'],
  ['death', 'die'],
  ['deaths', 'die'],
  ['died', 'die'],
  ['dies', 'die'],
  ['dying', 'die'],
  ['deadly', 'die'],
  ['toll', 'die'],
  ['killed', 'kill'],
  ['killing', 'kill'],
  ['killings', 'kill'],
  ['kills', 'kill'],
  ['slain', 'kill'],
  ['struck', 'strike'],
  ['airstrike', 'strike'],
  ['airstrikes', 'strike'],
  ['shot', 'shoot'],
  ['gunfire', 'shoot'],
  ['fled', 'flee'],
  ['met', 'meet'],
  ['talks', 'talk'],
  ['truce', 'ceasefire'],
  ['cease-fire', 'ceasefire'],
  ['wounded', 'injur'],
  ['injured', 'injur'],
  ['injuries', 'injur'],
  ['hurt', 'injur'],
  ['troops', 'soldier'],
  ['soldiers', 'soldier'],
  ['militants', 'militant'],
  ['insurgents', 'militant'],
  ['gunmen', 'gunman'],
  ['polls', 'vote'],
  ['voting', 'vote'],
  ['ballot', 'vote'],
  ['ousted', 'oust'],
  ['resigns', 'resign'],
  ['resigned', 'resign'],
  ['resignation', 'resign'],
  ['quits', 'resign'],
  ['quit', 'resign'],
  ['steps', 'step'],
  ['sank', 'sink'],
  ['sunk', 'sink'],
  ['capsized', 'sink'],
  ['capsizes', 'sink'],
  ['capsize', 'sink'],
  ['held', 'hold'],
  ['arrested', 'arrest'],
  ['detained', 'arrest'],
  ['detains', 'arrest'],
  ['seized', 'seize'],
  ['fighters', 'fighter'],
  ['rebels', 'rebel'],
  ['refugees', 'refugee'],
  ['migrants', 'migrant'],
  ['executed', 'execut'],
  ['executions', 'execut'],
  ['execution', 'execut'],
  ['u.s.', 'usa'],
  ['u.s', 'usa'],
  ['america', 'usa'],
  ['american', 'usa'],
  ['americans', 'usa'],
  ['washington', 'usa'],
  ['u.k.', 'uk'],
  ['britain', 'uk'],
  ['british', 'uk'],
  ['u.n.', 'un'],
  ['israeli', 'israel'],
  ['israelis', 'israel'],
  ['iranian', 'iran'],
  ['iranians', 'iran'],
  ['tehran', 'iran'],
  ['palestinian', 'palestine'],
  ['palestinians', 'palestine'],
  ['ukrainian', 'ukraine'],
  ['ukrainians', 'ukraine'],
  ['kyiv', 'ukraine'],
  ['russian', 'russia'],
  ['russians', 'russia'],
  ['moscow', 'russia'],
  ['kremlin', 'russia'],
  ['chinese', 'china'],
  ['beijing', 'china'],
  ['afghan', 'afghanistan'],
  ['afghans', 'afghanistan'],
  ['kabul', 'afghanistan'],
  ['pakistani', 'pakistan'],
  ['islamabad', 'pakistan'],
  ['indian', 'india'],
  ['syrian', 'syria'],
  ['damascus', 'syria'],
  ['iraqi', 'iraq'],
  ['baghdad', 'iraq'],
  ['lebanese', 'lebanon'],
  ['beirut', 'lebanon'],
  ['yemeni', 'yemen'],
  ['sudanese', 'sudan'],
  ['khartoum', 'sudan'],
  ['turkish', 'turkey'],
  ['turkiye', 'turkey'],
  ['ankara', 'turkey'],
  ['french', 'france'],
  ['german', 'germany'],
  ['japanese', 'japan'],
  ['tokyo', 'japan'],
  ['korean', 'korea'],
  ['colombian', 'colombia'],
  ['mexican', 'mexico'],
  ['brazilian', 'brazil'],
  ['nigerian', 'nigeria'],
  ['ethiopian', 'ethiopia'],
  ['somali', 'somalia'],
  ['saudi', 'saudi'],
  ['egyptian', 'egypt'],
  ['cairo', 'egypt'],
  ['qatari', 'qatar'],
  ['doha', 'qatar'],
  ['congolese', 'congo'],
  ['drc', 'congo'],
  ['burundian', 'burundi'],
  ['rwandan', 'rwanda'],
  ['kenyan', 'kenya'],
  ['kenyans', 'kenya'],
  ['bangladeshi', 'bangladesh'],
  ['nepali', 'nepal'],
  ['nepalese', 'nepal'],
  ['burmese', 'myanmar'],
  ['thai', 'thailand'],
  ['vietnamese', 'vietnam'],
  ['indonesian', 'indonesia'],
  ['filipino', 'philippines'],
  ['australian', 'australia'],
  ['canadian', 'canada'],
  ['canadians', 'canada'],
  ['spanish', 'spain'],
  ['italian', 'italy'],
  ['polish', 'poland'],
  ['libyan', 'libya'],
  ['tunisian', 'tunisia'],
  ['algerian', 'algeria'],
  ['moroccan', 'morocco'],
  ['jordanian', 'jordan'],
  ['omani', 'oman'],
  ['emirati', 'uae'],
  ['venezuelan', 'venezuela'],
  ['cuban', 'cuba'],
  ['haitian', 'haiti'],
  ['peruvian', 'peru'],
  ['chilean', 'chile'],
  ['argentine', 'argentina'],
  ['ecuadorean', 'ecuador'],
  ['ecuadorian', 'ecuador'],
  ['zimbabwean', 'zimbabwe'],
  ['zambian', 'zambia'],
  ['ghanaian', 'ghana'],
  ['malian', 'mali'],
  ['nigerien', 'niger'],
  ['chadian', 'chad'],
  ['eritrean', 'eritrea'],
  ['taiwanese', 'taiwan'],
  ['greek', 'greece'],
  ['serbian', 'serbia'],
  ['belarusian', 'belarus'],
  ['georgian', 'georgia'],
  ['armenian', 'armenia'],
  ['azerbaijani', 'azerbaijan'],
  ['kazakh', 'kazakhstan'],
]);

/** Small number words, written out by some outlets and as digits by others. */
export const numberWords: ReadonlyMap<string, string> = new Map(
  [
    'zero', '', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
    'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
  ]
    .map((word, index): [string, string] => [word, String(index)])
    .filter(([word]) => word.length > 0),
);

/** Irregular forms the suffix stripper cannot reach. */
export const irregularStems: ReadonlyMap<string, string> = new Map([
  ['children', 'child'],
  ['women', 'woman'],
  ['men', 'man'],
  ['rose', 'rise'],
  ['risen', 'rise'],
  ['fell', 'fall'],
  ['fallen', 'fall'],
  ['won', 'win'],
  ['lost', 'lose'],
  ['left', 'leave'],
  ['began', 'begin'],
  ['begun', 'begin'],
  ['hit', 'hit'],
  ['spoke', 'speak'],
  ['spoken', 'speak'],
  ['sought', 'seek'],
  ['fought', 'fight'],
  ['brought', 'bring'],
  ['caught', 'catch'],
  ['taught', 'teach'],
  ['thousands', 'thousand'],
  ['hundreds', 'hundred'],
  ['millions', 'million'],
]);

/**
 * Country words (after variant mapping) in plain text. They let the clusterer see
 * "a meeting with China" and "a meeting with Pakistan" as different specifics even
 * when no place tagger ran.
 */
export const countryTerms: ReadonlySet<string> = new Set(
  (
    'usa uk un eu iran israel palestine ukraine russia china afghanistan pakistan india syria iraq lebanon yemen sudan ' +
    'turkey france germany japan korea colombia mexico brazil nigeria ethiopia somalia saudi egypt qatar canada spain ' +
    'italy kenya libya tunisia algeria morocco jordan oman bahrain kuwait emirates uae bangladesh nepal myanmar ' +
    'thailand vietnam indonesia malaysia philippines australia argentina chile peru venezuela ecuador cuba haiti ' +
    'poland hungary greece serbia belarus georgia armenia azerbaijan kazakhstan uzbekistan tajikistan iceland ' +
    'ireland norway sweden finland denmark netherlands belgium switzerland austria portugal zimbabwe zambia malawi ' +
    'mozambique congo rwanda uganda tanzania ghana senegal mali niger chad cameroon eritrea djibouti taiwan gaza'
  ).split(/\s+/),
);
