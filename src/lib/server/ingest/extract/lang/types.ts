import type { KvField } from '../keyvalue';

/**
 * Everything the extractor knows about one language, in words. The grammar (extract/*.ts)
 * is built from the union of all lexicons, so a word added here is seen by every rule
 * that needs it; adding a language is one more file like sv.ts plus test documents.
 * Words are lower case unless a field says otherwise.
 */
export interface Lexicon {
	/** ISO 639-1 code; Norwegian bokmål and nynorsk share 'no'. */
	code: string;
	/** The country a text in this language is about unless it says otherwise (ISO 3166-1). */
	country: string | null;
	/** The currency of a bare "kr" or an amount without a currency. */
	currency: string;
	/** Words that tell this language from the others, weighted by how well they do. */
	markers: Record<string, number>;
	/**
	 * Labels that name a field: the key of a "Key: value" line, of a fact box, or a table
	 * header cell ("Projektägare", "Prosjekteier", "Projektejer", "Lead partner").
	 */
	labels: Partial<Record<KvField, string[]>>;
	/** Labels that are also ordinary words or menu items: only a key when a colon follows. */
	colonOnlyLabels: string[];
	/** Verbs with which a funder grants money ("beviljar", "innvilget", "bevilget", "awarded"). */
	grantVerbs: string[];
	/** Verbs with which a recipient receives money ("får", "fikk", "modtager", "has been awarded"). */
	receiveVerbs: string[];
	/** Words that may stand between a receive verb and its amount ("totalt", "nesten", "a grant of"). */
	amountFillers: string[];
	/** Words that scale a number: "miljoner", "mio.", "tusen", "bn". */
	scales: { thousand: string[]; million: string[]; billion: string[] };
	/**
	 * Currency words and symbols as written (lower case) and what they name: an ISO code,
	 * 'krona' for the krona of the text's language ("kr": SEK, NOK or DKK) or 'krone' for the
	 * Danish or Norwegian krone ("kroner"). Merged forms carry their scale ("mkr", "MSEK").
	 */
	currencyWords: Record<string, { currency: string; scale?: number }>;
	/** Currency words and symbols that may stand before the number ("SEK 5 million", "€2m", "kr. 500.000"). */
	currencyPrefixes: string[];
	/** Words that may follow a bare "8,8 miljoner" when it means money ("till", "för", "from", "varav"). */
	amountFollowers: string[];
	/** Words of a national, public or own co-financing ("offentlig", "kommunal", "own"): its rate is not the EU's. Stems. */
	nationalCofinancing: string[];
	/** The word for co-financing those stems stand before ("finansiering", "funding"); pattern sources. */
	cofinancingNouns: string[];
	/** Words that name the EU or its funds in a sentence about a rate ("EU", "unionens", "ESF"); pattern sources, case-insensitive. */
	euWords: string[];
	/** Words before a per cent that make it a scheme's ceiling, not a project's rate ("up to", "inntil", "højst"). */
	rateCeilings: string[];
	/** Words for per cent after a number ("procent", "prosent", "per cent"). */
	percentWords: string[];
	/** Numbers written as words, as they stand before a scale word ("sju miljoner", "two million"). */
	numberWords: Record<string, number>;
	/** Month names and abbreviations, January first. */
	months: string[][];
	/** Legal forms that make a name an organisation on their own, as written ("AB", "ASA", "ApS", "Ltd"). */
	legalForms: string[];
	/** Words that name a kind of body ("kommune", "universitet", "council"). */
	organisationWords: string[];
	/** Compound endings that mark a body when glued to another word ("…kommune", "…klyngen"). */
	organisationSuffixes: string[];
	/** Definite forms that refer back to a body already named ("kommunen", "fylkeskommunen"). */
	anaphora: string[];
	/** Capitalised words that begin sentences or headings and never name a project or body by themselves. */
	stopWords: string[];
	/** Articles, pronouns, prepositions and conjunctions: no name starts with one. */
	functionWords: string[];
	/** Lower-case words that may stand inside a name between capitalised words ("of", "og", "för"). */
	nameConnectors: string[];
	/** Words that say a sum is money given to a project ("stöd", "tilskud", "støtter", "funding"). */
	fundingWords: string[];
	/** Nationality adjectives before a label ("Norsk prosjekteier", "Swedish lead partner"); they do not change its field. */
	nationalities: string[];
	/** Words that introduce a project's name in a list item ("Prosjekt: X", "projektet X", "the project X"). */
	projectMarkers: string[];
	/** "The project" in its definite form ("projektet", "prosjektet", "the project"). */
	theProject: string[];
	/** Phrases that mark the owner's part of a list item ("led by X", "leds av X", "Projektägare: X"). */
	ownerRoles: string[];
	/** Table header words by column, beside the field labels: whole words for title and owner, stems for amounts. */
	tableHeaders: { title: string[]; owner: string[]; amount: string[] };
	/** Phrases before the owner's name in running text ("projektägare", "ledes af", "led by"); pattern sources, lower case. */
	ownerCues: string[];
	/** Definite articles that may stand between a cue and a name ("led by the …"). */
	definiteArticles: string[];
	/** Phrases before a list of partners ("i samarbete med", "I dette projekt deltager", "working with"); pattern sources, lower case. */
	partnerCues: string[];
	/** Words of a sentence about the EU's share of the cost ("medfinansiering", "støttegrad", "EU funding"); pattern sources. */
	cofinancingWords: string[];
	/**
	 * Words that make a sum the total of many projects or a pool, not one project's grant:
	 * quantifiers and plural nouns ("flera projekt", "12 applications"), collective forms
	 * ("projekten", "the projects"), pools and calls (pattern sources), totals, "of which".
	 */
	aggregates: { quantifiers: string[]; pluralNouns: string[]; collective: string[]; pool: string[]; total: string[]; ofWhich: string[] };
	/** Words before a name that say what follows is a project's name ("projektet", "satsingen", "called", "med navnet"). */
	titleCues: string[];
	/** Words before "projekt" that make it any project, not a named one ("ett nytt", "this", "första"). */
	determiners: string[];
	/** Words that end a name read after a cue: the clause goes on with a verb, a relative or a conjunction. */
	clauseWords: string[];
	/** Verbs that introduce a speaker ("säger", "sier", "siger", "says"): what follows them in a sentence is about the speaker. */
	sayVerbs: string[];
	/** Conjunctions that join the names of a list ("och", "samt", "and", "as well as"). */
	conjunctions: string[];
	/** Active verbs whose subject leads a project ("driver", "leder", "runs"), and adverbs that may follow them. */
	leadVerbs: string[];
	leadAdverbs: string[];
	/** Nouns that name a project ("projekt", "prosjekt", "project"); also the head of compounds ("jätteprojekt"). */
	projectNouns: string[];
	/** "Greenovet är ett europeiskt jätteprojekt": the copula and indefinite article that make a name's subject a project. */
	copulas: string[];
	indefiniteArticles: string[];
	/** Participles of carrying out a project after an auxiliary ("har … genomfört ett projekt", "has carried out a project"): the sentence's subject ran it. */
	conductVerbs: string[];
	/** Passive verbs of leading a project ("leds", "vert leia", "is led"): the subject before one names the project. */
	passiveLeadVerbs: string[];
	/** "GREEN-MAT, led by Tecnalia, receives …": a name with this apposition after its comma is the project led. */
	ledAppositions: string[];
	/** Verbs with which a body takes on a named project ("to deliver the X Programme"): what follows is the project, not a funding scheme (lower case). */
	deliverVerbs: string[];
	/** Verbs after which the project a sum goes to is named ("går til X, som ledes af …", "Med 1,2 mio. kr. støttes X"; lower case). */
	grantedNameVerbs: string[];
	/** A cleft's opening: "Det er X, der står bag" names the owner (lower case). */
	cleftOpenings: string[];
	/** "Stödet uppgår till …", "The grant is …": the project's grant named as a sentence's subject (lower case). */
	grantSubjects: string[];
	/**
	 * "CoastLine Skills will train 450 harbour workers", "Gröna hamnar ska …": verbs after which
	 * a name that opens a paragraph is the project doing something (lower case).
	 */
	subjectVerbs: string[];
	/**
	 * "has awarded NOK 4.5 million to X AS for Tare2Feed": the preposition before the recipient
	 * of a sum, and the one before what the sum is for (lower case).
	 */
	recipientPrepositions: string[];
	purposePrepositions: string[];
	/** Committees that decide for a programme ("monitoring committee"): the programme, not they, is the funder (lower case). */
	programmeCommittees: string[];
	/**
	 * How a text says who funds, runs or joins a project, in the words the organisation
	 * rules read (organisations.ts). Lower case; entries may be pattern sources.
	 */
	relations: {
		/** Passive participles of funding before the body ("finansieras av", "funded by", "bevilget af"). */
		fundedParticiples: string[];
		/** Fixed phrases before the funding body ("med stöd från", "with funding from", "tilskud fra"). */
		fundedPhrases: string[];
		/** Prepositions of the agent ("av", "af", "by") and of the source ("från", "fra", "from"). */
		agentPrepositions: string[];
		sourcePrepositions: string[];
		/** Passive verbs of running a project: "projektet … administreras av X", "is hosted by X". */
		runByVerbs: string[];
		/** Role nouns after a copula: "X är projektägare", "X is the lead partner". */
		ownerRoleNouns: string[];
		/** Words before a list of names that belong to no name ("bland andra", "including"), and those that make the first name the owner ("projektägaren"). */
		listLeads: string[];
		ownerListLeads: string[];
		/** "X har tillsammans med Y": the subject and Y are partners. */
		togetherWith: string[];
		/** Auxiliaries ("har", "has") and past decision verbs ("vedtok", "beslutade") that may stand before a grant verb. */
		auxiliaries: string[];
		/** "beslutat att", "decided to": a decision before the grant verb. */
		decidedTo: string[];
		/** Passive auxiliaries after which a grant verb says the subject received ("har blivit beviljad", "has been awarded"). */
		passiveAuxiliaries: string[];
		/** Words of a sentence about a grant beside the grant verbs ("beviljas", "stöd", "funding"). */
		grantWords: string[];
		/** "X deltar också i projektet", "X is also a partner in", "X deltar som partner": verbs, adverbs, prepositions and role nouns. */
		participateVerbs: string[];
		alsoWords: string[];
		inWords: string[];
		asWords: string[];
		partnerNouns: string[];
		/** Other phrases after a partner that is the subject ("får del i"). */
		partnerPhrases: string[];
		/** Prepositions of place ("i", "på", "in", "at"): "NTM-centralen i Egentliga Finland". */
		placePrepositions: string[];
		/** Prepositions that name an office's area besides those of place ("Svenska ESF-rådet för …"). */
		officePrepositions: string[];
		/** Prepositions before a programme's name that make it the source of the money ("från", "inom", "under"). */
		programmePrepositions: string[];
		/** A scheme's name after a definite noun ("ordningen X", "the programme X"), before a noun ("the X programme"), or before "is a scheme". */
		schemeBefore: string[];
		schemeAfter: string[];
		schemeKinds: string[];
	};
	/** Nouns of an apposition that names a project ("X, ett projekt som", "X, a new initiative"). */
	appositionNouns: string[];
	/** Words before a project named only as background ("tidigare", "for example"); pattern sources. */
	backgroundWords: string[];
	/** Plural forms of "project" that make a heading news about many projects ("prosjekter", "projects"). */
	projectPlurals: string[];
	/** Bodies that grant money, as written. */
	funders: string[];
	/** Funds and programmes, as regular-expression sources (see organisations.ts for how they match). */
	programmes: string[];
	/**
	 * Words that make a body the authority of the place it is named for ("Region", "fylkeskommune",
	 * "county council"): its place is where the project runs. A place inside any other body's
	 * name ("Länsstyrelsen i Norrbottens län", "Foreningen Hedmarks bygdekvinner") is not.
	 */
	regionalAuthorities: string[];
	/** Nouns for a county that end a body's name ("Länsstyrelsen i Norrbottens län", "Nordland fylke"). */
	countyWords: string[];
	/** Verbs that list the parts of a region ("regionen X, som omfattar A, B och C"): the parts are the larger region's, not the project's own. */
	regionParts: string[];
	/** Words before a list of places the project covers ("across A, B and C", "i länen"); the gazetteer need not know them (lower case). */
	placeListCues: string[];
	/** Regions and counties of the language's countries, as written, by ISO country. */
	regions: Record<string, string[]>;
	/**
	 * The website around a page's text, which names no project: lines that start with a skip link,
	 * a log-in or a consent notice ("hoppa till", "skip to", "we use cookies"); menu items and
	 * document kinds that stand alone or side by side on a line ("Nyheter", "Om oss", "Pressmeddelande");
	 * words of a publication date ("publicerad", "sist oppdatert", "published") and of a caption ("foto").
	 * Lower case.
	 */
	pageChrome: { lineStarts: string[]; menuItems: string[]; dateWords: string[] };
	/**
	 * A network or cluster in the definite form ("nettverket", "the network"): "X leder nettverket"
	 * makes X the owner where the network is the funded project ("Bedriftsnettverket Y har fått …").
	 */
	networkNouns: string[];
	/** The label of a table's total row ("i alt", "totalt", "total"): that row is no project. Lower case. */
	totalRows: string[];
}
