/**
 * The word lists the rules share, as the union of every language's lexicon (lang/).
 * Rules read these; they never list words of their own.
 */
import { all, LEXICONS, type Lexicon } from './lang';

/**
 * A word list's entries as literal patterns. An entry written as a pattern would be escaped into
 * text no document holds and never match, silently: refused when the lexicons load instead.
 */
const words = (list: string[]) =>
	list.map((w) => {
		if (/[\\()[\]|*+?{}^$]/.test(w)) throw new Error(`lexicon word "${w}" is written as a pattern: list each form as a word of its own`);
		return w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	});
/** Longest first, so that an alternation prefers "har fått beviljat" to "har fått". */
const byLength = (list: string[]) => [...list].sort((a, b) => b.length - a.length);

/** Legal-form tokens that make a name an organisation on their own (compared case-sensitively). */
export const LEGAL_FORMS = new Set(all((l) => l.legalForms));

/** Words that name the kind of body; a name containing one is an organisation. */
export const ORG_HEADS = all((l) => l.organisationWords);

/** Compound endings that mark an organisation when glued to another word (lower-case). */
export const ORG_SUFFIXES = all((l) => l.organisationSuffixes);

/** Lower-case words that may sit inside an organisation's or project's name between capitalised words. */
export const NAME_CONNECTORS = new Set(all((l) => l.nameConnectors));

/** Articles, pronouns, prepositions and conjunctions: no name starts with one (lower-case). */
export const FUNCTION_WORDS = new Set(all((l) => l.functionWords));

/** Capitalised words that begin sentences or headings and are never names by themselves (lower-case). */
export const STOP_WORDS = new Set(all((l) => l.stopWords));

/** Definite forms that refer back to a body already named (lower-case). */
export const ANAPHORA = new Set(all((l) => l.anaphora));

/** Bodies that grant money. Matched as written (case-sensitive first letter). */
export const FUNDERS = all((l) => l.funders);

/** Funds and programmes, as regular-expression sources. */
export const PROGRAMME_PATTERNS = all((l) => l.programmes);

/** Verbs with which a funder grants money (a regular-expression alternation). */
export const GRANT_VERBS = byLength(words(all((l) => l.grantVerbs))).join('|');

/** Verbs with which a recipient receives money. */
export const RECEIVE_VERBS = byLength(words(all((l) => l.receiveVerbs))).join('|');

/** Words that may stand between a receive verb and the amount; lexicons write them as pattern sources. */
export const AMOUNT_FILLERS = byLength(all((l) => l.amountFillers)).join('|');

/** "X är ett europeiskt jätteprojekt", "X vert leia frå Stryn": the subject names a project (lower-case pattern sources). */
export const SUBJECT_IS_PROJECT = String.raw`(?:${byLength(words(all((l) => l.copulas))).join('|')})\s+(?:${byLength(words(all((l) => l.indefiniteArticles))).join('|')})\s+(?:[\p{L}-]+\s+){0,2}?[\p{L}-]*(?:${byLength(words(all((l) => l.projectNouns))).join('|')})(?![\p{L}])`;
export const SUBJECT_IS_LED = String.raw`(?:${byLength(words(all((l) => l.passiveLeadVerbs))).join('|')})(?![\p{L}])`;
/** The project's grant as a sentence's subject ("Stödet uppgår till …"). */
export const GRANT_SUBJECTS = byLength(words(all((l) => l.grantSubjects))).join('|');
/** Verbs after which a paragraph's opening name is the project doing something (lower-case alternation). */
export const SUBJECT_VERBS = byLength(words(all((l) => l.subjectVerbs))).join('|');
/** Prepositions before a sum's recipient and before what it is for (lower-case alternations). */
export const RECIPIENT_PREPOSITIONS = byLength(words(all((l) => l.recipientPrepositions))).join('|');
export const PURPOSE_PREPOSITIONS = byLength(words(all((l) => l.purposePrepositions))).join('|');
/** Committees that decide for a programme (lower-case alternation). */
export const PROGRAMME_COMMITTEES = byLength(words(all((l) => l.programmeCommittees))).join('|');
/** Verbs of taking on a named project ("to deliver"; lower-case alternation). */
/** Verbs after which a sum's project is named, and a cleft's opening (lower-case alternations). */
export const GRANTED_NAME_VERBS = byLength(words(all((l) => l.grantedNameVerbs))).join('|');
export const CLEFT_OPENINGS = byLength(words(all((l) => l.cleftOpenings))).join('|');
export const DELIVER_VERBS = byLength(words(all((l) => l.deliverVerbs))).join('|');
export const SUBJECT_LED_APPOSITION = String.raw`,\s+(?:${byLength(words(all((l) => l.ledAppositions))).join('|')})(?![\p{L}])`;

/** Words that say a sum is money given to a project (a regular-expression alternation). */
export const FUNDING_WORDS = byLength(words(all((l) => l.fundingWords))).join('|');

/** Nationality adjectives before a label (lower case, an alternation). */
export const NATIONALITIES = byLength(words(all((l) => l.nationalities))).join('|');

/** Words that introduce a project's name in a list item (an alternation). */
export const PROJECT_MARKERS = byLength(words(all((l) => l.projectMarkers))).join('|');

/** Phrases that mark an item's owner part; lexicons write them as pattern sources. */
export const OWNER_ROLES = byLength(all((l) => l.ownerRoles)).join('|');

/** Table header words by column: whole words for title and owner, stems for amounts. */
export const TABLE_HEADERS = {
	title: byLength(words(all((l) => l.tableHeaders.title))).join('|'),
	owner: byLength(words(all((l) => l.tableHeaders.owner))).join('|'),
	amount: byLength(words(all((l) => l.tableHeaders.amount))).join('|')
};

/** Phrases before a list of partners; pattern sources, lower case. */
export const PARTNER_CUES = byLength(all((l) => l.partnerCues)).join('|');

/** Phrases before an owner's name in running text; pattern sources, lower case. */
export const OWNER_CUES = byLength(all((l) => l.ownerCues)).join('|');
export const COPULAS = byLength(words(all((l) => l.copulas))).join('|');
export const DEFINITE_ARTICLES = byLength(words(all((l) => l.definiteArticles))).join('|');

/** Words that make a body the authority of the place it is named for (lower case, longest first). */
export const REGIONAL_AUTHORITIES = byLength(all((l) => l.regionalAuthorities));

/** Words of one kind from every lexicon's relations (pattern sources, an alternation, longest first). */
export const relation = (pick: (r: Lexicon['relations']) => string[]) => byLength(all((l) => pick(l.relations))).join('|');
/** Nouns of an apposition that names a project (an alternation). */
export const APPOSITION_NOUNS = byLength(words(all((l) => l.appositionNouns))).join('|');
/** Words before a project named as background; pattern sources. */
export const BACKGROUND_WORDS = byLength(all((l) => l.backgroundWords)).join('|');
/** Plural forms of "project" (an alternation). */
export const PROJECT_PLURALS = byLength(words(all((l) => l.projectPlurals))).join('|');
export const INDEFINITE_ARTICLES = byLength(words(all((l) => l.indefiniteArticles))).join('|');

/** Verbs that list the parts of a region (an alternation). */
export const REGION_PARTS = byLength(words(all((l) => l.regionParts))).join('|');

/** Participles of carrying out a project, and the nouns for a project (alternations). */
export const CONDUCT_VERBS = byLength(words(all((l) => l.conductVerbs))).join('|');
export const PROJECT_NOUNS = byLength(words(all((l) => l.projectNouns))).join('|');

/** Nouns for a county that end a body's name (lower case). */
export const COUNTY_WORDS = new Set(all((l) => l.countyWords));

/** Currency words that may stand before a number ("NOK 2 500 000"): one there ends a name (lower case). */
export const CURRENCY_PREFIXES = new Set(all((l) => l.currencyPrefixes));

/** Single-word verbs of granting, receiving and leading, and clause words: none stands inside a name (lower case). */
export const VERB_WORDS = new Set([
	...all((l) => [...l.grantVerbs, ...l.receiveVerbs, ...l.leadVerbs, ...l.conductVerbs]).filter((w) => !w.includes(' ')),
	...all((l) => l.clauseWords)
]);

/** National, public or own co-financing: stems, the nouns they stand before, and the EU's words (alternations). */
export const NATIONAL_COFINANCING_WORDS = byLength(words(all((l) => l.nationalCofinancing))).join('|');
export const COFINANCING_NOUNS = byLength(all((l) => l.cofinancingNouns)).join('|');
export const EU_WORDS = byLength(all((l) => l.euWords)).join('|');

/** Words before a per cent that make it a ceiling (an alternation, longest first). */
export const RATE_CEILINGS = byLength(words(all((l) => l.rateCeilings))).join('|');
/** Words for per cent after a number (an alternation, longest first). */
export const PERCENT_WORDS = byLength(words(all((l) => l.percentWords))).join('|');

/** Words of a sentence about the EU's share of the cost; pattern sources. */
export const COFINANCING_WORDS = byLength(all((l) => l.cofinancingWords)).join('|');

const aggregate = (pick: (a: Lexicon['aggregates']) => string[]) => byLength(all((l) => pick(l.aggregates))).join('|');
/** Numbers above one written as words, and quantifiers ("flera", "several"), before a plural noun. */
export const MANY_WORDS = byLength([
	...words(all((l) => Object.entries(l.numberWords).flatMap(([w, n]) => (n >= 2 ? [w] : [])))),
	...words(all((l) => l.aggregates.quantifiers))
]).join('|');
export const AGGREGATE_WORDS = {
	pluralNouns: aggregate((a) => words(a.pluralNouns)),
	collective: aggregate((a) => words(a.collective)),
	pool: aggregate((a) => a.pool),
	total: aggregate((a) => a.total),
	ofWhich: aggregate((a) => words(a.ofWhich))
};

/** Words before a project's name (an alternation, longest first). */
export const TITLE_CUES = byLength(words(all((l) => l.titleCues))).join('|');
/** Words before "projekt" that make it any project (an alternation). */
export const DETERMINERS = byLength(words(all((l) => [...l.indefiniteArticles, ...l.determiners]))).join('|');
/** Words that end a name read after a cue (lower case). */
export const CLAUSE_WORDS = new Set(all((l) => l.clauseWords));

/** Verbs that introduce a speaker (an alternation). */
export const SAY_VERBS = byLength(words(all((l) => l.sayVerbs))).join('|');

/** Conjunctions between the names of a list (an alternation). */
export const CONJUNCTIONS = byLength(words(all((l) => l.conjunctions))).join('|');
/** Active verbs whose subject leads a project, and the adverbs that may follow them (alternations). */
export const LEAD_VERBS = byLength(words(all((l) => l.leadVerbs))).join('|');
export const LEAD_ADVERBS = byLength(words(all((l) => l.leadAdverbs))).join('|');
/** Definite forms of "the project" (an alternation). */
export const THE_PROJECT = byLength(words(all((l) => l.theProject))).join('|');

/** "SILTA-project", "X-projektet": a name glued to the word for project (an alternation). */
export const PROJECT_SUFFIXES = byLength(
	words(all((l) => [...l.theProject, ...l.projectNouns.slice(0, 1)]).map((w) => w.replace(/^the /, '')))
).join('|');

/** The website around a page's text (lower case): line openings (an alternation), menu items and words of a publication date. */
export const PAGE_CHROME = {
	lineStarts: byLength(words(all((l) => l.pageChrome.lineStarts))).join('|'),
	menuItems: new Set(all((l) => l.pageChrome.menuItems)),
	dateWords: new Set(all((l) => l.pageChrome.dateWords))
};

/** A network or cluster in the definite form (an alternation). */
export const NETWORK_NOUNS = byLength(words(all((l) => l.networkNouns))).join('|');

/** Labels of a table's total row (lower case). */
export const TOTAL_ROWS = new Set(all((l) => l.totalRows));

export { LEXICONS };
