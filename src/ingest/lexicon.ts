// Hand-kept word lists for the rule layer. They describe how English news copy is written (titles, speech verbs,
// agencies), not any one story: a word belongs here only if it would be right in most wire stories.

/** Head nouns of a role or title ("foreign minister", "spokesperson", "head coach"). Lower-case. */
export const TITLE_HEADS = new Set([
  'president', 'vice-president', 'premier', 'chancellor', 'minister', 'secretary', 'secretary-general', 'spokesperson',
  'spokesman', 'spokeswoman', 'adviser', 'advisor', 'counterpart', 'leader', 'king', 'queen', 'prince', 'princess', 'emir',
  'sheikh', 'ambassador', 'envoy', 'general', 'colonel', 'commander', 'chief', 'head', 'director', 'ceo', 'cfo', 'coo',
  'cto', 'chairman', 'chairwoman', 'chairperson', 'chair', 'governor', 'mayor', 'senator', 'representative', 'lawmaker',
  'mp', 'mep', 'official', 'pope', 'patriarch', 'ayatollah', 'judge', 'justice', 'prosecutor', 'attorney', 'coach',
  'manager', 'captain', 'founder', 'co-founder', 'photographer', 'correspondent', 'reporter', 'editor', 'analyst',
  'economist', 'strategist', 'professor', 'researcher', 'scientist', 'investor', 'dr', 'mr', 'mrs', 'ms', 'sir', 'lord',
  'lady', 'dame', 'fm', 'pm', 'speaker', 'aide', 'negotiator', 'diplomat', 'monarch', 'officer', 'executive',
  'secretary', 'commissioner', 'partner', 'member', 'referee', 'striker', 'midfielder', 'defender', 'goalkeeper',
  'forward', 'winger', 'champion', 'player', 'rep', 'sen', 'gen', 'lt', 'col', 'capt', 'prof', 'cardinal', 'archbishop',
  'bishop', 'rabbi', 'imam', 'sultan', 'crown', 'deputy', 'lawyer', 'economist', 'trader', 'activist', 'candidate',
  'nominee', 'owner', 'boss', 'chief executive', 'inspector', 'superintendent', 'sergeant', 'major', 'principal',
  'driver', 'administrator', 'engineer', 'physician', 'msp', 'mla', 'mpp', 'qc', 'kc', 'td',
]);

/** Honorifics: they mark a person (and often a gender) but are not a role ("Mr Smith" has no stated role). Lower-case. */
export const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'lady', 'lord', 'mr.', 'mrs.', 'ms.', 'dr.', 'prof.']);

/** Words that can stand inside a title chain ("senior", "foreign", "former", "head"). Lower-case. */
export const TITLE_MODIFIERS = new Set([
  'senior', 'former', 'deputy', 'acting', 'interim', 'top', 'chief', 'vice', 'prime', 'foreign', 'defence', 'defense',
  'interior', 'finance', 'financial', 'economy', 'economic', 'health', 'justice', 'education', 'trade', 'energy',
  'agriculture', 'culture', 'home', 'state', 'executive', 'general', 'military', 'security', 'national', 'presidential',
  'press', 'government', 'opposition', 'party', 'ministry', 'white', 'house', 'de', 'facto', 'self-declared', 'exiled',
  'crown', 'supreme', 'first', 'assistant', 'associate', 'special', 'longtime', 'long-time', 'veteran', 'new',
  'outgoing', 'incoming', 'commerce', 'environment', 'environmental', 'transport', 'labour', 'labor', 'treasury',
  'technology', 'technical', 'operating', 'managing', 'global', 'regional', 'head', 'team', 'club', 'sporting',
  'marketing', 'communications', 'information', 'digital', 'industry', 'science', 'research', 'investment',
  'activist', 'independent', 'non-executive', 'lead', 'principal', 'semiconductor', 'market', 'equity', 'chief',
  'union', 'party', 'army', 'police', 'fire', 'district', 'attorney', 'majority', 'minority', 'house', 'senate',
]);

/** Honorifics and gendered role words: they mark a person and tell pronoun resolution who "she" can be. */
export const GENDERED_WORDS: Record<string, 'm' | 'f'> = {
  mr: 'm', sir: 'm', lord: 'm', king: 'm', prince: 'm', spokesman: 'm', chairman: 'm', emir: 'm', sultan: 'm',
  mrs: 'f', ms: 'f', miss: 'f', lady: 'f', dame: 'f', queen: 'f', princess: 'f', spokeswoman: 'f', chairwoman: 'f',
};

/** Reporting verbs: a quote or statement next to one of these has a speaker. Lower-case surface forms. */
export const SPEECH_VERBS = new Set([
  'said', 'says', 'say', 'saying', 'told', 'tells', 'telling', 'added', 'adds', 'adding', 'noted', 'notes', 'noting',
  'stated', 'states', 'explained', 'explains', 'explaining', 'commented', 'recalled', 'warned', 'warns', 'warning',
  'urged', 'urges', 'urging', 'asked', 'asks', 'asking', 'called', 'calls', 'calling', 'insisted', 'insists',
  'insisting', 'stressed', 'stresses', 'emphasised', 'emphasized', 'announced', 'announces', 'declared', 'declares',
  'argued', 'argues', 'arguing', 'claimed', 'claims', 'wrote', 'writes', 'tweeted', 'posted', 'replied', 'responded',
  'acknowledged', 'admitted', 'admits', 'reported', 'reports', 'vowed', 'vows', 'pledged', 'pledges', 'promised',
  'suggested', 'suggests', 'described', 'describes', 'describing', 'welcomed', 'demanded', 'demands', 'accused',
  'accuses', 'praised', 'criticised', 'criticized', 'confirmed', 'confirms', 'denied', 'denies', 'dismissed',
  'appealed', 'conceded', 'cautioned', 'predicted', 'joked', 'quipped', 'boasted', 'complained', 'lamented',
  'sought', 'hailed', 'branded', 'labelled', 'labeled', 'dubbed', 'announcing', 'declaring', 'vowing', 'pledging',
  'promising', 'stressing', 'adding', 'observed', 'continued', 'concluded', 'remarked', 'shouted', 'whispered',
  'answered', 'countered', 'maintained', 'reiterated', 'affirmed', 'assured', 'assures', 'said:', 'testified',
]);

/** Nouns for someone who speaks on an organisation's behalf ("a spokesman for Intel"). */
export const SPOKESPERSON_NOUNS = new Set([
  'spokesman', 'spokeswoman', 'spokesperson', 'representative', 'official', 'officials', 'source', 'sources',
  'statement', 'spokespeople', 'lawyer', 'lawyers',
]);

/** Document nouns that can "say" something: "the paper urges", "the statement said". */
export const DOCUMENT_NOUNS = new Set([
  'paper', 'statement', 'report', 'document', 'plan', 'proposal', 'communique', 'declaration', 'letter', 'resolution',
  'filing', 'study', 'survey', 'memo', 'ruling', 'verdict', 'judgment', 'agreement',
]);

/** Nouns that refer back to an organisation ("the company said"). */
export const ORGANIZATION_ANAPHORS = new Set([
  'company', 'group', 'firm', 'bank', 'ministry', 'agency', 'club', 'team', 'government', 'carrier', 'airline',
  'retailer', 'lender', 'insurer', 'maker', 'chipmaker', 'automaker', 'carmaker', 'regulator', 'union', 'party',
  'alliance', 'court', 'council', 'commission', 'organisation', 'organization', 'network', 'broadcaster', 'startup',
  'conglomerate', 'giant', 'operator', 'producer', 'manufacturer',
]);

/** News agencies and media: organisations that report statements, and appear in photo credits. */
export const NEWS_AGENCIES = new Map<string, string>([
  ['reuters', 'Reuters'], ['afp', 'AFP'], ['agence france-presse', 'AFP'], ['ap', 'AP'], ['associated press', 'AP'],
  ['the associated press', 'AP'], ['ap photo', 'AP'], ['bloomberg', 'Bloomberg'], ['xinhua', 'Xinhua'], ['tass', 'TASS'],
  ['ria novosti', 'RIA Novosti'], ['interfax', 'Interfax'], ['ukrinform', 'Ukrinform'], ['belta', 'BelTA'],
  ['anadolu', 'Anadolu Agency'], ['anadolu agency', 'Anadolu Agency'], ['kyodo', 'Kyodo'], ['yonhap', 'Yonhap'],
  ['sputnik', 'Sputnik'], ['isna', 'ISNA'], ['irna', 'IRNA'], ['mna', 'MNA'], ['mehr', 'MNA'], ['wafa', 'WAFA'],
  ['sana', 'SANA'], ['ani', 'ANI'], ['efe', 'EFE'], ['ansa', 'ANSA'], ['dpa', 'dpa'], ['pti', 'PTI'],
  ['al jazeera', 'Al Jazeera'], ['bbc', 'BBC'], ['cnn', 'CNN'], ['cnbc', 'CNBC'], ['getty images', 'Getty Images'],
  ['getty', 'Getty Images'], ['epa', 'EPA'], ['epa-efe', 'EPA-EFE'], ['shutterstock', 'Shutterstock'],
  ['action images', 'Action Images'], ['pa images', 'PA Images'], ['pa media', 'PA Media'], ['pa', 'PA'],
  ['nurphoto', 'NurPhoto'], ['sopa images', 'SOPA Images'], ['abaca', 'Abaca'], ['alamy', 'Alamy'],
  ['financial times', 'Financial Times'], ['the new york times', 'The New York Times'],
  ['new york times', 'The New York Times'], ['wall street journal', 'The Wall Street Journal'],
  ['the wall street journal', 'The Wall Street Journal'], ['washington post', 'The Washington Post'],
  ['the washington post', 'The Washington Post'], ['the guardian', 'The Guardian'], ['politico', 'Politico'],
  ['axios', 'Axios'], ['fox news', 'Fox News'], ['nbc', 'NBC'], ['nbc news', 'NBC News'], ['abc', 'ABC'],
  ['cbs', 'CBS'], ['sky news', 'Sky News'], ['france 24', 'France 24'], ['dw', 'DW'], ['rt', 'RT'],
  ['eurosport', 'Eurosport'], ['espn', 'ESPN'], ['pool', 'Pool'],
  // Broadcasters that carry interviews ("he told Sky Sports").
  ['sky sports', 'Sky Sports'], ['sky italia', 'Sky Italia'], ['sky deutschland', 'Sky Deutschland'], ['bt sport', 'BT Sport'],
  ['tnt sports', 'TNT Sports'], ['dazn', 'DAZN'], ['bein sports', 'beIN Sports'], ['canal+', 'Canal+'],
  ['rai', 'RAI'], ['zdf', 'ZDF'], ['ard', 'ARD'], ['tf1', 'TF1'], ['france 2', 'France 2'], ['itv', 'ITV'],
  ['channel 4', 'Channel 4'], ['nhk', 'NHK'], ['cctv', 'CCTV'], ['al arabiya', 'Al Arabiya'], ['rtl', 'RTL'], ['rte', 'RTE'],
  ['abc news', 'ABC News'], ['cbs news', 'CBS News'], ['pbs', 'PBS'], ['npr', 'NPR'], ['msnbc', 'MSNBC'],
]);

/** Well-known institutions and bodies; `standsFor` marks seats of power used for a government ("the Kremlin"). */
export const KNOWN_ORGANIZATIONS = new Map<string, { name: string; standsFor?: string }>([
  ['kremlin', { name: 'Kremlin', standsFor: 'Russia' }], ['white house', { name: 'White House', standsFor: 'United States' }],
  ['pentagon', { name: 'Pentagon', standsFor: 'United States' }],
  ['downing street', { name: 'Downing Street', standsFor: 'United Kingdom' }],
  ['elysee', { name: 'Elysee', standsFor: 'France' }], ['nato', { name: 'NATO' }],
  ['european union', { name: 'European Union' }], ['eu', { name: 'European Union' }],
  ['united nations', { name: 'United Nations' }], ['un', { name: 'United Nations' }], ['u.n.', { name: 'United Nations' }],
  ['u.n', { name: 'United Nations' }], ['imf', { name: 'IMF' }],
  ['international monetary fund', { name: 'IMF' }], ['world bank', { name: 'World Bank' }], ['who', { name: 'WHO' }],
  ['world health organization', { name: 'WHO' }], ['opec', { name: 'OPEC' }], ['g7', { name: 'G7' }],
  ['g-7', { name: 'G7' }], ['g20', { name: 'G20' }], ['g-20', { name: 'G20' }], ['brics', { name: 'BRICS' }],
  ['hamas', { name: 'Hamas' }], ['hezbollah', { name: 'Hezbollah' }], ['taliban', { name: 'Taliban' }],
  ['security council', { name: 'UN Security Council' }], ['european commission', { name: 'European Commission' }],
  ['european parliament', { name: 'European Parliament' }], ['european central bank', { name: 'European Central Bank' }],
  ['ecb', { name: 'European Central Bank' }], ['federal reserve', { name: 'Federal Reserve' }],
  ['fed', { name: 'Federal Reserve' }], ['bank of england', { name: 'Bank of England' }],
  ['treasury', { name: 'Treasury' }], ['bundesbank', { name: 'Bundesbank' }], ['knesset', { name: 'Knesset' }],
  ['duma', { name: 'Duma' }], ['bundestag', { name: 'Bundestag' }], ['parliament', { name: 'Parliament' }],
  ['congress', { name: 'Congress' }], ['senate', { name: 'Senate' }], ['fifa', { name: 'FIFA' }], ['uefa', { name: 'UEFA' }],
  ['ioc', { name: 'IOC' }], ['atp', { name: 'ATP' }], ['wta', { name: 'WTA' }], ['nba', { name: 'NBA' }], ['nfl', { name: 'NFL' }],
  ['premier league', { name: 'Premier League' }], ['wto', { name: 'WTO' }], ['oecd', { name: 'OECD' }],
  ['african union', { name: 'African Union' }], ['asean', { name: 'ASEAN' }], ['interpol', { name: 'Interpol' }],
  ['eurostat', { name: 'Eurostat' }], ['google', { name: 'Google' }], ['apple', { name: 'Apple' }],
  ['microsoft', { name: 'Microsoft' }], ['amazon.com', { name: 'Amazon' }], ['meta', { name: 'Meta' }],
  ['openai', { name: 'OpenAI' }], ['tesla', { name: 'Tesla' }], ['nvidia', { name: 'Nvidia' }],
  // Large companies whose names the place list or the fallbacks get wrong (a city, a given name, a common word).
  ...[
    'Boeing', 'Airbus', 'Mercedes', 'Mercedes-Benz', 'Ferrari', 'Red Bull', 'McLaren', 'Aston Martin',
    'Unilever', 'Nestle', 'Volkswagen', 'BMW', 'Renault', 'Peugeot', 'Stellantis', 'Toyota', 'Honda', 'Nissan',
    'Hyundai', 'General Motors', 'Sony', 'Intel', 'AMD', 'Qualcomm', 'IBM', 'Oracle', 'Netflix',
    'Alphabet', 'Anthropic', 'Huawei', 'Alibaba', 'Tencent', 'TikTok', 'ByteDance', 'Shell', 'BP', 'ExxonMobil', 'Chevron',
    'TotalEnergies', 'Aramco', 'Pfizer', 'Moderna', 'AstraZeneca', 'Novartis', 'Roche', 'Bayer', 'HSBC', 'Barclays',
    'JPMorgan', 'Goldman Sachs', 'Morgan Stanley', 'Citigroup', 'BlackRock', 'UBS', 'Deutsche Bank', 'Walmart', 'Disney',
    'SpaceX', 'X Corp', 'Uber', 'Spotify', 'Ryanair', 'Lufthansa', 'Emirates Airline', 'Qatar Airways', 'Glencore', 'Rio Tinto',
  ].map((name): [string, { name: string }] => [name.toLowerCase(), { name }]),
  // Political parties and public bodies that news copy names in one word or an abbreviation.
  ...[
    'Labour', 'Conservatives', 'Tories', 'Liberal Democrats', 'Lib Dems', 'SNP', 'Plaid Cymru', 'Sinn Fein', 'DUP',
    'Reform UK', 'Democrats', 'Republicans', 'GOP', 'Likud', 'Fatah', 'CDU', 'SPD', 'AfD', 'ANC', 'BJP',
    'NHS', 'HMRC', 'Ofcom', 'Ofgem', 'Ofsted', 'Ofwat', 'DVLA', 'Met Office', 'Network Rail', 'Scotland Yard', 'MI5', 'MI6',
    'FBI', 'CIA', 'NASA', 'SEC', 'FDA', 'Europol', 'Frontex', 'Mobil', 'Kia', 'Fiat', 'Volvo', 'Siemens', 'Philips', 'Nokia',
    'Ericsson', 'Samsung', 'Facebook', 'Twitter', 'Instagram', 'YouTube', 'WhatsApp', 'Tesco', 'Sainsbury\'s', 'Asda', 'Arsenal', 'Everton',
  ].map((name): [string, { name: string }] => [name.toLowerCase(), { name }]),
  // Football clubs whose names are not just their city (those are judged by sports context in extract-entities).
  ...[
    'Manchester United', 'Newcastle United', 'Tottenham Hotspur', 'Tottenham', 'West Ham United', 'West Ham',
    'Aston Villa', 'Leeds United', 'Leicester City', 'Crystal Palace', 'Atletico Madrid', 'Real Sociedad',
    'Real Betis', 'Athletic Bilbao', 'Bayern Munich', 'Borussia Dortmund', 'Bayer Leverkusen', 'RB Leipzig', 'Inter Milan',
    'AC Milan', 'Juventus', 'Napoli', 'AS Roma', 'Lazio', 'Paris Saint-Germain', 'PSG', 'Olympique de Marseille', 'Ajax',
    'PSV Eindhoven', 'Feyenoord', 'Benfica', 'Sporting Lisbon', 'Celtic', 'Rangers', 'Galatasaray', 'Fenerbahce',
    'Sheffield Wednesday', 'Sheffield United', 'Queens Park Rangers', 'Preston North End', 'Heart of Midlothian', 'Hibernian',
    'Wolverhampton Wanderers', 'Brighton & Hove Albion', 'Nottingham Forest', 'Partick Thistle', 'Hamilton Academical',
  ].map((name): [string, { name: string }] => [name.toLowerCase(), { name }]),
]);

/** Last words that make a capitalised name an organisation ("Pangu Party", "Foreign Ministry", "Wagner Group"). */
export const ORGANIZATION_HEADS = new Set([
  'ministry', 'agency', 'council', 'committee', 'commission', 'party', 'bank', 'university', 'parliament', 'assembly',
  'court', 'army', 'forces', 'organization', 'organisation', 'association', 'institute', 'institution', 'foundation',
  'corporation', 'corp', 'inc', 'ltd', 'llc', 'plc', 'group', 'company', 'co', 'office', 'department', 'service',
  'services', 'federation', 'alliance', 'front', 'brigade', 'network', 'times', 'post', 'news', 'guard', 'police',
  'navy', 'airlines', 'airways', 'fund', 'union', 'congress', 'board', 'authority', 'bureau', 'observatory', 'club',
  'league', 'society', 'movement', 'coalition', 'holdings', 'partners', 'capital', 'motors', 'systems',
  'technologies', 'labs', 'industries', 'telegraph', 'journal', 'tribune', 'herald', 'press', 'media', 'trust',
  'exchange', 'reserve', 'school', 'college', 'hospital', 'church', 'mission', 'embassy', 'consulate', 'cabinet',
  'senate', 'tribunal', 'directorate', 'secretariat', 'command', 'regiment', 'battalion', 'division', 'government',
  'opposition', 'administration', 'ministries', 'council',
  // Company forms and words that end company names, never a person's ("Johnson Controls", "Amnesty International").
  'sa', 's.a', 'spa', 'ag', 'nv', 'bv', 'gmbh', 'bhd', 'tbk', 'pty', 'cos', 'bros', 'bancorp', 'bancshares', 'international',
  'chemical', 'chemicals', 'electric', 'power', 'controls', 'copper', 'cement', 'cables', 'communications', 'energy',
  'petroleum', 'pharmaceuticals', 'insurance', 'securities', 'electronics', 'foods', 'mining', 'resources', 'telecom',
  'airport', 'railways', 'steel', 'zeitung', 'gazette', 'commodities', 'investments', 'enterprises', 'entertainment',
]);

/** First words of football and other club names before a place ("Dynamo Moscow", "Standard Liege"). Lower-case. */
export const CLUB_PREFIXES = new Set([
  'dynamo', 'dinamo', 'spartak', 'lokomotiv', 'torpedo', 'cska', 'standard', 'sporting', 'real', 'racing', 'atletico',
  'athletic', 'olympique', 'olympiakos', 'olympiacos', 'inter', 'internazionale', 'fc', 'sc', 'sk', 'ac', 'as', 'rc', 'cd', 'sv', 'vfb',
  'vfl', 'tsv', 'fk', 'nk', 'hajduk', 'slavia', 'sparta', 'partizan', 'rapid', 'borussia', 'deportivo', 'union', 'rotor',
]);

/** Last words that make a capitalised name a place ("Emirates Stadium", "Temple Mount", "Red Square"). */
export const PLACE_HEADS = new Set([
  'stadium', 'arena', 'square', 'airport', 'street', 'avenue', 'road', 'bridge', 'palace', 'park', 'river', 'lake',
  'mountains', 'mountain', 'mount', 'island', 'islands', 'sea', 'ocean', 'gulf', 'bay', 'strait', 'valley', 'desert',
  'province', 'region', 'oblast', 'county', 'district', 'state', 'republic', 'kingdom', 'emirates', 'peninsula',
  'coast', 'plaza', 'harbour', 'harbor', 'port', 'canal', 'forest', 'hills', 'heights', 'circuit', 'ground',
  // buildings and venues named after a person ("Trump Tower"): places, never the person
  'tower', 'towers', 'hotel', 'resort', 'casino',
]);

/** Capitalised words that never start or form a name on their own. Lower-case. */
export const CAPITALISED_STOPWORDS = new Set([
  'the', 'a', 'an', 'in', 'on', 'at', 'of', 'for', 'to', 'from', 'by', 'with', 'and', 'but', 'or', 'as', 'if', 'when',
  'while', 'after', 'before', 'since', 'last', 'next', 'this', 'that', 'these', 'those', 'it', 'he', 'she', 'they', 'we',
  'i', 'you', 'his', 'her', 'their', 'our', 'its', 'my', 'your', 'there', 'here', 'separately', 'meanwhile', 'however',
  'also', 'source', 'file', 'photo', 'image', 'read', 'more', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
  'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
  'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'r', 'l', 'c', 'left', 'right', 'centre', 'center', 'year', 'years', 'ago', 'earlier', 'later', 'yet', 'not', 'no',
  'yes', 'so', 'then', 'now', 'today', 'tonight', 'yesterday', 'tomorrow', 'what', 'who', 'why', 'how', 'where',
  'which', 'all', 'some', 'many', 'most', 'both', 'each', 'every', 'any', 'one', 'two', 'three', 'asked', 'speaking',
  'according', 'despite', 'during', 'under', 'over', 'about', 'between', 'among', 'against', 'without', 'within',
  'is', 'was', 'are', 'were', 'be', 'been', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'should', 'may',
  'might', 'must', 'do', 'does', 'did', 'still', 'even', 'just', 'only', 'because', 'although', 'though', 'unless',
  'until', 'despite', 'instead', 'other', 'others', 'such', 'than', 'thanks', 'please', 'dear', 'oh', 'well', 'let',
  'us', 'me', 'him', 'them', 'mr.', 'ms.', 'gmt', 'est', 'utc', 'bst', 'cet', 'am', 'pm', 'ceo', 'cfo',
  'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
]);

/** Prepositions and verbs after which a place name is a location, not a government ("in Minsk", "visited Beijing"). */
export const LOCATIVE_WORDS = new Set([
  'in', 'at', 'from', 'to', 'into', 'near', 'outside', 'inside', 'via', 'visit', 'visited', 'visiting', 'visits',
  'across', 'around', 'through', 'toward', 'towards', 'throughout', 'arrived', 'landed', 'left', 'leave', 'leaving',
  'reach', 'reached', 'flew', 'travelled', 'traveled', 'based', 'of', 'between', 'off', 'over', 'under', 'within',
]);

/** Name particles that stay lower-case inside a name ("Virgil van Dijk", "Lula da Silva", "bin Salman"). */
export const NAME_PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'da', 'das', 'do', 'dos', 'di', 'del', 'della', 'la', 'le', 'bin', 'bint', 'al', 'el', 'ibn', 'ben', 'y', 'du', 'ter', 'st']);

/** Places that country and city lists miss: regions, historical states, short forms. */
export const EXTRA_PLACES: [string, string, string][] = [
  // [surface, canonical, kind]
  ['soviet union', 'Soviet Union', 'country'], ['ussr', 'Soviet Union', 'country'], ['yugoslavia', 'Yugoslavia', 'country'],
  ['czechoslovakia', 'Czechoslovakia', 'country'], ['east germany', 'East Germany', 'country'],
  ['west germany', 'West Germany', 'country'], ['crimea', 'Crimea', 'region'], ['donbas', 'Donbas', 'region'],
  ['donetsk', 'Donetsk', 'city'], ['luhansk', 'Luhansk', 'city'], ['gaza', 'Gaza', 'region'],
  ['gaza strip', 'Gaza Strip', 'region'], ['west bank', 'West Bank', 'region'], ['kashmir', 'Kashmir', 'region'],
  ['middle east', 'Middle East', 'region'], ['europe', 'Europe', 'region'], ['asia', 'Asia', 'region'],
  ['africa', 'Africa', 'region'], ['latin america', 'Latin America', 'region'], ['north america', 'North America', 'region'],
  ['south america', 'South America', 'region'], ['central asia', 'Central Asia', 'region'],
  ['southeast asia', 'Southeast Asia', 'region'], ['east asia', 'East Asia', 'region'], ['balkans', 'Balkans', 'region'],
  ['scandinavia', 'Scandinavia', 'region'], ['caribbean', 'Caribbean', 'region'], ['arctic', 'Arctic', 'region'],
  ['antarctica', 'Antarctica', 'region'], ['sahel', 'Sahel', 'region'], ['pacific', 'Pacific', 'region'],
  ['atlantic', 'Atlantic', 'region'], ['mediterranean', 'Mediterranean', 'region'], ['black sea', 'Black Sea', 'region'],
  ['red sea', 'Red Sea', 'region'], ['amazon', 'Amazon', 'region'], ['siberia', 'Siberia', 'region'],
  ['kiev', 'Kyiv', 'capital'], ['kyiv', 'Kyiv', 'capital'], ['us', 'United States', 'country'],
  ['u.s.', 'United States', 'country'], ['u.s', 'United States', 'country'], ['usa', 'United States', 'country'],
  ['u.s.a.', 'United States', 'country'], ['america', 'United States', 'country'], ['uk', 'United Kingdom', 'country'],
  ['u.k.', 'United Kingdom', 'country'], ['britain', 'United Kingdom', 'country'],
  ['great britain', 'United Kingdom', 'country'], ['england', 'England', 'country'], ['scotland', 'Scotland', 'country'],
  ['wales', 'Wales', 'country'], ['northern ireland', 'Northern Ireland', 'country'], ['turkey', 'Turkey', 'country'],
  ['türkiye', 'Turkey', 'country'], ['turkiye', 'Turkey', 'country'], ['washington', 'Washington', 'capital'],
  ['islamic republic', 'Iran', 'country'], ['taiwan', 'Taiwan', 'country'], ['hong kong', 'Hong Kong', 'region'],
  ['tibet', 'Tibet', 'region'], ['xinjiang', 'Xinjiang', 'region'], ['uae', 'United Arab Emirates', 'country'],
  ['drc', 'DR Congo', 'country'], ['holland', 'Netherlands', 'country'], ['burma', 'Myanmar', 'country'],
  ['ivory coast', 'Ivory Coast', 'country'], ['czech republic', 'Czechia', 'country'], ['new delhi', 'New Delhi', 'capital'],
  ['silicon valley', 'Silicon Valley', 'region'], ['wall street', 'Wall Street', 'region'],
  // City lists name it "New York City"; news copy writes the city and the state "New York".
  ['new york', 'New York', 'city'],
  // US states and large sub-national regions that city lists do not carry
  ...[
    'Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida',
    'Hawaii', 'Idaho', 'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland',
    'Massachusetts', 'Michigan', 'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada', 'New Hampshire',
    'New Jersey', 'New Mexico', 'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma', 'Oregon', 'Pennsylvania',
    'Rhode Island', 'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah', 'Vermont', 'Virginia',
    'West Virginia', 'Wisconsin', 'Wyoming', 'Ontario', 'Quebec', 'British Columbia', 'Alberta', 'Queensland',
    'New South Wales', 'Victoria', 'Tasmania', 'Bavaria', 'Catalonia', 'Lombardy', 'Punjab', 'Kerala', 'Bengal',
    'Sichuan', 'Guangdong', 'Kurdistan', 'Darfur', 'Tigray', 'Zaporizhzhia', 'Kherson', 'Kharkiv', 'Odesa', 'Odessa',
  ].map((state): [string, string, string] => [state.toLowerCase(), state, 'region']),
];

/** Demonyms that country data misses or maps to the wrong country. */
export const EXTRA_DEMONYMS: [string, string][] = [
  ['belarussian', 'Belarus'], ['byelorussian', 'Belarus'], ['uzbek', 'Uzbekistan'], ['kyrgyz', 'Kyrgyzstan'],
  ['kazakh', 'Kazakhstan'], ['tajik', 'Tajikistan'], ['turkmen', 'Turkmenistan'], ['soviet', 'Soviet Union'],
  ['european', 'Europe'], ['british', 'United Kingdom'], ['english', 'England'], ['scottish', 'Scotland'],
  ['welsh', 'Wales'], ['french', 'France'], ['american', 'United States'], ['chinese', 'China'],
  ['korean', 'South Korea'], ['north korean', 'North Korea'], ['south korean', 'South Korea'], ['congolese', 'DR Congo'],
  ['dutch', 'Netherlands'], ['dutchman', 'Netherlands'], ['emirati', 'United Arab Emirates'], ['saudi', 'Saudi Arabia'],
  ['iranian', 'Iran'], ['israeli', 'Israel'], ['palestinian', 'Palestine'], ['turkish', 'Turkey'], ['russian', 'Russia'],
  ['ukrainian', 'Ukraine'], ['german', 'Germany'], ['italian', 'Italy'], ['spanish', 'Spain'], ['indian', 'India'],
  ['japanese', 'Japan'], ['brazilian', 'Brazil'], ['mexican', 'Mexico'], ['canadian', 'Canada'],
  ['australian', 'Australia'], ['african', 'Africa'], ['asian', 'Asia'], ['latin american', 'Latin America'],
  ['south american', 'South America'], ['arab', 'Arab world'], ['kurdish', 'Kurdistan'], ['baltic', 'Baltic states'],
  ['nordic', 'Nordic countries'], ['western', 'West'], ['gulf', 'Gulf'], ['qatari', 'Qatar'], ['finnish', 'Finland'],
  ['swedish', 'Sweden'], ['polish', 'Poland'], ['hungarian', 'Hungary'], ['estonian', 'Estonia'],
  ['colombian', 'Colombia'], ['venezuelan', 'Venezuela'], ['argentine', 'Argentina'], ['argentinian', 'Argentina'],
  ['filipino', 'Philippines'], ['thai', 'Thailand'], ['vietnamese', 'Vietnam'], ['pakistani', 'Pakistan'],
  ['afghan', 'Afghanistan'], ['iraqi', 'Iraq'], ['syrian', 'Syria'], ['lebanese', 'Lebanon'], ['egyptian', 'Egypt'],
  ['nigerian', 'Nigeria'], ['kenyan', 'Kenya'], ['ethiopian', 'Ethiopia'], ['sudanese', 'Sudan'], ['greek', 'Greece'],
  ['irish', 'Ireland'], ['portuguese', 'Portugal'], ['swiss', 'Switzerland'], ['austrian', 'Austria'],
  ['belgian', 'Belgium'], ['danish', 'Denmark'], ['norwegian', 'Norway'], ['czech', 'Czechia'], ['slovak', 'Slovakia'],
  ['romanian', 'Romania'], ['bulgarian', 'Bulgaria'], ['serbian', 'Serbia'], ['croatian', 'Croatia'],
  ['georgian', 'Georgia'], ['armenian', 'Armenia'], ['azerbaijani', 'Azerbaijan'], ['moldovan', 'Moldova'],
  ['lithuanian', 'Lithuania'], ['latvian', 'Latvia'], ['chilean', 'Chile'], ['peruvian', 'Peru'],
  ['cuban', 'Cuba'], ['jordanian', 'Jordan'], ['omani', 'Oman'], ['kuwaiti', 'Kuwait'], ['yemeni', 'Yemen'],
  ['libyan', 'Libya'], ['moroccan', 'Morocco'], ['algerian', 'Algeria'], ['tunisian', 'Tunisia'],
  ['south african', 'South Africa'], ['new zealander', 'New Zealand'], ['indonesian', 'Indonesia'],
  ['malaysian', 'Malaysia'], ['singaporean', 'Singapore'], ['bangladeshi', 'Bangladesh'], ['sri lankan', 'Sri Lanka'],
  ['nepali', 'Nepal'], ['taiwanese', 'Taiwan'], ['tibetan', 'Tibet'], ['mongolian', 'Mongolia'],
];

/** Common given names (many languages): a capitalised pair starting with one of these is a person. Lower-case. */
export const GIVEN_NAMES = new Set(`
aaron abdul abdullah abdulrahman abu adam adrian ahmad ahmed ai aleksandr alex alexander alexandra alexei alexey ali alice
alicia alan alberto alejandro alessandro ali alina alisher amanda amir amy ana anatoly andre andrea andreas andrei andres andrew
andrzej angela angelina angus ann anna anne annalena anthony antonio antony anwar arnold arthur ashraf aung bashar
benjamin bernard bill bob boris brian bruno carlos carl carla carlo catherine charles charlotte chris christian christine
christopher claire claudia cristina daniel daniela daniil danny david dmitry dmitri donald douglas edward elena elizabeth
elon emily emma emmanuel enrique eric erik evan fatima felix fernando francesco francis francisco frank franz fred
friedrich gabriel gary george georgia gerhard gianni giorgia giuseppe gordon greg gregory  hamad hans harry
hassan heinrich helen henry hossein hugo ian ibrahim igor ilham imran isaac isabel isabella ivan jack jacob jacques jake
james jan jane janet jannik javad javier jean jeff jeffrey jennifer jens  jeremy jerome jessica jim joan joe joel
johan john jonathan jorge jose joseph josh juan julia julian julie justin justin kai kamala karim karl kate katherine
keir kemal kevin lewis luke nick neil graham stuart hugh ruth grace hannah khalid kim kirill  kristalina kurt lars laura lee leo leon li lin lisa liz louis luca lucas luis
  maria  mario mark marco marcus margaret maria marie marine mark martin mary matteo matthew max maxim
mehmet melania mette michael michel michelle miguel mikhail mike  mohamed mohammad mohammed muhammad nadia naftali
narendra natalia nathan nelson nicola nicolas nicole nikolai nikita nina norbert olaf olena oleksandr oleksiy olga
oliver olivier omar oscar pablo paolo patrick paul pedro pete peter petr philip philippe pierre rachel rafael ramzan
raul recep rebecca richard rishi robert roberto roman ron ronald rosa ruslan  ryan sadiq saeed sam samuel sandra
sanna sara sarah  scott sean sebastian serge sergei sergey shinzo simon sophie  stefan stephen steve steven
sunak susan tamim tanya theresa thomas tim timothy tobias todd tom tony ursula valentina valery vanessa victor victoria
viktor vincent  vladimir volodymyr volodomyr walter wang william xavier yair yang yevgeny yoon yuri yulia yusuf
zhang zoran abbas mevlut     justin kai
`.trim().split(/\s+/));

/** Ministry portfolios written in lower case: "the Chinese foreign ministry". */
export const MINISTRY_PORTFOLIOS = [
  'foreign', 'defence', 'defense', 'interior', 'finance', 'economy', 'health', 'justice', 'education', 'trade',
  'commerce', 'emergencies', 'emergency', 'energy', 'agriculture', 'culture', 'information', 'environment', 'transport',
  'labour', 'labor', 'home', 'industry',
];

/** Words before a place name that make a larger place, not a person ("Greater London", "North Carolina"). Lower-case. */
export const PLACE_PREFIXES = new Set(['north', 'south', 'east', 'west', 'central', 'greater', 'old', 'new', 'upper', 'lower', 'downtown', 'inner', 'outer', 'metro', 'san', 'santa', 'port', 'fort', 'saint', 'st']);

/** Words after a city that make a sports club ("Newcastle United", "Leicester City" in a match report). Lower-case. */
export const CLUB_SUFFIXES = new Set(['united', 'city', 'rovers', 'athletic', 'wanderers', 'albion', 'hotspur', 'fc', 'county', 'town', 'villa', 'rangers', 'orient', 'argyle', 'thistle', 'academical', 'alexandra', 'forest', 'harriers', 'stanley']);

/** Words of a match report: with several of them, a city named like a club ("Liverpool host Chelsea") is the club. */
export const SPORTS_CUES = /\b(?:goals?|scored|scoring|penalty|striker|midfielder|defender|goalkeeper|half-time|kick-off|league|manager|head coach|equalis(?:ed|er)|winner|leg|fixture|derby|innings|wickets?|batsman|batting|bowler|bowled|pitcher|homered|home runs?|inning|touchdowns?|quarterback|playoffs?|seeded|tie-break|birdies?|bogeys?|laps?|podium|soccer|football|cricket|tennis|golf|rugby|baseball|basketball|hockey|boxing|cycling|athletics|match(?:es)?|season|coach|champions|semi-finals?|quarter-finals?|relegation|unbeaten|\d{1,2}-\d{1,2})\b/gi;

/** Given names that are almost always female; other GIVEN_NAMES are read as male unless ambiguous. Lower-case. */
export const FEMALE_GIVEN_NAMES = new Set(`
alexandra alice alicia alina amanda amy ana angela angelina ann anna anne annalena carla catherine charlotte christine
claire claudia cristina daniela elena elizabeth emily emma fatima georgia giorgia grace hannah helen isabel isabella
jane janet jennifer jessica joan julia julie kamala kate katherine kristalina laura lisa liz margaret maria marie marine
mary melania mette michelle nadia natalia nicole nina olena olga rachel rebecca rosa ruth sandra sanna sara sarah sophie
susan tanya theresa ursula valentina vanessa victoria yulia
`.trim().split(/\s+/));

/** Given names used for both sexes or too short to tell (and Chinese and Korean surnames that double as given names). */
export const UNGENDERED_GIVEN_NAMES = new Set(['andrea', 'nicola', 'jan', 'kim', 'lee', 'li', 'lin', 'ai', 'jean', 'sam', 'alex', 'kai', 'yang', 'zhang', 'wang', 'chris', 'yoon', 'jordan']);
