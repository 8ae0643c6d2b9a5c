/**
 * Word lists shared by several rules. Kept in one place so that a word added for one
 * language's grammar is seen by every rule that needs it.
 */

/** Legal-form tokens that make a name an organisation on their own (compared case-sensitively). */
export const LEGAL_FORMS = new Set([
	'AB', 'AS', 'ASA', 'Oy', 'Oyj', 'Ab', 'OY', 'ApS', 'A/S', 'I/S', 'P/S', 'Ltd', 'Ltd.', 'Limited',
	'GmbH', 'Inc', 'Inc.', 'SA', 'S.A.', 'BV', 'NV', 'AG', 'HB', 'KB', 'SIA', 'UAB', 'plc', 'PLC',
	'LLC', 'rf', 'r.f.', 'ry', 'r.y.', 'SL', 'S.L.', 'Srl', 'S.r.l.', 'SpA', 'sp.', 'z.o.o.', 's.r.o.',
	'd.o.o.', 'ek.', 'för.', 'IKS', 'KF', 'SE', 'SCE', 'AISBL', 'asbl', 'eV', 'e.V.', 'ehf', 'hf', 'HF', 'SF', 'BA',
	'DA', 'ANS', 'NUF', 'AMBA', 'FMBA', 'SMBA', 'IVS', 'K/S'
]);

/**
 * Words that name the kind of body (municipality, university, cluster...). A name containing
 * one, or a compound ending in one ("Kunnskapsparken", "næringsforening"), is an organisation.
 */
export const ORG_HEADS = [
	'kommun', 'kommunen', 'kommune', 'fylkeskommune', 'fylkeskommunen', 'fylkeskommun',
	'landsting', 'landstinget', 'regionförbund', 'regionförbundet', 'kommunförbund', 'kommunalförbund',
	'universitet', 'universitetet', 'university', 'universidad', 'università', 'universität', 'universiteit',
	'högskola', 'högskolan', 'høgskole', 'høgskolen', 'høgskule', 'høgskulen', 'hogeschool', 'college',
	'school', 'skola', 'skolan', 'skole', 'skolen', 'yrkeshögskola', 'folkhögskola', 'gymnasium',
	'akademi', 'akademin', 'academy', 'institute', 'institut', 'institutt', 'instituttet', 'institutet',
	'agency', 'agentur', 'myndighet', 'myndigheten', 'verket', 'styrelsen', 'direktorat', 'direktoratet',
	'departement', 'departementet', 'ministry', 'ministerium', 'ministeriet', 'chamber', 'kammer',
	'handelskammer', 'handelskammare', 'handelskammaren', 'handelskammeret', 'association', 'förening',
	'föreningen', 'forening', 'foreningen', 'forbund', 'forbundet', 'förbund', 'förbundet', 'federation',
	'council', 'rådet', 'stiftelse', 'stiftelsen', 'foundation', 'fundación', 'science',
	'kunnskapspark', 'kunnskapsparken', 'kunskapspark', 'næringshage', 'næringshagen', 'inkubator',
	'inkubatorn', 'incubator', 'klynge', 'klyngen', 'kluster', 'klustret', 'cluster', 'nettverk',
	'nettverket', 'nätverk', 'nätverket', 'network', 'gruppen', 'group', 'centre', 'center', 'centrum',
	'centret', 'senter', 'senteret', 'sentret', 'company', 'partnership', 'government', 'authority',
	'sparebank', 'bank', 'museum', 'hospital', 'sykehus', 'sjukhus', 'park', 'parken', 'företagarna',
	'arbetsförmedlingen', 'nav', 'samfund', 'selskap', 'selskab', 'bolag', 'bolaget', 'enterprise',
	'enterprises', 'innovation', 'innovasjon', 'industries', 'forum', 'hub', 'lab', 'labs',
	'consulting', 'konsult', 'technology', 'technologies', 'tech', 'systems', 'region', 'regionen',
	'stad', 'staden', 'kaupunki', 'kunta'
];

/** Compound endings that mark an organisation when glued to another word (lower-case). */
export const ORG_SUFFIXES = [
	'kommun', 'kommune', 'kommunen', 'klyngen', 'klynge', 'klustret', 'forening', 'foreningen',
	'förening', 'föreningen', 'forbund', 'forbundet', 'förbund', 'förbundet', 'verket', 'rådet',
	'parken', 'senteret', 'centrum', 'centret', 'sentrum', 'gruppen', 'høgskolen', 'högskolan',
	'institutet', 'instituttet', 'akademin', 'departementet', 'direktoratet', 'styrelsen',
	'myndigheten', 'kammaren', 'kammeret', 'bolaget', 'regionen', 'nettverket', 'nätverket',
	'inkubator', 'inkubatorn', 'hagen', 'universitetet', 'universitet', 'sparebank', 'banken', 'skolen', 'skolan',
	'college', 'akademi', 'akademiet', 'høgskole', 'högskola', 'fond', 'fonden', 'fondet', 'styret', 'styrelse',
	'klynga', 'råd', 'sjukhus', 'sjukhuset', 'sykehus', 'sykehuset', 'sygehus', 'opplæringa', 'opplæringen', 'skule', 'skulen'
];

/** Lower-case words that may sit inside an organisation's or project's name between capitalised words. */
export const NAME_CONNECTORS = new Set([
	'of', 'and', 'for', 'the', 'de', 'del', 'della', 'y', 'i', 'och', 'og', 'på', 'af', 'von', 'van',
	'der', 'für', 'und', 'et', 'du', 'des', 'la', 'le', '&', 'for', 'in', 'til', 'till', 'mot', 'med',
	'am', 'an', 'e'
]);

/** Articles, pronouns, prepositions and conjunctions: no name starts with one (lower-case). */
export const FUNCTION_WORDS = new Set([
	'det', 'den', 'detta', 'dette', 'denne', 'disse', 'dessa', 'this', 'these', 'those', 'the', 'a', 'an',
	'i', 'in', 'på', 'med', 'with', 'for', 'för', 'til', 'till', 'to', 'av', 'af', 'of', 'från', 'fra',
	'frå', 'from', 'och', 'og', 'and', 'men', 'but', 'som', 'der', 'där', 'her', 'här', 'here', 'there',
	'vi', 'we', 'de', 'dei', 'they', 'han', 'hon', 'hun', 'he', 'she', 'it', 'jag', 'jeg', 'eg', 'you',
	'du', 'ni', 'dere', 'om', 'if', 'när', 'når', 'when', 'under', 'efter', 'etter', 'after'
]);

/**
 * Capitalised words that begin sentences or headings and are never organisations or
 * project names by themselves (lower-case).
 */
export const STOP_WORDS = new Set([
	'det', 'den', 'detta', 'dette', 'denne', 'disse', 'dessa', 'this', 'these', 'those', 'the', 'a',
	'an', 'en', 'ett', 'et', 'ei', 'eit', 'ein', 'i', 'in', 'på', 'med', 'with', 'for', 'för', 'til',
	'till', 'to', 'av', 'af', 'of', 'från', 'fra', 'frå', 'from', 'och', 'og', 'and', 'men', 'but',
	'som', 'der', 'där', 'her', 'här', 'here', 'there', 'vi', 'we', 'de', 'dei', 'they', 'han', 'hon',
	'hun', 'he', 'she', 'it', 'jag', 'jeg', 'eg', 'you', 'du', 'ni', 'dere', 'alla', 'alle', 'all',
	'projektet', 'prosjektet', 'project', 'projekt', 'prosjekt', 'projects', 'projektets',
	'prosjektets', 'målet', 'mål', 'also', 'även', 'också', 'også', 'dessutom', 'därför', 'derfor',
	'nu', 'nå', 'now', 'idag', 'today', 'när', 'når', 'when', 'om', 'if', 'about', 'efter', 'etter',
	'after', 'under', 'genom', 'gjennom', 'gennem', 'through', 'pressmeddelande', 'pressemelding',
	'pressemeddelelse', 'press', 'release', 'foto', 'photo', 'bild', 'kontakt', 'contact', 'läs',
	'les', 'read', 'se', 'see', 'mer', 'more', 'information', 'mvh', 'hälsningar', 'utdrag', 'kilde',
	'källa', 'source', 'nyheter', 'news', 'nyhet', 'startsida', 'hem', 'home', 'hjem', 'meny', 'menu',
	'sök', 'søk', 'search', 'regeringen', 'regjeringen', 'sverige', 'norge', 'danmark', 'finland',
	'europa', 'europe', 'eu', 'ja', 'nej', 'nei', 'yes', 'no', 'inga', 'ingen', 'none', 'totalt',
	'total', 'summa', 'sum', 'budget', 'budsjett', 'partners', 'partner', 'partnere', 'ägare',
	'prosjekteier', 'projektägare', 'lead', 'varav', 'hvorav', 'heraf', 'samtidigt', 'samtidig',
	'därefter', 'deretter', 'framöver', 'tidigare', 'tidligere', 'senare', 'senere', 'så', 'sa', 'so',
	'kort', 'sammanfattning', 'sammendrag', 'summary', 'description', 'beskrivning', 'målgrupp',
	'målgruppe', 'target', 'syfte', 'formål', 'aim', 'bakgrund', 'bakgrunn', 'background', 'fakta',
	'facts', 'om', 'hoppa', 'skip', 'gå', 'ny', 'nytt', 'nya', 'nye', 'new', 'stort', 'stor', 'store',
	'flera', 'flere', 'several', 'många', 'mange', 'many', 'några', 'noen', 'nogle', 'some', 'both',
	'både', 'each', 'varje', 'hver', 'hvert'
]);

/**
 * Definite forms that refer back to a body already named ("Fylkeskommunen har innvilget")
 * and are no name on their own (lower-case).
 */
export const ANAPHORA = new Set([
	'kommunen', 'fylkeskommunen', 'regionen', 'länsstyrelsen', 'universitetet', 'högskolan', 'høgskolen',
	'høgskulen', 'departementet', 'direktoratet', 'styrelsen', 'myndigheten', 'föreningen', 'foreningen',
	'klyngen', 'klustret', 'nettverket', 'nätverket', 'stiftelsen', 'selskapet', 'bolaget', 'företaget',
	'bedriften', 'virksomheden', 'virksomheten', 'organisasjonen', 'organisationen', 'landstinget',
	'verket', 'rådet', 'fylket', 'länet', 'staten', 'regeringen', 'regjeringen', 'centret', 'senteret',
	'institutet', 'instituttet', 'parken', 'gruppen', 'kommunerne', 'kommunene', 'kommunerna'
]);

/** Bodies that grant money. Matched as written (case-sensitive first letter). */
export const FUNDERS = [
	'Svenska ESF-rådet', 'ESF-rådet', 'Tillväxtverket', 'Vinnova', 'VINNOVA', 'Formas', 'Forte',
	'Vetenskapsrådet', 'Energimyndigheten', 'Arbetsförmedlingen', 'Myndigheten för yrkeshögskolan',
	'Jordbruksverket', 'Skolverket', 'Europeiska kommissionen', 'EU-kommissionen', 'Europakommissionen',
	'European Commission', 'Innovasjon Norge', 'Innovation Norway', 'Norges forskningsråd',
	'Forskningsrådet', 'Research Council of Norway', 'Siva', 'SIVA', 'Kompetanse Norge', 'HK-dir',
	'Direktoratet for høyere utdanning og kompetanse', 'Diku', 'Regionrådet', 'Nordisk ministerråd',
	'Nordiska ministerrådet', 'Nordisk Ministerråd', 'Nordic Council of Ministers', 'Nordic Innovation',
	'Nordforsk', 'NordForsk', 'Erhvervsstyrelsen', 'Danmarks Erhvervsfremmebestyrelse',
	'Styrelsen for Arbejdsmarked og Rekruttering', 'Innovationsfonden', 'Business Finland',
	'NTM-centralen', 'Närings-, trafik- och miljöcentralen', 'Svenska kulturfonden',
	'Ålands landskapsregering', 'Landskapsregeringen', 'Arbets- och näringsministeriet', 'Sparebankstiftelsen DNB',
	'Arbeids- og velferdsetaten', 'Kommunal- og moderniseringsdepartementet', 'Nærings- og fiskeridepartementet',
	'Kunnskapsdepartementet', 'Utbildningsdepartementet', 'Näringsdepartementet', 'Tillväxtanalys'
];

/**
 * Funds and programmes, as regular-expression sources matched case-insensitively after the
 * first letter. Order does not matter: the longest match at a position wins.
 */
export const PROGRAMME_PATTERNS = [
	String.raw`Europeiska socialfonden(?:\s?\+|\s+plus)?`,
	String.raw`Europeiska regionala utvecklingsfonden`,
	String.raw`Europeiska havs-,? och fiskerifonden`,
	String.raw`Europeiska jordbruksfonden för landsbygdsutveckling`,
	String.raw`Fonden för en rättvis omställning`,
	String.raw`Landsbygdsprogrammet`,
	String.raw`Regionala utvecklingsfonden`,
	String.raw`[Rr]egionalfonden`,
	String.raw`[Ss]ocialfonden`,
	String.raw`ESF\+|ESF(?![-\u2011]?r[åa]det)`,
	String.raw`ERUF`,
	String.raw`ERDF`,
	String.raw`EFRU`,
	String.raw`European Social Fund(?:\s?\+|\s+Plus)?`,
	String.raw`European Regional Development Fund`,
	String.raw`Just Transition Fund`,
	String.raw`Den Europæiske Socialfond(?:\s?\+)?`,
	String.raw`Den Europæiske Fond for Regionaludvikling`,
	String.raw`EU's Socialfond`,
	String.raw`Interreg(?:[ -](?:[IVX]{1,3}[ABC]?\s)?\p{Lu}[\p{L}\d]*(?:(?:-|\s(?:and|och|og)\s|\s)\p{Lu}[\p{L}\d]*)*)?`,
	String.raw`Erasmus\s?\+`,
	String.raw`Horisont Europa`,
	String.raw`Horizon Europe`,
	String.raw`Horizon 2020`,
	String.raw`Horisont 2020`,
	String.raw`Creative Europe`,
	String.raw`Kreativa Europa`,
	String.raw`Nordplus`,
	String.raw`Norwegian Innovation Clusters`,
	String.raw`Arena-programmet`,
	String.raw`Regionale forskningsfond`,
	String.raw`EEA Grants`,
	String.raw`Norway Grants`,
	String.raw`EØS-midlene`,
	String.raw`Botnia-Atlantica`,
	String.raw`Kolarctic`
];

/** Which programmes are administered by which national body, for filling in an unstated funder. */
export const FUNDER_OF_PROGRAMME: { programme: RegExp; country: string; funder: string }[] = [
	{ programme: /^(?:ESF\+?|Europeiska socialfonden.*|Socialfonden)$/i, country: 'SE', funder: 'Svenska ESF-rådet' },
	{ programme: /^(?:ERUF|Europeiska regionala utvecklingsfonden|Regionalfonden|Regionala utvecklingsfonden)$/i, country: 'SE', funder: 'Tillväxtverket' }
];

/** Verbs with which a funder grants money (active voice, any tense). */
export const GRANT_VERBS = String.raw`løyvd|løyvt|løyver|løyve|løyvde|beviljat|beviljar|beviljade|bevilja|tilldelat|tilldelar|tilldela|fördelar|fördelat|ger|gett|gav|bevilget|bevilger|bevilge|tildelt|tildeler|tildele|tildelte|innvilget|innvilger|innvilge|fordeler|fordelt|gir|gitt|støtter|støttet|støtte|bevilliget|bevilliger|bevillige|bevilgede|granted|grants|grant|awarded|awards|award|approved|approves|funds|funded|fund|supports|supported|allocated|allocates`;

/** Verbs with which a recipient receives money. */
export const RECEIVE_VERBS = String.raw`får|fått|fick|beviljas|beviljats|beviljades|tilldelas|tilldelats|fikk|tildeles|tildelast|innvilges|får|modtager|modtog|modtaget|bevilges|receives|received|gets|got|has been granted|has been awarded|was awarded|was granted|is awarded|is granted|has received|har fått|har fått beviljat|har fått tildelt|har fått innvilget`;

/** Lower-case words that may stand between a receive verb and the amount ("får totalt 5 miljoner"). */
export const AMOUNT_FILLERS = String.raw`nu|nå|now|totalt|hela|hele|drygt|nästan|nesten|över|over|ytterligare|ytterligere|cirka|ca\.?|omkring|rundt|about|around|nearly|almost|up to|upp till|opp til|inntil|knappt|knapt|närmare|nærmere|i alt|samlet|sammanlagt|stöd på|støtte på|tilskudd på|tilskud på|bidrag på|ett bidrag på|et tilskudd på|et tilskud på|a grant of|funding of|finansiering på|medel på|midler på|eu-stöd på|eu-støtte på|esf-stöd på`;
