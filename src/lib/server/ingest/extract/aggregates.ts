import type { AmountMention } from './amounts';
import { sentenceOf, spanHolds, type Doc } from './doc';
import { AGGREGATE_WORDS, FUNDING_WORDS, GRANT_SUBJECTS, MANY_WORDS, RECEIVE_VERBS } from './lexicon';
import { isFunderMention, isProgrammeMention, withoutProgrammes } from './organisations';
import { holdsNotAfterLetter } from './lowered';
import { mayMatch } from './prefilter';
import { spanIndexAt, testNotAfterLetter, type Span } from './text';

/**
 * Whether a sum of money or a count in a sentence belongs to one project or to many:
 * a call, a programme, a yearly budget, or the total of several grants.
 */

const PLURAL_PROJECTS = new RegExp(
	String.raw`(?:(?:\d+|${MANY_WORDS})\s+(?:\p{L}+\s+){0,2}(?:${AGGREGATE_WORDS.pluralNouns})|${AGGREGATE_WORDS.collective})(?![\p{L}])`,
	'giu'
);
const POOL_WORDS = new RegExp(String.raw`(?:${AGGREGATE_WORDS.pool})(?![\p{L}])`, 'giu');
const TOTAL_WORDS = new RegExp(String.raw`(?:${AGGREGATE_WORDS.total})(?![\p{L}])`, 'giu');
const OF_WHICH_AFTER = new RegExp(String.raw`^\s*[,)]?\s*(?:${AGGREGATE_WORDS.ofWhich})(?![\p{L}])`, 'iu');
const GRANT_SUBJECT_AT = new RegExp(String.raw`^\s*(?:${GRANT_SUBJECTS})(?![\p{L}])`, 'iu');
const RECEIVE_RE = new RegExp(String.raw`(?:${RECEIVE_VERBS})(?![\p{L}])`, 'giu');

/**
 * A source word before a name. Its look-behind (no letter before it) is checked after a match
 * (testNotAfterLetter): at the pattern's start the engine tried it at every position.
 */
const SOURCE_BEFORE_NAME = /(?:från|fra|frå|from|ur|via|av|by)\s+(?:the\s+)?\p{Lu}/gu;

/** "... kommer från Europeiska regionala utvecklingsfonden": money named with its source. */
function fundedBy(sentence: string): boolean {
	return testNotAfterLetter(SOURCE_BEFORE_NAME, sentence) && (isProgrammeMention(sentence) || isFunderMention(sentence));
}

export interface AmountJudgement {
	/** Positive: reads as one project's grant. Below 1 the amount is not a project's. */
	score: number;
	aggregate: boolean;
}

export interface Clues {
	plural: boolean;
	pool: boolean;
	total: boolean;
}

const cluesCache = new WeakMap<Doc, Map<number, Clues>>();

/** Clues in a sentence that its figures are about several projects or a pool of money. */
export function aggregateClues(doc: Doc, s: Span): Clues {
	let byStart = cluesCache.get(doc);
	if (!byStart) cluesCache.set(doc, (byStart = new Map()));
	let clues = byStart.get(s.start);
	if (!clues) {
		const holds = (re: RegExp) => holdsNotAfterLetter(re, doc.text, doc.lower, s.start, s.end);
		clues = {
			plural: mayMatch(PLURAL_PROJECTS, doc.grams) && holds(PLURAL_PROJECTS),
			// A pool word inside a fund's name ("fondet for regional utvikling") names no pool.
			pool:
				mayMatch(POOL_WORDS, doc.grams) &&
				holds(POOL_WORDS) &&
				testNotAfterLetter(POOL_WORDS, withoutProgrammes(doc.text.slice(s.start, s.end))),
			total: mayMatch(TOTAL_WORDS, doc.grams) && holds(TOTAL_WORDS)
		};
		byStart.set(s.start, clues);
	}
	return clues;
}

const PROJECT_WORD = /(?:projektet|prosjektet|projekt|prosjekt|project|satsningen|satsingen)(?:s|'s|’s)?(?![\p{L}])/giu;
const FUNDING_WORD = new RegExp(String.raw`(?:${FUNDING_WORDS})(?![\p{L}])`, 'giu');

interface GrantCues {
	grantSubject: boolean;
	project: boolean;
	receive: boolean;
	funding: boolean;
}

const grantCuesCache = new WeakMap<Doc, Map<number, GrantCues>>();

/**
 * The cues of a sentence that do not depend on the amount or the title: a sentence with
 * several sums, or judged for several titles, is read once instead of at every judgement.
 */
function grantCues(doc: Doc, s: Span): GrantCues {
	let byStart = grantCuesCache.get(doc);
	if (!byStart) grantCuesCache.set(doc, (byStart = new Map()));
	let cues = byStart.get(s.start);
	if (!cues) {
		const sentence = doc.text.slice(s.start, s.end);
		const holds = (re: RegExp) => holdsNotAfterLetter(re, doc.text, doc.lower, s.start, s.end);
		cues = {
			grantSubject: mayMatch(GRANT_SUBJECT_AT, doc.grams) && GRANT_SUBJECT_AT.test(sentence),
			project: mayMatch(PROJECT_WORD, doc.grams) && holds(PROJECT_WORD),
			receive: mayMatch(RECEIVE_RE, doc.grams) && holds(RECEIVE_RE),
			funding: (mayMatch(FUNDING_WORD, doc.grams) && holds(FUNDING_WORD)) || fundedBy(sentence)
		};
		byStart.set(s.start, cues);
	}
	return cues;
}

function spentOnProject(doc: Doc, s: Span, title: string | null): boolean {
	const next = doc.seg.sentences[spanIndexAt(doc.seg.sentences, s.start) + 1];
	if (!next || next.start < s.end) return false;
	const sentence = doc.text.slice(next.start, Math.min(next.end, next.start + 40));
	if (!GRANT_SUBJECT_AT.test(sentence)) return false;
	const whole = doc.text.slice(next.start, next.end);
	return (!!title && whole.includes(title)) || testNotAfterLetter(PROJECT_WORD, whole);
}

/**
 * How much an amount reads as the grant to the project named `title` (or to "the project").
 * Cues against: several projects, a pool or call, a yearly sum, "totalt", the total before "varav".
 */
export function judgeAmount(doc: Doc, a: AmountMention, title: string | null): AmountJudgement {
	const s = sentenceOf(doc, a.start);
	const clues = aggregateClues(doc, s);
	const cues = grantCues(doc, s);
	let score = 0;
	if (title && spanHolds(doc, s, title)) score += 2;
	// "Stödet uppgår till 3 800 tkr": the sentence goes on about the grant just named.
	else if (cues.grantSubject) score += 2;
	if (cues.project) score += 1;
	if (cues.receive) score += 1;
	if (cues.funding) score += 1;
	if (doc.headline && a.start >= doc.headline.start && a.end <= doc.headline.end) score += 1;
	// "… 4 millioner kroner til X AS. Pengene skal brukes i prosjektet Y": the next sentence spends it on the project.
	if (score < 2 && spentOnProject(doc, s, title)) score += 1;
	let aggregate = false;
	if (clues.plural) {
		score -= 4;
		aggregate = true;
	}
	if (clues.pool) {
		score -= 2;
		aggregate = true;
	}
	if (clues.total && (clues.plural || clues.pool)) score -= 1;
	if (mayMatch(OF_WHICH_AFTER, doc.grams) && OF_WHICH_AFTER.test(doc.text.slice(a.end, a.end + 16))) {
		score -= 4;
		aggregate = true;
	}
	return { score, aggregate };
}
