import { sentenceOf, withinScope, type Doc } from './doc';
import { foundBy, type Found } from './found';
import { RULES, type Rule } from './rules';
import {
	AMOUNT_FILLERS,
	CLAUSE_WORDS,
	CONJUNCTIONS,
	LEAD_ADVERBS,
	LEAD_VERBS,
	NETWORK_NOUNS,
	THE_PROJECT,
	FUNDING_WORDS,
	COPULAS,
	DEFINITE_ARTICLES,
	FUNDERS,
	GRANT_VERBS,
	OWNER_CUES,
	PARTNER_CUES,
	PROGRAMME_PATTERNS,
	PROGRAMME_COMMITTEES,
	RECIPIENT_PREPOSITIONS,
	PURPOSE_PREPOSITIONS,
	RECEIVE_VERBS,
	INDEFINITE_ARTICLES,
	CONDUCT_VERBS,
	CLEFT_OPENINGS,
	DELIVER_VERBS,
	FUNCTION_WORDS,
	NATIONAL_COFINANCING_WORDS,
	PROJECT_NOUNS,
	REGIONAL_AUTHORITIES,
	STOP_WORDS,
	relation
} from './lexicon';
import { isOrgWord, orgScore, readName, readNameBefore, type NameSpan } from './names';
import { COUNTRY_NAMES } from './places';
import { holdsNotAfterLetter } from './lowered';
import { mayMatch } from './prefilter';
import { matchesAtWordStarts, matchesIn, wordMatchesIn } from './starts';
import { alternation, collapse, isSpace, matchesNotAfterLetter, spanIndexAt, testNotAfterLetter, trimSpan, type Span } from './text';

/**
 * Who owns a project, who takes part, who pays and from which programme: read from the
 * grammar around names ("projektägaren X", "X har tillsammans med Y", "X har beviljat")
 * and from the names of well-known funders and programmes.
 */

const FUNDER_RE = new RegExp(String.raw`(?:${alternation(FUNDERS)})(?![\p{L}\d])`, 'gu');
// Words after the first may be capitalised or not ("Europeiska Socialfonden").
const PROGRAMMES = PROGRAMME_PATTERNS.map((p) => p.replace(/ (\p{Ll})/gu, (_, c: string) => ` [${c}${c.toUpperCase()}]`)).join('|');
const PROGRAMME_RE = new RegExp(String.raw`(?:${PROGRAMMES})(?![\p{L}\d])`, 'gu');
const OFFICE = new RegExp(String.raw`^[ \t]+(?:${relation((r) => [...r.placePrepositions, ...r.officePrepositions])})[ \t]+`, 'u');
const FUNDER_SET = new Set(FUNDERS.map((f) => f.toLowerCase()));
const PROGRAMME_WHOLE = new RegExp(String.raw`^(?:${PROGRAMMES})$`, 'u');

export function isKnownFunder(name: string): boolean {
	return FUNDER_SET.has(name.toLowerCase());
}

const FUNDER_ANY = new RegExp(FUNDER_RE.source, 'u');
const PROGRAMME_ANY = new RegExp(PROGRAMME_RE.source, 'u');

export function isFunderMention(text: string): boolean {
	return FUNDER_ANY.test(text);
}

export function isProgrammeMention(text: string): boolean {
	return PROGRAMME_ANY.test(text);
}

/** The text with every programme's name blanked out, offsets kept ("Det europeiske fondet for …" is no pool). */
export function withoutProgrammes(text: string): string {
	return text.replace(PROGRAMME_RE, (m) => ' '.repeat(m.length));
}

const PROGRAMME_AT = new RegExp(PROGRAMME_RE.source, 'uy');

/** Whether a programme's name starts at pos ("Europeiska jordbruksfonden för ..."). */
function startsWithProgramme(text: string, pos: number): boolean {
	PROGRAMME_AT.lastIndex = pos;
	return PROGRAMME_AT.test(text);
}

export function isProgrammeName(name: string): boolean {
	return PROGRAMME_WHOLE.test(name.trim());
}

const OWNER_CUE = new RegExp(String.raw`(?:${OWNER_CUES})(?:\s+(?:${COPULAS}))?\s*:?[ \t]+(?:(?:${DEFINITE_ARTICLES})[ \t]+)?`, 'gu');
const AGENT = relation((r) => r.agentPrepositions);
const OWNER_OF_PROJECT = new RegExp(
	String.raw`(?:${THE_PROJECT})(?:[ \t]+[\p{L}\d+-]+){0,3}?[ \t]+(?:${relation((r) => r.runByVerbs)})[ \t]+(?:${AGENT})[ \t]+(?:(?:${DEFINITE_ARTICLES})[ \t]+)?`,
	'gu'
);
const RELATIVE_COMMA = /,[ \t]+(?:som|der|which|who)\s$/u;
const PASSIVE_AGENT = new RegExp(String.raw`^[ \t]+(?:${AGENT})[ \t]`, 'u');
const LEADS_IT = new RegExp(String.raw`[ \t]+(?:${LEAD_VERBS})(?=[ \t]*[.,;!?\n])`, 'gu');
const RELATIVE_BEFORE = /(?:^|[^\p{L}])(?:som|der|which|that)[ \t]+$/u;
const RELATIVE_ANYWHERE = /(?:som|der|which|that)[ \t]/u;
const THE_PROJECT_ANY = new RegExp(String.raw`(?:${THE_PROJECT})(?![\p{L}])`, 'gu');
const ROLE_AFTER_NAME = new RegExp(String.raw`[ \t]+(?:${relation((r) => r.ownerRoleNouns)})(?![\p{L}])`, 'gu');
const COPULA_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${COPULAS})[ \t]+$`, 'u');
const OWNER_AFTER = new RegExp(String.raw`\s+(?:${COPULAS})\s+(?:${relation((r) => r.ownerRoleNouns)})(?![\p{L}])`, 'gu');
/**
 * "Högskolan i Halmstad driver projektet", "X leder prosjektet", "X leder nettverket", "X runs the
 * project", "X will lead a new £3.1 million programme": the subject owns it.
 */
const RUNS_PROJECT = new RegExp(
	String.raw`\s+(?:${LEAD_VERBS})(?:\s+(?:${LEAD_ADVERBS}))?\s+(?:${THE_PROJECT}|${NETWORK_NOUNS}|(?:${INDEFINITE_ARTICLES})\s+(?:[^\s!?]*[^\s.!?]\s+){0,4}?[\p{L}-]*(?:${PROJECT_NOUNS}|${relation((r) => r.schemeKinds)}))(?![\p{L}])`,
	'gu'
);
/**
 * "Munktell Science Park och projektet X, har med ESF-medel … genomfört ett utvecklingsprojekt":
 * the body that opens a sentence whose auxiliary, however far on, carries out a project.
 */
const CONDUCTED_PROJECT = new RegExp(
	String.raw`(?:${relation((r) => r.auxiliaries)})[\s,]+(?:[^.!?\n]{0,80}?[\s,])?(?:${CONDUCT_VERBS})\s+(?:${INDEFINITE_ARTICLES})\s+(?:[\p{L}-]+\s+)?[\p{L}-]*(?:${PROJECT_NOUNS})(?![\p{L}])`,
	'gu'
);
/**
 * What follows CONDUCTED_PROJECT's auxiliary. It opens a word (after white space or a comma), so
 * the word-start index finds it without scanning the text; without it the pattern cannot match.
 */
const CONDUCTED_TAIL = new RegExp(
	String.raw`(?:${CONDUCT_VERBS})\s+(?:${INDEFINITE_ARTICLES})\s+(?:[\p{L}-]+\s+)?[\p{L}-]*(?:${PROJECT_NOUNS})(?![\p{L}])`,
	'gu'
);
/** "Region X har fått stöd från ESF för projektet Y": the subject that receives support for the project owns it. */
const RECEIVES_SUPPORT = new RegExp(
	String.raw`\s+(?:${RECEIVE_VERBS})\s+(?:${FUNDING_WORDS})(?![\p{L}])[^.!?\n]{0,80}?\s(?:${THE_PROJECT})(?![\p{L}])`,
	'gu'
);
const RECEIVE = new RegExp(String.raw`\s+(?:${RECEIVE_VERBS})\s+(?:(?:${AMOUNT_FILLERS})\s+)*`, 'gu');

const PROJECT_WORD_END = new RegExp(String.raw`(?:${PROJECT_NOUNS}|${THE_PROJECT})$`, 'iu');
const PARTNER_LIST_CUE = new RegExp(String.raw`(?:${PARTNER_CUES})\s+`, 'gu');
const IN = relation((r) => r.inWords);
const ALSO = String.raw`(?:(?:${relation((r) => r.alsoWords)})\s+)?`;
const PARTICIPATE = relation((r) => r.participateVerbs);
const PARTNER_NOUN = relation((r) => r.partnerNouns);
/**
 * "X har tillsammans med Y", "X deltar också i projektet", "X is also a partner in", "X deltar som partner": X takes part.
 * The white space before the phrases is read once for all of them: the same matches (no phrase
 * starts with a space), found almost three times faster than with "\s+" opening each.
 */
const PARTNER_SUBJECT_CUE = new RegExp(
	String.raw`\s+(?:${[
		String.raw`(?:(?:${relation((r) => r.auxiliaries)})\s+)?(?:${relation((r) => r.togetherWith)})\s`,
		String.raw`(?:${PARTICIPATE})\s+${ALSO}(?:${IN})\s+(?:${THE_PROJECT})`,
		String.raw`(?:${COPULAS})\s+${ALSO}(?:(?:${INDEFINITE_ARTICLES})\s+)?(?:${PARTNER_NOUN})\s+(?:${IN})(?![\p{L}])`,
		String.raw`(?:${PARTICIPATE})\s+(?:${relation((r) => r.asWords)})\s+(?:\p{L}+\s+)?(?:${PARTNER_NOUN})`,
		String.raw`(?:${relation((r) => r.partnerPhrases)})(?![\p{L}])`
	].join('|')})`,
	'gu'
);
/** "Nelson and Colne College and Burnley College are delivery partners": the subject lists partners. */
// Found from the noun backwards: a pattern that starts at every space is slow.
const PARTNER_NOUN_ENDING = new RegExp(String.raw`(?:${PARTNER_NOUN})(?=\s*[.;!\n]|\s+(?:${IN})\s)`, 'gu');
const CLAUSE_JOIN = new RegExp(String.raw`,[ \t]+(?:${CONJUNCTIONS})[ \t]+`, 'giu');
const ARE_BEFORE_NOUN = new RegExp(String.raw`\s+(?:${COPULAS})\s+${ALSO}(?:(?:${DEFINITE_ARTICLES})\s+)?(?:\p{L}+\s+)?$`, 'u');
const IN_COUNTRY = new RegExp(String.raw`^[ \t]+(?:${relation((r) => r.placePrepositions)})[ \t]+(?:${COUNTRY_NAMES})(?![\p{L}])`, 'u');
const LIST_PREFIX = new RegExp(String.raw`^(?:${relation((r) => [...r.listLeads, ...r.ownerListLeads])})\s+`, 'iu');
const OWNER_PREFIX = new RegExp(String.raw`^(?:${relation((r) => r.ownerListLeads)})\s`, 'iu');
const LIST_SEPARATOR_BEFORE = new RegExp(String.raw`(?:,|\s(?:${CONJUNCTIONS}))\s+$`, 'iu');
const LIST_SEPARATOR = new RegExp(String.raw`^(?:\s*,\s*(?:(?:${CONJUNCTIONS})\s+)?|\s+(?:${CONJUNCTIONS})\s+)`, 'iu');

// The auxiliary may stand some words before the participle ("har på sit møde i går bevilget").
const GRANT_SUBJECT = new RegExp(
	String.raw`[ \t]+(?:(?:${relation((r) => r.auxiliaries)})(?:[ \t]+(?!(?:${relation((r) => r.passiveAuxiliaries)})(?![\p{L}]))[\p{Ll}\d.]+){0,6}?[ \t]+)?(?:(?:${relation((r) => r.decidedTo)})[ \t]+)?(?<verb>${GRANT_VERBS})(?![\p{L}])`,
	'gu'
);
// Words only, not after a letter: see testNotAfterLetter.
const GRANT_WORD = new RegExp(String.raw`(?:${GRANT_VERBS}|${relation((r) => r.grantWords)})(?![\p{L}])`, 'giu');
const FUNDED_BY = new RegExp(
	String.raw`(?:(?:${relation((r) => r.fundedParticiples)})\s+(?:[\p{Ll}\d%,.]+\s+){0,3}?(?:${relation((r) => [...r.agentPrepositions, ...r.sourcePrepositions])})|${relation((r) => r.fundedPhrases)})\s+(?:(?:${DEFINITE_ARTICLES})\s+)?`,
	'gu'
);
const AGENT_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${AGENT})[ \t]+(?:(?:${DEFINITE_ARTICLES})[ \t]+)?$`, 'u');
const ARTICLE_TAIL = new RegExp(String.raw`(?:${DEFINITE_ARTICLES})\s+$`, 'u');
const MATCH_FUNDING_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${NATIONAL_COFINANCING_WORDS})\p{L}*[ \t]+$`, 'u');
// A clause ends at a line break: "Port of Esbjerg" / "ERDF co-financing" are two lines.
const PROGRAMME_CLAUSE = new RegExp(
	String.raw`(?:^|[^\p{L}])(?:${relation((r) => r.programmePrepositions)})[ \t]+(?:\p{L}+[ \t]+)?$`,
	'iu'
);
// On one line: "Om programmet" ending a menu does not name the heading below it.
const SCHEME_BEFORE = new RegExp(String.raw`(?:${relation((r) => r.schemeBefore)})[ \t]+(?=\p{Lu})`, 'gu');
const ARTICLE_ANY_CASE = DEFINITE_ARTICLES.split('|')
	.map((a) => `[${a[0]}${a[0].toUpperCase()}]${a.slice(1)}`)
	.join('|');
const THE_X_PROGRAMME = new RegExp(
	String.raw`(?:${ARTICLE_ANY_CASE})\s+(\p{Lu}[\p{L}\d+&-]*(?:\s\p{Lu}[\p{L}\d+&-]*){0,5})\s+(?:${relation((r) => r.schemeAfter)})(?![\p{L}])`,
	'gu'
);
const SCHEME_NAMES_CAPITALISED = relation((r) => r.schemeAfter)
	.split('|')
	.map((w) => w.charAt(0).toUpperCase() + w.slice(1));
/** "the Environmental Technology Scheme", "the England ESF Operational Programme 2014-2020": a capitalised scheme word is part of the name. */
const THE_X_NAMED_PROGRAMME = new RegExp(
	String.raw`(?:${ARTICLE_ANY_CASE})\s+((?:\p{Lu}[\p{L}\d+&-]*\s){1,5}(?:${SCHEME_NAMES_CAPITALISED.join('|')})(?:\s(?:19|20)\d{2}(?:[-–](?:19|20)?\d{2})?(?![\d-]))?)(?![\p{L}])`,
	'gu'
);
const SCHEME_WORD = /^[\p{L}\d+&’'-]+/u;
const SCHEME_STOP = new Set([...CLAUSE_WORDS, ...CONJUNCTIONS.split('|')]);
const SCHEME_AFTER = new RegExp(
	String.raw`[ \t]+(?:${COPULAS})[ \t]+(?:${INDEFINITE_ARTICLES})\s+(?:\p{Ll}+\s+)?(?:${relation((r) => r.schemeKinds)})(?![\p{L}])`,
	'gu'
);

/** "Det er Hjørring Kommune, der står bag": a cleft names the owner. */
const CLEFT = new RegExp(String.raw`(?:${CLEFT_OPENINGS})[ \t]+`, 'gu');
const CLEFT_REST = new RegExp(String.raw`^,?[ \t]+(?:der|som|that|who)[ \t]+(?:${LEAD_VERBS})(?![\p{L}])`, 'u');

/** Patterns written in lower case, run on the lower-cased text. */
const LOWER_CASE_CUES = new Set<RegExp>([
	OWNER_CUE,
	RUNS_PROJECT,
	OWNER_OF_PROJECT,
	OWNER_AFTER,
	ROLE_AFTER_NAME,
	LEADS_IT,
	CLEFT,
	RECEIVE,
	PARTNER_LIST_CUE,
	PARTNER_SUBJECT_CUE,
	PARTNER_NOUN_ENDING,
	GRANT_SUBJECT,
	FUNDED_BY
]);

export interface OrgContext {
	doc: Doc;
	scope: Span;
}

/** Whether a name read at a cue can be an organisation at all. */
function valid(doc: Doc, name: string): boolean {
	return orgScore(name, doc.judge) >= 0.3;
}

/**
 * Matches of a global pattern in the document, outside URLs and e-mail addresses. Cue
 * patterns match whole words only: see wordMatches.
 */
function matches(re: RegExp, doc: Doc, wordStart = true, notAfter = ''): RegExpExecArray[] {
	if (!mayMatch(re, doc.grams)) return [];
	// GRANT_SUBJECT is read for owners and funders, PROGRAMME_RE for programmes and committees: one scan serves all.
	let byPattern = scanned.get(doc);
	if (!byPattern) scanned.set(doc, (byPattern = new Map()));
	const key = `${wordStart}${notAfter}`;
	let perKey = byPattern.get(re);
	if (!perKey) byPattern.set(re, (perKey = new Map()));
	let found = perKey.get(key);
	if (!found) {
		const lower = LOWER_CASE_CUES.has(re);
		found = [];
		const all = wordStart ? wordMatchesIn(re, doc.index, lower, notAfter) : matchesIn(re, doc.index, lower);
		for (const m of all) {
			if (spanIndexAt(doc.masked, m.index) < 0) found.push(m);
		}
		perKey.set(key, found);
	}
	return found;
}
const scanned = new WeakMap<Doc, Map<RegExp, Map<string, RegExpExecArray[]>>>();

/** Whether CONDUCTED_PROJECT may match: its scan of the whole text cost about 1 % of a document. */
function mayConductProject(doc: Doc): boolean {
	if (!mayMatch(CONDUCTED_PROJECT, doc.grams)) return false;
	const starts = doc.index.wordStarts(true);
	const tails = starts && matchesAtWordStarts(CONDUCTED_TAIL, starts);
	return !tails || tails.length > 0;
}

/**
 * The name starting at pos; a name approved before is read whole, even where it holds
 * lower-case words that would end an ordinary name ("Stiftelsen Vårsta diakonigård").
 */
function nameAt(doc: Doc, pos: number, limit: number): NameSpan | null {
	const n = readName(doc.text, pos, limit);
	let from = pos;
	while (from < limit && (doc.text[from] === ' ' || doc.text[from] === '\u00a0')) from++;
	const k = doc.knownMentions.find((m) => m.start === from && m.end <= limit && m.kind !== 'programmes');
	return k && (!n || k.end > n.end) ? { start: k.start, end: k.end, value: doc.text.slice(k.start, k.end) } : n;
}

/** The name ending at pos within its clause; a known name first. */
function nameBefore(doc: Doc, pos: number, floor: number, accept: (name: string) => boolean): NameSpan | null {
	let end = pos;
	while (end > floor && isSpace(doc.text.charCodeAt(end - 1))) end--;
	const k = doc.knownMentions.find((m) => m.end === end && m.start >= floor && m.kind !== 'programmes');
	if (k && !/[.,;:!?()\n]/.test(doc.text.slice(k.start, k.end)) && accept(k.value)) {
		return { start: k.start, end: k.end, value: doc.text.slice(k.start, k.end) };
	}
	return readNameBefore(doc.text, pos, floor, accept);
}

function knownFunder(doc: Doc, name: string): boolean {
	return isKnownFunder(name) || doc.known.has('funders', name);
}

/** "The University of …": an article before a kind word is no part of the name ("The Glasgow School of Art" keeps its own). */
const ARTICLE_BEFORE_KIND = new RegExp(String.raw`^(?:${ARTICLE_ANY_CASE})[ \u00a0]+(?=(\p{Lu}\p{L}*))`, 'u');

function fromName(n: NameSpan, rule: Rule): Found<string> {
	const article = ARTICLE_BEFORE_KIND.exec(n.value);
	// "The University of …", "The UK Government": the article opens the sentence, not the name ("The Council" keeps it).
	if (
		article &&
		(isOrgWord(article[1]) || n.value.slice(article[0].length).includes(' ')) &&
		!isProgrammeName(n.value) &&
		!isKnownFunder(n.value)
	)
		n = { start: n.start + article[0].length, end: n.end, value: n.value.slice(article[0].length) };
	return foundBy(n.value.replace(/\s+/g, ' '), n.start, n.end, rule);
}

export function findOwners({ doc, scope }: OrgContext): Found<string>[] {
	return withinScope(doc, 'owners', scope, () => ownersIn(doc));
}

function ownersIn(doc: Doc): Found<string>[] {
	const out: Found<string>[] = [];
	for (const m of matches(OWNER_CUE, doc)) {
		const n = nameAt(doc, m.index + m[0].length, doc.text.length);
		if (n && valid(doc, n.value)) out.push(fromName(n, 'owner.cue'));
	}
	for (const m of matches(OWNER_OF_PROJECT, doc)) {
		const n = nameAt(doc, m.index + m[0].length, doc.text.length);
		if (n && valid(doc, n.value)) out.push(fromName(n, 'owner.project-run-by'));
	}
	for (const m of matches(RUNS_PROJECT, doc, false)) {
		const floor = sentenceOf(doc, m.index).start;
		// "Bakom satsningen står Falu kommun, som driver projektet …": the name the relative clause is about.
		const relative = RELATIVE_COMMA.exec(doc.lower.slice(Math.max(floor, m.index - 12), m.index + 1));
		const at = relative ? m.index + 1 - relative[0].length : m.index;
		const n = nameBefore(doc, at, floor, (v) => valid(doc, v));
		if (n) out.push(fromName(n, 'owner.runs-project'));
		else pushFarSubject(doc, m.index, out);
	}
	for (const m of matches(OWNER_AFTER, doc, false)) {
		const n = nameBefore(doc, m.index, sentenceOf(doc, m.index).start, (v) => valid(doc, v));
		if (n) out.push(fromName(n, 'owner.is-owner'));
	}
	// "… projektet Vejen til Vækst, som Vejle Kommune står bag.": the subject of a relative clause about the project.
	for (const m of matches(LEADS_IT, doc, false)) {
		const s = sentenceOf(doc, m.index);
		// What the checks below need somewhere before the verb, tested before any name is read.
		const head = doc.lower.slice(s.start, m.index);
		if (!RELATIVE_ANYWHERE.test(head) || !testNotAfterLetter(THE_PROJECT_ANY, head)) continue;
		const accept = (v: string) => valid(doc, v) && !knownFunder(doc, v);
		let n = nameBefore(doc, m.index, s.start, accept);
		// "som Vejle Kommune og UCL står bag": the first of the names leads.
		for (let guard = 0; n && guard < 5; guard++) {
			const sep = LIST_SEPARATOR_BEFORE.exec(doc.text.slice(Math.max(s.start, n.start - 12), n.start));
			const before = sep ? nameBefore(doc, n.start - sep[0].length, s.start, accept) : null;
			if (!before) break;
			n = before;
		}
		if (!n || !RELATIVE_BEFORE.test(doc.lower.slice(Math.max(s.start, n.start - 8), n.start))) continue;
		if (testNotAfterLetter(THE_PROJECT_ANY, doc.lower.slice(s.start, n.start))) out.push(fromName(n, 'owner.runs-project'));
	}
	// "Her er Destination Bornholm projektejer", "Här är X projektägare": the copula before the name.
	for (const m of matches(ROLE_AFTER_NAME, doc, false)) {
		const n = nameBefore(doc, m.index, sentenceOf(doc, m.index).start, (v) => valid(doc, v));
		if (n && COPULA_BEFORE.test(doc.lower.slice(Math.max(0, n.start - 12), n.start))) out.push(fromName(n, 'owner.is-owner'));
	}
	for (const m of matches(CLEFT, doc)) {
		const n = nameAt(doc, m.index + m[0].length, sentenceOf(doc, m.index).end);
		if (n && valid(doc, n.value) && CLEFT_REST.test(doc.lower.slice(n.end, n.end + 40))) out.push(fromName(n, 'owner.cue'));
	}
	// Written in lower case; not after a letter: see matchesNotAfterLetter.
	for (const m of mayConductProject(doc) ? matchesNotAfterLetter(CONDUCTED_PROJECT, doc.lower) : []) {
		if (spanIndexAt(doc.masked, m.index) >= 0) continue;
		const s = sentenceOf(doc, m.index);
		const n = nameAt(doc, s.start, m.index);
		if (n && valid(doc, n.value) && !knownFunder(doc, n.value)) out.push(fromName(n, 'owner.conducted-project'));
	}
	const amountAt = new Set(doc.amounts.map((a) => a.start));
	for (const m of matches(RECEIVE, doc, false)) {
		const after = m.index + m[0].length;
		const receiver = (v: string) => valid(doc, v) && !knownFunder(doc, v);
		if (!amountAt.has(after)) {
			// "Desuden får X 3,4 mio. kr.", "I tillegg får X …": after an adverb the subject follows the verb.
			const s = sentenceOf(doc, m.index);
			const n = nameBefore(doc, m.index, s.start, receiver) ? null : nameAt(doc, after, s.end);
			const gap = n && /^[ \u00a0]+/.exec(doc.text.slice(n.end, n.end + 3));
			if (n && gap && amountAt.has(n.end + gap[0].length) && receiver(n.value)) out.push(fromName(n, 'owner.receives-amount.inverted'));
			continue;
		}
		const n = nameBefore(doc, m.index, sentenceOf(doc, m.index).start, receiver);
		if (n) out.push(fromName(n, 'owner.receives-amount'));
		else pushFarSubject(doc, m.index, out);
	}
	for (const m of matches(RECEIVES_SUPPORT, doc, false)) {
		const n = nameBefore(doc, m.index, sentenceOf(doc, m.index).start, (v) => valid(doc, v) && !knownFunder(doc, v));
		if (n) out.push(fromName(n, 'owner.receives-support'));
	}
	// "Till Kalmar kommun går 6,1 miljoner kronor": a sentence that opens with the receiver.
	for (const s of doc.seg.sentences) {
		const to = SENTENCE_TO.exec(doc.text.slice(s.start, s.start + 12));
		const n = to ? nameAt(doc, s.start + to[0].length, s.end) : null;
		const verb = n && /^[ \u00a0]+\p{Ll}+[ \u00a0]+/u.exec(doc.text.slice(n.end, n.end + 16));
		if (n && verb && amountAt.has(n.end + verb[0].length) && valid(doc, n.value) && !knownFunder(doc, n.value))
			out.push(fromName(n, 'owner.receives-amount'));
	}
	for (const a of doc.amounts) {
		const n = recipientOf(doc, a) ?? recipientForProject(doc, a);
		if (n) out.push(fromName(n, 'owner.granted-to'));
	}
	// "ESF-rådet har beviljat Luleå kommun 6,8 miljoner kronor", "has awarded Cornwall Council
	// £2.4 million": the name between the grant verb and the sum receives it.
	for (const m of matches(GRANT_SUBJECT, doc, false)) {
		const n = nameAt(doc, m.index + m[0].length, sentenceOf(doc, m.index).end);
		if (!n || !valid(doc, n.value) || knownFunder(doc, n.value) || isProgrammeName(n.value)) continue;
		const gap = /^[ \u00a0]+/.exec(doc.text.slice(n.end, n.end + 3));
		if (gap && amountAt.has(n.end + gap[0].length)) out.push(fromName(n, 'owner.granted-to'));
	}
	return out;
}

const SOURCE_AFTER_SUM = new RegExp(
	String.raw`[ \t]+(?:${relation((r) => r.programmePrepositions)})[ \t]+(?:(?:${DEFINITE_ARTICLES})[ \t]+)?`,
	'uy'
);

/** "12 miljoner kronor ur Europeiska regionala utvecklingsfonden till X": the fund named after a sum is passed over. */
function afterSource(doc: Doc, pos: number): number {
	SOURCE_AFTER_SUM.lastIndex = pos;
	const m = SOURCE_AFTER_SUM.exec(doc.lower);
	if (!m) return pos;
	const at = pos + m[0].length;
	PROGRAMME_AT.lastIndex = at;
	const p = PROGRAMME_AT.exec(doc.text);
	return p ? at + p[0].length : pos;
}

// "till föreningen Gotlands Matnätverk": a kind word in lower case may stand before the name.
const TO_RECIPIENT = new RegExp(
	String.raw`[ \t]+(?:${RECIPIENT_PREPOSITIONS})[ \t]+(?:(?:${DEFINITE_ARTICLES})[ \t]+)?(?:(\p{Ll}+)[ \t]+)?(?=\p{Lu})`,
	'uy'
);
const recipients = new WeakMap<Doc, Map<number, NameSpan | null>>();

/**
 * "Innovation Norway has awarded … NOK 4.5 million to Vesterålen Tare AS": the body after a
 * granted sum and "to" receives it.
 */
export function recipientOf(doc: Doc, a: Span): NameSpan | null {
	// Most sums are followed by no "to": they need no cache entry.
	TO_RECIPIENT.lastIndex = afterSource(doc, a.end);
	const to = TO_RECIPIENT.exec(doc.text);
	if (!to || (to[1] && !isOrgWord(to[1]))) return null;
	let byStart = recipients.get(doc);
	if (!byStart) recipients.set(doc, (byStart = new Map()));
	if (byStart.has(a.start)) return byStart.get(a.start)!;
	let found: NameSpan | null = null;
	if (spanIndexAt(doc.masked, a.start) < 0) {
		const s = sentenceOf(doc, a.start);
		const n = withoutPurpose(doc, nameAt(doc, to.index + to[0].length, s.end));
		if (
			n &&
			valid(doc, n.value) &&
			orgScore(n.value, doc.judge) >= 0.45 &&
			!knownFunder(doc, n.value) &&
			!isProgrammeName(n.value) &&
			holdsNotAfterLetter(GRANT_WORD, doc.text, doc.lower, s.start, a.start)
		)
			found = n;
	}
	byStart.set(a.start, found);
	return found;
}

const PURPOSE_INSIDE = new RegExp(String.raw`[ \t](?:${PURPOSE_PREPOSITIONS})[ \t]`, 'u');

/** "Moray Youth Trust for Open Doors": a whole body's name ends before what it got the money for. */
function withoutPurpose(doc: Doc, n: NameSpan | null): NameSpan | null {
	const m = n ? PURPOSE_INSIDE.exec(n.value) : null;
	if (!n || !m || orgScore(n.value.slice(0, m.index), doc.judge) < 0.8) return n;
	return { start: n.start, end: n.start + m.index, value: n.value.slice(0, m.index) };
}

const SENTENCE_TO = /^[\s•·▪*–-]*(?:Till|Til|To)[ \u00a0]+(?=\p{Lu})/u;
const SUM_TO = /^[ \u00a0]+(?:til|till|to)[ \u00a0]+(?=\p{Lu})/u;
const FOR_PROJECT = new RegExp(String.raw`^[ \u00a0]+(?:for|för|til|till)[ \u00a0]+(?:${THE_PROJECT})(?![\p{L}])`, 'u');

/**
 * "har tildelt 1,8 mill. kr til Sunnfjord Plast AS for prosjektet ReGarn": where recipientOf
 * finds no receiver, a grant word anywhere in the sentence will do for a clearly named body, and
 * a weaker name will do when what follows it is "for the project".
 */
function recipientForProject(doc: Doc, a: Span): NameSpan | null {
	const to = SUM_TO.exec(doc.text.slice(a.end, a.end + 8));
	if (!to) return null;
	const s = sentenceOf(doc, a.start);
	const n = nameAt(doc, a.end + to[0].length, s.end);
	if (!n || knownFunder(doc, n.value) || isProgrammeName(n.value) || !holdsNotAfterLetter(GRANT_WORD, doc.text, doc.lower, s.start, s.end))
		return null;
	const forProject = FOR_PROJECT.test(doc.lower.slice(n.end, n.end + 30));
	return orgScore(n.value, doc.judge) >= (forProject ? 0.3 : 0.7) ? n : null;
}
const RELATIVE_AFTER = new RegExp(
	String.raw`^\s*[,–—(]\s*(?:${[...CLAUSE_WORDS].map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(?![\p{L}])`,
	'iu'
);

/**
 * "Högskolan i Halmstad, som sedan länge samarbetar med …, driver projektet": the verb's
 * subject opens the sentence and a relative clause stands between them.
 */
function pushFarSubject(doc: Doc, verbAt: number, out: Found<string>[]) {
	const s = sentenceOf(doc, verbAt);
	const n = nameAt(doc, s.start, verbAt);
	if (!n || !valid(doc, n.value) || knownFunder(doc, n.value)) return;
	if (RELATIVE_AFTER.test(doc.text.slice(n.end, Math.min(verbAt, n.end + 20)))) out.push(fromName(n, 'owner.subject.far'));
}

export interface PartnerFinding {
	partners: Found<string>[];
	/** Owners named inside a partner list ("tillsammans med projektägaren X, Y och Z"). */
	owners: Found<string>[];
}

export function findPartners({ doc, scope }: OrgContext): PartnerFinding {
	const partners = withinScope(doc, 'partners', scope, () => {
		const all = partnersIn(doc);
		doc.memo.set('partner-owners', all.owners);
		return all.partners;
	});
	const owners = withinScope(doc, 'partner-owners', scope, () => partnersIn(doc).owners);
	return { partners, owners };
}

function partnersIn(doc: Doc): PartnerFinding {
	const partners: Found<string>[] = [];
	const owners: Found<string>[] = [];
	for (const m of matches(PARTNER_LIST_CUE, doc)) {
		readList(doc, m.index + m[0].length, doc.text.length, partners, owners);
	}
	for (const m of matches(PARTNER_SUBJECT_CUE, doc, false)) {
		// "ett gemensamt EU-projekt i samarbete med …": the project itself is no partner.
		const floor = sentenceOf(doc, m.index).start;
		const accept = (v: string) => valid(doc, v) && !PROJECT_WORD_END.test(v);
		// "Region Skåne og Göteborgs Hamn AB deltager som partnere": every name of the subject.
		const subject: Found<string>[] = [];
		for (let n = nameBefore(doc, m.index, floor, accept); n && subject.length < 10;) {
			subject.unshift(fromName(n, 'partner.subject'));
			const sep = LIST_SEPARATOR_BEFORE.exec(doc.text.slice(Math.max(floor, n.start - 12), n.start));
			n = sep ? nameBefore(doc, n.start - sep[0].length, floor, accept) : null;
		}
		partners.push(...subject);
	}
	// Most texts name no partner noun at all: no need to try the pattern at every space.
	for (const n of matches(PARTNER_NOUN_ENDING, doc)) {
		const are = ARE_BEFORE_NOUN.exec(doc.lower.slice(Math.max(0, n.index - 60), n.index));
		if (!are) continue;
		const at = n.index - are[0].length;
		const s = sentenceOf(doc, at);
		// "Prosjektet vert leia av X, og Y er forskingspartnar": the subject may open the sentence's last clause.
		let from = s.start;
		for (const c of doc.text.slice(s.start, at).matchAll(CLAUSE_JOIN)) from = s.start + c.index + c[0].length;
		const listed: Found<string>[] = [];
		readList(doc, from, at, listed, owners);
		// The list must be the whole subject, not the tail of a longer clause.
		if (listed.length && doc.text.slice(listed[listed.length - 1].end, at).trim() === '') partners.push(...listed);
	}
	return { partners, owners };
}

/** "A, B och C": names separated by commas and a final conjunction, up to the first non-name. */
function readList(doc: Doc, pos: number, limit: number, partners: Found<string>[], owners: Found<string>[]) {
	const text = doc.text;
	for (let guard = 0; guard < 20; guard++) {
		const rest = text.slice(pos, Math.min(limit, pos + 60));
		const prefix = LIST_PREFIX.exec(rest);
		const isOwner = !!prefix && OWNER_PREFIX.test(prefix[0]);
		const n =
			nameAt(doc, pos + (prefix ? prefix[0].length : 0), limit) ?? kindBeforeName(doc, pos + (prefix ? prefix[0].length : 0), limit);
		if (!n || !valid(doc, n.value)) return;
		(isOwner ? owners : partners).push(fromName(n, isOwner ? 'owner.in-list' : 'partner.list'));
		// "A in Sweden and B in Denmark": the country a name was read without stands before the separator.
		const country = IN_COUNTRY.exec(text.slice(n.end, Math.min(limit, n.end + 40)));
		const after = country ? n.end + country[0].length : n.end;
		const sep = LIST_SEPARATOR.exec(text.slice(after, Math.min(limit, after + 20)));
		if (!sep) return;
		pos = after + sep[0].length;
	}
}

/** "yrkeshögskolan Novia", "teknologicentret Merinova": a kind word in lower case before the body's name. */
function kindBeforeName(doc: Doc, pos: number, limit: number): NameSpan | null {
	const m = /^[ \t]*(?:(\p{Ll}[\p{L}-]+)[ \t]+)?(\p{Ll}[\p{L}-]+)[ \t]+(?=\p{Lu})/u.exec(doc.text.slice(pos, Math.min(limit, pos + 60)));
	if (!m || !isOrgWord(m[2])) return null;
	const n = readName(doc.text, pos + m[0].length, limit);
	if (!n) return null;
	// "the vocational school Syddansk Erhvervsskole": a described kind of body; the name is what follows.
	if (m[1]) return isOrgWord(m[1]) || FUNCTION_WORDS.has(m[1]) ? null : n;
	const start = pos + m[0].indexOf(m[2]);
	return { start, end: n.end, value: doc.text.slice(start, n.end) };
}

export function findFunders({ doc, scope }: OrgContext): Found<string>[] {
	return withinScope(doc, 'funders', scope, () => fundersIn(doc));
}

function fundersIn(doc: Doc): Found<string>[] {
	const out: Found<string>[] = [];
	for (const m of matches(FUNDER_RE, doc, true, '-')) {
		// A funder's name inside a longer name ("Nordic Innovation in ...") is not the funder,
		// but an office of it is ("NTM-centralen i Egentliga Finland").
		let end = m.index + m[0].length;
		const office = OFFICE.exec(doc.text.slice(end, end + 8));
		const place = office ? doc.places.find((p) => p.start === end + office[0].length) : undefined;
		const whole = nameAt(doc, m.index, doc.text.length);
		if (place) end = place.end;
		// "the European Commission's Just Transition Fund": the owner of the fund is the funder.
		else if (whole && whole.end > end && !/^['’]s(?![\p{L}])/u.test(doc.text.slice(end, end + 3))) continue;
		const s = sentenceOf(doc, m.index);
		const granting = mayMatch(GRANT_WORD, doc.grams) && holdsNotAfterLetter(GRANT_WORD, doc.text, doc.lower, s.start, s.end);
		out.push(foundBy(collapse(doc.text.slice(m.index, end)), m.index, end, granting ? 'funder.known.grant' : 'funder.known'));
	}
	for (const k of doc.knownMentions) {
		if (k.kind !== 'funders' || isKnownFunder(k.value)) continue;
		const s = sentenceOf(doc, k.start);
		const granting = mayMatch(GRANT_WORD, doc.grams) && holdsNotAfterLetter(GRANT_WORD, doc.text, doc.lower, s.start, s.end);
		out.push(foundBy(k.value, k.start, k.end, granting ? 'funder.learned.grant' : 'funder.learned'));
	}
	for (const m of matches(GRANT_SUBJECT, doc, false)) {
		// A capitalised "Fund" or "Grant" is part of a name, not the verb.
		const verbAt = m.index + m[0].length - (m.groups?.verb ?? '').length;
		if (!/^\p{Ll}/u.test(doc.text[verbAt] ?? '')) continue;
		// "The ERDF grant amounts to …": a noun, as the verb after it says.
		const next = /^[ \t]+(\p{Ll}+)/u.exec(doc.text.slice(m.index + m[0].length, m.index + m[0].length + 20));
		if (next && NOUN_CAPABLE.has(m.groups?.verb ?? '') && (CLAUSE_WORDS.has(next[1]) || next[1] === 'of')) continue;
		// "Projekter støttet af Regionalfonden": a passive participle's subject is what was funded.
		if (PASSIVE_AGENT.test(doc.lower.slice(m.index + m[0].length, m.index + m[0].length + 6))) continue;
		// A fund may itself be the one that grants ("EU Socialfond støtter projektet med ...").
		const n = nameBefore(doc, m.index, sentenceOf(doc, m.index).start, (v) => valid(doc, v) || isProgrammeName(v));
		if (!n) continue;
		if (COMMITTEE.test(n.value)) continue;
		const programme = isProgrammeName(n.value);
		// "Søg støtte" in a menu: a lone capitalised word before a grant word is no granter unless known.
		if (!programme && orgScore(n.value, doc.judge) < 0.45 && !knownFunder(doc, n.value)) continue;
		out.push(fromName(n, programme ? 'funder.grants.fund' : 'funder.grants'));
	}
	// "Programmets styrekomité har bevilget …", "Overvåkningskomiteen for Interreg Sverige-Norge … ga grønt lys til":
	// a programme's committee that grants in its sentence decides for the programme.
	for (const m of mayMatch(COMMITTEE_G, doc.grams) ? doc.lower.matchAll(COMMITTEE_G) : []) {
		const s = sentenceOf(doc, m.index);
		// The committee grants: a grant word after it, and it is no passive's agent ("approved by the monitoring committee").
		if (
			!holdsNotAfterLetter(GRANT_WORD, doc.text, doc.lower, m.index, s.end) ||
			AGENT_BEFORE.test(doc.lower.slice(Math.max(s.start, m.index - 12), m.index))
		)
			continue;
		const p = committeeProgramme(doc, { start: m.index, end: m.index + m[0].length, value: m[0] });
		if (p) out.push(p);
	}
	for (const m of matches(FUNDED_BY, doc)) {
		// "with match funding from Cornwall Council": the co-financer, not the one that grants.
		if (MATCH_FUNDING_BEFORE.test(doc.lower.slice(Math.max(0, m.index - 24), m.index))) continue;
		// "Interreg Aurora finansieras av Europeiska unionen": who funds the programme, not the project.
		if (startsWithProgramme(doc.text, sentenceOf(doc, m.index).start)) continue;
		const n = nameAt(doc, m.index + m[0].length, doc.text.length);
		if (!n) continue;
		// "fra Den Europæiske Fond for …": the article read with the phrase may open the fund's name.
		const article = ARTICLE_TAIL.exec(m[0]);
		const from = article && startsWithProgramme(doc.text, n.start - article[0].length) ? n.start - article[0].length : n.start;
		if (startsWithProgramme(doc.text, from)) {
			// "beviljades stöd från Europeiska socialfonden": the fund is the only granter the text names.
			PROGRAMME_AT.lastIndex = from;
			const p = PROGRAMME_AT.exec(doc.text);
			if (p) out.push(foundBy(p[0], from, from + p[0].length, 'funder.funded-by.programme'));
			continue;
		}
		if (!valid(doc, n.value)) continue;
		out.push(fromName(n, knownFunder(doc, n.value) ? 'funder.funded-by.known' : 'funder.funded-by'));
	}
	return out;
}

const AUTHORITY = new RegExp(String.raw`(?:^|[^\p{L}])(?:${REGIONAL_AUTHORITIES.join('|')})(?![\p{L}])`, 'u');

/**
 * "Region Jämtland Härjedalen" over its menu, then "… beslutade regionala utvecklingsnämnden att
 * bevilja …": a regional authority's page that tells of grants without naming who grants
 * speaks of its own; its name, the page's first line, is the funder when no other is named.
 */
export function siteFunder(doc: Doc): Found<string> | null {
	const line = doc.seg.lines.find((l) => !l.blank);
	if (!line) return null;
	const t = trimSpan(doc.text, line.start, line.end);
	const value = doc.text.slice(t.start, t.end);
	if (value.split(/\s+/).length > 5 || !AUTHORITY.test(value.toLowerCase()) || orgScore(value, doc.judge) < 0.8) return null;
	if (!mayMatch(GRANT_WORD, doc.grams) || !holdsNotAfterLetter(GRANT_WORD, doc.text, doc.lower, t.end, doc.text.length)) return null;
	return foundBy(value, t.start, t.end, 'funder.site');
}

/** Grant verbs that are also nouns of funding ("grant", "award"). */
const NOUN_CAPABLE = new Set(FUNDING_WORDS.split('|').filter((w) => new RegExp(String.raw`^(?:${GRANT_VERBS})$`, 'u').test(w)));
const COMMITTEE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${PROGRAMME_COMMITTEES})(?![\p{L}])`, 'iu');
const COMMITTEE_G = new RegExp(String.raw`(?<![\p{L}])(?:${PROGRAMME_COMMITTEES})(?![\p{L}])`, 'gu');

/**
 * "The monitoring committee of Interreg Baltic Sea Region approved …": a programme's committee
 * decides for it, so the programme is the funder: the one named beside it, else the text's first
 * (the site's own: "Programmets styrekomité har bevilget … fra Den Europæiske Fond for
 * Regionaludvikling" names the fund, not the programme whose committee it is).
 */
function committeeProgramme(doc: Doc, committee: NameSpan): Found<string> | null {
	const s = sentenceOf(doc, committee.start);
	const beside = { start: Math.max(s.start, committee.start - 40), end: Math.min(s.end, committee.end + 40) };
	for (const scope of [beside, { start: 0, end: doc.text.length }]) {
		for (const m of matches(PROGRAMME_RE, doc)) {
			if (m.index >= scope.start && m.index + m[0].length <= scope.end)
				return foundBy(m[0], m.index, m.index + m[0].length, 'funder.grants.fund');
		}
	}
	return null;
}

export function findProgrammes({ doc, scope }: OrgContext): Found<string>[] {
	return withinScope(doc, 'programmes', scope, () => programmesIn(doc));
}

function programmesIn(doc: Doc): Found<string>[] {
	const out: Found<string>[] = [];
	const counts = new Map<string, number>();
	const lexical: Found<string>[] = [];
	for (const m of matches(PROGRAMME_RE, doc)) {
		const before = doc.text.slice(Math.max(0, m.index - 30), m.index);
		const inClause = PROGRAMME_CLAUSE.test(before);
		const key = m[0].toLowerCase();
		counts.set(key, (counts.get(key) ?? 0) + 1);
		lexical.push(foundBy(m[0], m.index, m.index + m[0].length, inClause ? 'programme.known.clause' : 'programme.known'));
	}
	for (const k of doc.knownMentions) {
		if (k.kind !== 'programmes' || isProgrammeName(k.value)) continue;
		const inClause = PROGRAMME_CLAUSE.test(doc.text.slice(Math.max(0, k.start - 30), k.start));
		lexical.push(foundBy(k.value, k.start, k.end, inClause ? 'programme.learned.clause' : 'programme.learned'));
	}
	// "Nytt Interreg-prosjekt" … "Interreg Sverige-Norge har innvilget": the short name is the long one's.
	const fuller = (f: Found<string>) => {
		const v = f.value.toLowerCase();
		return lexical.find((g) => g.value.length > v.length && g.value.toLowerCase().startsWith(v) && /^[\s-]/.test(g.value.slice(v.length)));
	};
	for (const f of lexical) {
		const long = fuller(f);
		if (long) {
			const key = long.value.toLowerCase();
			counts.set(key, (counts.get(key) ?? 1) + 1);
		}
	}
	for (const f of lexical) {
		if (fuller(f)) continue;
		const extra = Math.min(
			RULES['programme.repeated.max'],
			RULES['programme.repeated.step'] * ((counts.get(f.value.toLowerCase()) ?? 1) - 1)
		);
		out.push({ ...f, confidence: f.confidence + extra });
	}
	for (const m of matches(SCHEME_BEFORE, doc)) {
		const n = readSchemeName(doc.text, m.index + m[0].length, doc.text.length);
		if (n) out.push(foundBy(n.value, n.start, n.end, 'programme.scheme'));
	}
	for (const m of matches(THE_X_PROGRAMME, doc)) {
		const at = m.index + m[0].indexOf(m[1]);
		if (!isProgrammeName(m[1]) && !isKnownFunder(m[1]) && !delivered(doc, m.index))
			out.push(foundBy(m[1], at, at + m[1].length, 'programme.the-x-programme'));
	}
	for (const m of SCHEME_NAMES_CAPITALISED.some((w) => doc.text.includes(w)) ? matches(THE_X_NAMED_PROGRAMME, doc) : []) {
		const at = m.index + m[0].indexOf(m[1]);
		if (!isProgrammeName(m[1]) && !isKnownFunder(m[1]) && !delivered(doc, m.index))
			out.push(foundBy(m[1], at, at + m[1].length, 'programme.the-x-programme'));
	}
	for (const m of matches(SCHEME_AFTER, doc, false)) {
		const s = sentenceOf(doc, m.index);
		const n = readSchemeName(doc.text, s.start, m.index);
		if (n && n.end === m.index) out.push(foundBy(n.value, n.start, n.end, 'programme.scheme.is-a'));
	}
	return out;
}

const DELIVER_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${DELIVER_VERBS})[ \t]+$`, 'u');

/** "to deliver the Town Centre Enterprise Programme": a programme a body takes on is its project, no funding scheme. */
function delivered(doc: Doc, articleAt: number): boolean {
	return DELIVER_BEFORE.test(doc.lower.slice(Math.max(0, articleAt - 24), articleAt));
}

/**
 * The name of a scheme written in sentence case ("Kompetanseutvikling i regionale
 * næringsmiljø"): from a capital letter up to punctuation, a year or a clause word.
 */
function readSchemeName(text: string, pos: number, limit: number): NameSpan | null {
	const rest = text.slice(pos, Math.min(limit, pos + 120));
	const first = SCHEME_WORD.exec(rest);
	if (!first || !/^\p{Lu}/u.test(first[0])) return null;
	let value = first[0];
	for (let words = 1; words < 10; words++) {
		const next = /^[ \u00a0]([\p{L}\d+&’'-]+)/u.exec(rest.slice(value.length));
		// A clause word, a conjunction or a number ("… finns 500 miljoner att söka") ends the name.
		if (!next || SCHEME_STOP.has(next[1].toLowerCase()) || /^\d/.test(next[1])) break;
		value += next[0];
	}
	value = value.replace(/[\s-]+$/, '');
	// One word names a scheme only when written like one ("HAVBRUK2", "FORNY2020") or when the
	// clause ends with it ("gjennom programmet Bedriftsnettverk, der …").
	const alone = /^\s*[,.;]/.test(rest.slice(value.length)) && value.length >= 5 && !STOP_WORDS.has(value.toLowerCase());
	if (value.split(/\s+/).length < 2 && !alone && !/^\p{Lu}[\p{Lu}\d-]+$|\d/u.test(value)) return null;
	return { start: pos, end: pos + value.length, value };
}
