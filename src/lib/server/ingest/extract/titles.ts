import { judgeAmount } from './aggregates';
import { isMoneyWord } from './amounts';
import { isMonthName } from './dates';
import { inKeyValue, sentenceOf, spanHolds, withinScope, type Doc } from './doc';
import { found, type Found } from './found';
import { RULES, type Rule } from './rules';
import {
	CLAUSE_WORDS,
	DETERMINERS,
	FUNCTION_WORDS,
	NAME_CONNECTORS,
	STOP_WORDS,
	SUBJECT_IS_LED,
	SUBJECT_LED_APPOSITION,
	SUBJECT_IS_PROJECT,
	SUBJECT_VERBS,
	DELIVER_VERBS,
	GRANTED_NAME_VERBS,
	PURPOSE_PREPOSITIONS,
	RECEIVE_VERBS,
	GRANT_VERBS,
	PROJECT_NOUNS,
	TITLE_CUES,
	PROJECT_SUFFIXES,
	APPOSITION_NOUNS,
	BACKGROUND_WORDS,
	INDEFINITE_ARTICLES,
	THE_PROJECT,
	TOTAL_ROWS
} from './lexicon';
import { orgScore, readName } from './names';
import { looksLikePerson } from './people';
import { mayMatch } from './prefilter';
import { isKnownFunder, isProgrammeName, recipientOf } from './organisations';
import { isPlaceName } from './places';
import { countParts, escapeRe, norm, spanIndexAt, trimSpan, wordMatches, type Span } from './text';
import { wordMatchesIn } from './starts';

/**
 * Project names: "projektet CoSkill", "prosjektet «Title»", "the X project", "X-projektet",
 * and a short headline that the text repeats.
 */

// "the project, called X", "the first project, X, is led by": a comma may stand before the name.
const CUE = new RegExp(String.raw`(?:(?:${TITLE_CUES}),?)[ \u00a0]+`, 'gu');
const INDEFINITE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${DETERMINERS})\s+$`, 'iu');
const THE_PROJECT_AT = new RegExp(String.raw`^(?:${THE_PROJECT})`, 'iu');
const QUOTED = /^[«"“„‘'”]([^"«»“”„‘’'\n]{2,120}?)["»”“’']/u;
const SUFFIX = new RegExp(String.raw`-(?:${PROJECT_SUFFIXES})(?![\p{L}])`, 'gu');
const WORD_BEFORE_SUFFIX = /(?<![\p{L}\d-])\p{Lu}[\p{L}\d+&]*$/u;
/**
 * "ECOCOAST, a project led by ...", "Vägen Vidare, ett projekt som ...": a name in apposition,
 * found from the comma and read backwards (a pattern starting at every capital is slow).
 */
// "Digital Norfolk Growth, a three-year programme that …": the describing word may be hyphenated.
const APPOSITION = new RegExp(String.raw`,\s+(?:${INDEFINITE_ARTICLES})\s+(?:[\p{L}-]+\s+)?(?:${APPOSITION_NOUNS})(?![\p{L}])`, 'gu');
const NAME_BEFORE_COMMA = /(?<![\p{L}\d])\p{Lu}[\p{L}\d+&@-]*(?:\s\p{Lu}[\p{L}\d+&@-]*){0,4}$/u;
const THE_X_PROJECT = /(?:[Tt]he|its|their|our)\s+(\p{Lu}[\p{L}\d+&-]*(?:\s\p{Lu}[\p{L}\d+&-]*){0,4})\s+project(?![\p{L}])/gu;
const CONNECTOR = [...NAME_CONNECTORS].join('|');
const NAME_WORD = String.raw`\p{Lu}[\p{L}\d+&’'-]*`;
/** "to deliver the Town Centre Enterprise Programme", "will run the new Digital Skills Hub": the named thing a body takes on. */
const DELIVERED = new RegExp(
	String.raw`(?:${DELIVER_VERBS})[ \u00a0]+(?:(?:the|its|their|a)[ \u00a0]+)?(?:new[ \u00a0]+)?(${NAME_WORD}(?:(?:[ \u00a0](?:${CONNECTOR}))*[ \u00a0]${NAME_WORD}){1,6})(?![\p{L}\d])`,
	'gu'
);
/** "går til Fremtidens Fagfolk i Thy, som …", "Med 1,2 mio. kr. støttes Sprog til Job Vendsyssel.": the name a sum goes to. */
const GRANTED_NAME = new RegExp(String.raw`(?:${GRANTED_NAME_VERBS})[ \u00a0]+(?=[\p{Lu}«"“])`, 'giu');
/** What may follow a name in apposition: ", som ledes af …", ", et samarbejde med …". */
const APPOSITION_AFTER = new RegExp(
	String.raw`^(?:${SUBJECT_LED_APPOSITION}|,\s+(?:${INDEFINITE_ARTICLES})\s+(?:[\p{L}-]+\s+)?(?:${APPOSITION_NOUNS})(?![\p{L}]))`,
	'iu'
);
const QUOTED_ANYWHERE = /[«"“„]([^"«»“”„\n]{3,120}?)["»”“]/gu;
const BACKGROUND = new RegExp(String.raw`(?:${BACKGROUND_WORDS})\s+(?:\p{L}+\s+){0,4}$`, 'iu');
/** The subject of a sentence that says it is a project or is led by someone. */
const SUBJECT_CUE = new RegExp(
	String.raw`^((?:[•·▪*–-][ \t]+)?)([^\n]{2,100}?)(?:\s+(?:${SUBJECT_IS_PROJECT}|${SUBJECT_IS_LED})|(${SUBJECT_LED_APPOSITION}))`,
	'u'
);
/**
 * What SUBJECT_CUE needs after the subject, looked for anywhere in the sentence: without it the
 * cue cannot match, and it is found several times faster than the cue's lazy subject fails,
 * trying its clauses after every one of up to 100 lengths.
 */
const SUBJECT_TAIL = new RegExp(String.raw`\s(?:${SUBJECT_IS_PROJECT}|${SUBJECT_IS_LED})|${SUBJECT_LED_APPOSITION}`, 'u');
/** "The Skye Digital Skills Academy, run by …": the article opens the sentence, not the name. */
const LEADING_THE = /^the[ \u00a0]+(?=\p{Lu})/iu;
// Sticky, tried where readTitle stands: a slice of the rest for every word cost more than the reading.
const TOKEN = /[\p{L}\d][\p{L}\d+&’'/:.@-]*/uy;
const WORD_AFTER_NUMBER = /(?:[ \u00a0]+([\p{Ll}.]+)|[.,]\d)/uy;
const GAP = /[ \u00a0]+/y;
const RECEIVED = new RegExp(String.raw`(?:${RECEIVE_VERBS}|${GRANT_VERBS})(?![\p{L}])`, 'iu');

/** Whether the clause before a sum receives or grants it. */
function receivedAt(doc: Doc, a: Span): boolean {
	const s = sentenceOf(doc, a.start);
	return RECEIVED.test(doc.text.slice(Math.max(s.start, a.start - 60), a.start));
}

const PURPOSE = new RegExp(String.raw`^[ \t]+(?:${PURPOSE_PREPOSITIONS})[ \t]+(?=[\p{Lu}\d«"“])`, 'u');
/** The name read for a purpose ends its clause ("for Tare2Feed, a …", "for Tare2Feed."), not a longer phrase. */
const NAME_ENDS_CLAUSE = /^(?:[,.;:!?)]|$|\s*$)/u;
/** "CoastLine Skills will train …": up to five words that open a paragraph, then a verb of doing. */
const PARAGRAPH_SUBJECT = new RegExp(String.raw`((?:[^\s.,;:!?()]+[ \u00a0]){1,5}?)(?:${SUBJECT_VERBS})(?![\p{L}])`, 'uy');
/** "GREENYARD: a project to …", "Blue Routes – a new initiative …": a name, then what it is. */
const NAME_COLON = /([^\s:–—][^\n:–—]{0,60}?)[ \u00a0]*(?::|[ \u00a0][–—-])[ \u00a0]+(?=\S)/uy;
const DESCRIBED_AS_PROJECT = new RegExp(
	String.raw`^(?:${INDEFINITE_ARTICLES})\s+(?:[\p{L}-]+\s+){0,3}?[\p{L}-]*(?:${PROJECT_NOUNS}|${APPOSITION_NOUNS})(?![\p{L}])`,
	'iu'
);
const SUM_TO = /^[ \u00a0]+(?:til|till|to)[ \u00a0]+(?=\p{Lu})/u;
const SUM_FOR = /^[ \u00a0]+(?:for|för)[ \u00a0]+(?=\p{Lu})/u;

export interface TitleContext {
	doc: Doc;
	scope: Span;
}

const MAX_CLAUSE_WORDS = 6;

interface TitleToken {
	text: string;
	start: number;
	end: number;
	named: boolean;
}

/**
 * A project's name after a cue word. A short rest of the clause is the name even in
 * sentence case ("till projektet Digital bygdeservice."); otherwise the name is the run of
 * capitalised words ("CoSkill", "Attract2Tech", "Digital Skola Norr") joined by connectors.
 * A number ends the name unless a noun follows it ("Gruvkompetens 2030" but "CoSkill 32
 * miljoner").
 */
function readTitle(text: string, pos: number): Span | null {
	const rest = text.slice(pos, pos + 160);
	const quoted = QUOTED.exec(rest);
	if (quoted) return { start: pos + 1, end: pos + 1 + quoted[1].length };
	const toks: TitleToken[] = [];
	let i = 0;
	let ended = false;
	// Reading stopped at a verb or relative, not at the end of the line or sentence.
	let atClause = false;
	while (i < rest.length && toks.length <= MAX_CLAUSE_WORDS + 2) {
		TOKEN.lastIndex = i;
		const m = TOKEN.exec(rest);
		if (!m) {
			ended = true;
			break;
		}
		const tok = withoutTrailingStops(m[0]);
		const lower = tok.toLowerCase();
		WORD_AFTER_NUMBER.lastIndex = i + tok.length;
		const after = /^\d[\d.,]*$/.test(tok) ? WORD_AFTER_NUMBER.exec(rest) : null;
		const amountNext = !!after && (!after[1] || isMoneyWord(after[1]));
		if (CLAUSE_WORDS.has(lower) || amountNext) {
			ended = true;
			atClause = true;
			break;
		}
		// "eHälsa", "iKnow": a capital inside the first word names it too.
		const named = ((/^[\p{Lu}\d]/u.test(tok) || /^\p{Ll}+\p{Lu}/u.test(tok)) && /\p{L}/u.test(tok)) || /^\d[\d.]*$/.test(tok);
		toks.push({ text: tok, start: pos + i, end: pos + i + tok.length, named });
		i += tok.length;
		GAP.lastIndex = i;
		const gap = GAP.exec(rest);
		// Two spaces part a menu's items or a flattened table's cells, not the words of a name.
		if (m[0] !== tok || !gap || gap[0].length > 1) {
			ended = true;
			break;
		}
		i += gap[0].length;
	}
	if (!toks.length || !toks[0].named || !/\p{L}/u.test(toks[0].text)) return null;
	// "Framtidskompetens i Blekinge": a place after "i"/"på" is part of the name the text gives.
	let keep = ended && toks.length <= MAX_CLAUSE_WORDS ? toks.length : capitalisedRun(toks);
	// A dangling connector or a capitalised stop word ("CoSkill Det") is no part of the name;
	// a lower-case word that ends a short clause is ("Job for alle").
	const dangling = (t: TitleToken) =>
		(NAME_CONNECTORS.has(t.text.toLowerCase()) && (atClause || !ended)) || (STOP_WORDS.has(t.text.toLowerCase()) && (t.named || !ended));
	while (keep > 1 && dangling(toks[keep - 1])) keep--;
	return { start: toks[0].start, end: toks[keep - 1].end };
}

/** The token without the colons and full stops that end it (what replace(/[:.]+$/, '') gives). */
function withoutTrailingStops(token: string): string {
	let end = token.length;
	for (let c = token.charCodeAt(end - 1); c === 0x3a || c === 0x2e; c = token.charCodeAt(end - 1)) end--;
	return end === token.length ? token : token.slice(0, end);
}

function capitalisedRun(toks: TitleToken[]): number {
	let keep = 1;
	for (let k = 1; k < toks.length; k++) {
		const t = toks[k];
		if (t.named && !STOP_WORDS.has(t.text.toLowerCase())) {
			keep = k + 1;
			continue;
		}
		if (NAME_CONNECTORS.has(t.text.toLowerCase()) && toks[k + 1]?.named) continue;
		break;
	}
	return keep;
}

/** Whether a string can be a project's name; `marked` names follow "Prosjekt" and may start with an article. */
export function acceptableTitle(doc: Doc, value: string, marked = false): boolean {
	const v = value.trim();
	if (v.length < 2 || !/\p{L}/u.test(v)) return false;
	if (STOP_WORDS.has(v.toLowerCase()) || (!marked && FUNCTION_WORDS.has(v.split(/\s+/)[0].toLowerCase()))) return false;
	if (isProgrammeName(v) || isKnownFunder(v) || isPlaceName(v)) return false;
	if (/^\d+$/.test(v) || isTotalLabel(v) || isOnlyDate(v)) return false;
	// The written test first: a name with a digit or an inner capital needs no organisation score.
	return /\p{Ll}\p{Lu}|\d/u.test(v) || orgScore(v, doc.judge) < 0.9;
}

/** "I alt", "Totalt:": the label of a table's or list's total. */
export function isTotalLabel(value: string): boolean {
	return TOTAL_ROWS.has(value.toLowerCase().replace(/[\s:.]+$/, ''));
}

/** "12 June 2024", "2024-06-12": the date line of a release, not a name. */
function isOnlyDate(value: string): boolean {
	if (!/\d/.test(value) || value.length > 30) return false;
	const words = value.toLowerCase().match(/\p{L}+/gu) ?? [];
	return words.every(isMonthName) && /\d{4}|\d[./-]\d/.test(value);
}

/** Every place the scope names a project. */
export function findTitleMentions({ doc, scope }: TitleContext): Found<string>[] {
	return withinScope(doc, 'titles', scope, () => titlesIn(doc));
}

function titlesIn(doc: Doc): Found<string>[] {
	const text = doc.text;
	const out: Found<string>[] = [];
	const push = (s: Span, rule: Rule, marked = false) => {
		const confidence = RULES[rule];
		const value = text.slice(s.start, s.end).replace(/\s+/g, ' ').trim();
		if (!acceptableTitle(doc, value, marked) || spanIndexAt(doc.masked, s.start) >= 0) return;
		const background = mayMatch(BACKGROUND, doc.grams) && BACKGROUND.test(text.slice(Math.max(0, s.start - 60), s.start));
		out.push(found(value, s.start, s.end, rule, background ? confidence - RULES['title.background.penalty'] : confidence));
	};
	for (const m of mayMatch(CUE, doc.grams) ? wordMatchesIn(CUE, doc.index, true) : []) {
		const at = m.index;
		// "ett projekt", "a project": an indefinite mention names no project.
		// A name in apposition ("the first project, BalticBridge,") is named whatever comes before.
		const apposition = /,[ \u00a0]+$/.test(m[0]) && /^[^,.\n]{2,80},/.test(text.slice(at + m[0].length));
		if (!apposition && INDEFINITE.test(text.slice(Math.max(0, at - 24), at)) && !THE_PROJECT_AT.test(m[0])) {
			continue;
		}
		// "Projekt  Nyheter  Suomeksi": a menu's items stand apart by more than one space.
		if (/[ \u00a0]{2}$/.test(m[0])) continue;
		const s = readTitle(text, at + m[0].length);
		// Read after "projektet", a name may open with a preposition ("Fra ufaglært til faglært").
		if (s) push(s, QUOTED.test(text.slice(at + m[0].length)) ? 'title.cue.quoted' : 'title.cue', true);
	}
	for (const m of mayMatch(SUFFIX, doc.grams) ? doc.lower.matchAll(SUFFIX) : []) {
		const word = WORD_BEFORE_SUFFIX.exec(text.slice(Math.max(0, m.index - 40), m.index));
		if (!word) continue;
		// "et første FoU-prosjekt", "ett nytt ESF-projekt": a kind of project, not one named.
		const before = text.slice(Math.max(0, m.index - word[0].length - 30), m.index - word[0].length);
		if (INDEFINITE.test(before) || INDEFINITE.test(before.replace(/\p{Ll}+[ \u00a0]+$/u, ''))) continue;
		push({ start: m.index - word[0].length, end: m.index }, 'title.suffixed');
	}
	for (const m of mayMatch(APPOSITION, doc.grams) ? doc.lower.matchAll(APPOSITION) : []) {
		const name = NAME_BEFORE_COMMA.exec(text.slice(Math.max(0, m.index - 80), m.index));
		if (name) push({ start: m.index - name[0].length, end: m.index }, 'title.apposition');
	}
	for (const m of mayMatch(THE_X_PROJECT, doc.grams) ? wordMatchesIn(THE_X_PROJECT, doc.index, false) : []) {
		const at = m.index + m[0].indexOf(m[1]);
		push({ start: at, end: at + m[1].length }, 'title.the-x-project');
	}
	for (const m of mayMatch(DELIVERED, doc.grams) ? wordMatches(DELIVERED, text) : []) {
		const at = m.index + m[0].length - m[1].length;
		push({ start: at, end: at + m[1].length }, 'title.delivered');
	}
	for (const m of mayMatch(GRANTED_NAME, doc.grams) ? wordMatches(GRANTED_NAME, text) : []) {
		const at = m.index + m[0].length;
		const s = readTitle(text, at);
		if (!s || orgScore(text.slice(s.start, s.end), doc.judge) >= 0.7) continue;
		const sentence = sentenceOf(doc, m.index);
		const after = text.slice(s.end, s.end + 40);
		// A sum in the sentence, and the name ends its clause or stands in apposition.
		if (
			doc.amounts.some((a) => a.start >= sentence.start && a.end <= sentence.end) &&
			(NAME_ENDS_CLAUSE.test(after.slice(0, 2)) || APPOSITION_AFTER.test(after))
		)
			push(s, 'title.granted-for');
	}
	for (const m of text.matchAll(QUOTED_ANYWHERE)) {
		const at = m.index + 1;
		const near = text.slice(Math.max(0, at - 40), Math.min(text.length, at + m[1].length + 20));
		if (/projekt|prosjekt|project/i.test(near)) push({ start: at, end: at + m[1].length }, 'title.quoted');
	}
	for (const p of doc.seg.paragraphs) paragraphName(doc, p, push);
	// "… NOK 4.5 million to Vesterålen Tare AS for Tare2Feed, a pilot plant …": what the recipient got it for.
	// "… receives £1.8 million for Net Zero Skills North, which …": a sum received for a name.
	const grantedFor = new Set<number>();
	for (const a of doc.amounts) {
		const owner = recipientOf(doc, a);
		const after = owner ? owner.end : a.end;
		const purpose = PURPOSE.exec(text.slice(after, after + 12));
		if (!purpose || (!owner && !receivedAt(doc, a))) continue;
		const s = readTitle(text, after + purpose[0].length);
		if (s && NAME_ENDS_CLAUSE.test(text.slice(s.end, s.end + 2)) && nameShaped(text.slice(s.start, s.end))) {
			push(s, 'title.granted-for');
			grantedFor.add(s.start);
		}
	}
	// "tar emot 7 400 000 kronor för Smart industri Småland, som …", "NOK 3 million to Fjordlaks AS
	// for SmoltSense, a …": the name a sum is for, after the body it goes to (unless read just above).
	for (const a of doc.amounts) {
		let at = a.end;
		const to = SUM_TO.exec(text.slice(at, at + 8));
		// "850.000 kr. til Naturvidenskab på tværs, et samarbejde med …": a name in apposition is the project.
		const named = to ? readTitle(text, at + to[0].length) : null;
		if (
			named &&
			APPOSITION_AFTER.test(text.slice(named.end, named.end + 40)) &&
			orgScore(text.slice(named.start, named.end), doc.judge) < 0.7
		) {
			push(named, 'title.granted-for');
			continue;
		}
		const n = to ? readName(text, at + to[0].length) : null;
		if (to && !n) continue;
		if (n) at = n.end;
		const f = SUM_FOR.exec(text.slice(at, at + 8));
		const s = f ? readTitle(text, at + f[0].length) : null;
		// A name in sentence case still ends on a capital ("Digital vård Norr"); "Highland roads" is no name.
		if (
			s &&
			!grantedFor.has(s.start) &&
			/^[\p{Lu}\d]/u.test(lastWord(text.slice(s.start, s.end))) &&
			orgScore(text.slice(s.start, s.end), doc.judge) < 0.7
		)
			push(s, 'title.for-name');
	}
	for (const s of mayMatch(SUBJECT_CUE, doc.grams) ? doc.seg.sentences : []) {
		const head = doc.lower.slice(s.start, Math.min(s.end, s.start + 200));
		const m = SUBJECT_TAIL.test(head) ? SUBJECT_CUE.exec(head) : null;
		if (!m || m[2].split(/\s+/).length > 8 || /[,:;]/.test(m[2])) continue;
		// "Prosjektet X, som ledes av …": the title cue reads that name already.
		if (THE_PROJECT_AT.test(m[2])) continue;
		// A bullet opens an item of a list, not the name.
		const from = s.start + m[1].length;
		const led = !!m[3];
		const article = led ? LEADING_THE.exec(text.slice(from, from + 8)) : null;
		const span = trimSpan(text, from + (article ? article[0].length : 0), from + m[2].length);
		const value = text.slice(span.start, span.end);
		// "The Skye Digital Skills Academy, run by West Highland College UHI, …": what a body runs is the
		// project, though its name holds a kind word; a body with a legal form is still a body.
		const limit = led ? 1 : 0.7;
		if (/^[\p{Lu}\d«"“]/u.test(value) && orgScore(value, doc.judge) < limit) push(span, 'title.subject');
	}
	return out;
}

/**
 * A name that opens a paragraph about it without a title cue: the subject of a verb of doing
 * ("CoastLine Skills will train …") or a name before a colon or dash that says what it is
 * ("GREENYARD: a project to …"). Capitalised words only, not a body or a person; a single
 * ordinary word ("Training will start") names nothing unless written like a name.
 */
function paragraphName(doc: Doc, p: Span, push: (s: Span, rule: Rule) => void) {
	if (inKeyValue(doc, p.start) || !/[\p{Lu}\d]/u.test(doc.text[p.start] ?? '')) return;
	// The page's heading is headlineTitle's to judge, but one too long for it may still open with
	// the name ("FjellHelse – felles opplæring av helsepersonell i fjellkommunene …").
	const headline = doc.headline?.start === p.start;
	if (headline && headlineShaped(doc.text.slice(doc.headline!.start, doc.headline!.end))) return;
	// Sticky at the paragraph's start: neither pattern crosses a line.
	PARAGRAPH_SUBJECT.lastIndex = p.start;
	const subject = headline ? null : PARAGRAPH_SUBJECT.exec(doc.lower);
	NAME_COLON.lastIndex = p.start;
	const colon = subject ? null : NAME_COLON.exec(doc.text);
	if (!subject && !colon) return;
	const head = doc.text.slice(p.start, Math.min(p.end, p.start + 160));
	const value = head.slice(0, subject ? subject[1].length : (colon?.[1].length ?? 0)).trim();
	if (!value || !nameShaped(value) || THE_PROJECT_AT.test(value)) return;
	const marked = /\p{Ll}\p{Lu}|\d|^\p{Lu}[\p{Lu}\d&+-]+$/u.test(value);
	if (!marked && value.split(/\s+/).length < 2) return;
	if (colon && !marked && !DESCRIBED_AS_PROJECT.test(head.slice(colon[0].length))) return;
	if (orgScore(value, doc.judge) >= 0.7 || looksLikePerson(value, doc.judge.people)) return;
	push({ start: p.start, end: p.start + value.length }, subject ? 'title.paragraph-subject' : 'title.name-colon');
}

/** Capitalised words, connectors only between them. */
const lastWord = (value: string) => value.slice(value.search(/\S+$/));

function nameShaped(value: string): boolean {
	const words = value.split(/\s+/);
	return words.every((w, i) => /^[\p{Lu}\d]/u.test(w) || (i > 0 && i < words.length - 1 && NAME_CONNECTORS.has(w.toLowerCase())));
}

/** Short enough to be a project's name as it stands: no sentence, at most eight words. */
function headlineShaped(value: string): boolean {
	return countParts(value) <= 8 && value.length <= 80 && !/[.!?]$/.test(value);
}

/** A short headline that the body repeats is the project's name (project pages, "SKILLS+"). */
export function headlineTitle(doc: Doc, boost: number): Found<string> | null {
	const h = doc.headline;
	if (!h) return null;
	const value = doc.text.slice(h.start, h.end);
	if (!headlineShaped(value) || !acceptableTitle(doc, value)) return null;
	const key = squeeze(value);
	if (!key) return null;
	// Repeats are looked for where the headline's first word recurs, spacing and case aside.
	const first =
		value
			.split(/[^\p{L}\p{N}]+/u)
			.find(Boolean)
			?.toLowerCase() ?? '';
	const body = doc.lower;
	let repeats = 0;
	for (let i = body.indexOf(first, h.end); i >= 0 && repeats < 3; i = body.indexOf(first, i + first.length)) {
		if (squeeze(body.slice(i, i + value.length * 2)).startsWith(key)) repeats++;
	}
	const confidence = RULES['title.headline'] + boost + (repeats ? RULES['title.headline.repeat-bonus'] : 0);
	if (confidence < RULES['title.headline.min']) return null;
	return found(value, h.start, h.end, repeats ? 'title.headline.repeated' : 'title.headline', confidence);
}

/**
 * The project's name among the mentions: the most confident, strengthened by how often
 * the text repeats it and by a grant sentence naming it.
 */
export function chooseTitle(doc: Doc, mentions: Found<string>[]): Found<string> | null {
	const groups = new Map<string, Found<string>[]>();
	for (const m of mentions) {
		const key = norm(m.value).replace(/\s/g, '');
		const g = groups.get(key);
		if (g) g.push(m);
		else groups.set(key, [m]);
	}
	let top: Found<string> | null = null;
	for (const group of groups.values()) {
		const lead = group.reduce((a, b) => (b.confidence > a.confidence ? b : a));
		const occurrences = occurrencesIn(doc, lead.value);
		let confidence =
			lead.confidence + Math.min(RULES['title.repeated.max'], RULES['title.repeated.step'] * (Math.max(occurrences, group.length) - 1));
		const granted = doc.amounts.some((a) => {
			const s = sentenceOf(doc, a.start);
			return spanHolds(doc, s, lead.value) && !judgeAmount(doc, a, lead.value).aggregate;
		});
		if (granted) confidence += RULES['title.granted.bonus'];
		const candidate = { ...lead, confidence: Math.min(RULES['title.max'], confidence) };
		if (!top || candidate.confidence > top.confidence || (candidate.confidence === top.confidence && candidate.start < top.start)) {
			top = candidate;
		}
	}
	return top;
}

/** Letters and digits only, lower-cased: "SKILLS +" and "SKILLS+" compare equal. */
function squeeze(s: string): string {
	return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** How often the text names value, counted once per document and value. */
function occurrencesIn(doc: Doc, value: string): number {
	let counts = doc.memo.get('title-occurrences') as Map<string, number> | undefined;
	if (!counts) doc.memo.set('title-occurrences', (counts = new Map()));
	let n = counts.get(value);
	if (n === undefined) counts.set(value, (n = countOccurrences(doc.text, value)));
	return n;
}

const WORD_BEFORE = /[\p{L}\d]$/u;
const WORD_AFTER = /^[\p{L}\d]/u;

/**
 * Whole-word occurrences of value, as /(?<![\p{L}\d])value(?![\p{L}\d])/gu counts them, found
 * with indexOf: compiling that pattern for every name took longer than the search.
 */
function countOccurrences(text: string, value: string): number {
	const first = value.charCodeAt(0);
	if (!value || (first >= 0xdc00 && first <= 0xdfff)) {
		return (text.match(new RegExp(String.raw`(?<![\p{L}\d])${escapeRe(value)}(?![\p{L}\d])`, 'gu')) ?? []).length;
	}
	let count = 0;
	for (let at = text.indexOf(value); at >= 0;) {
		const end = at + value.length;
		if (!WORD_BEFORE.test(text.slice(Math.max(0, at - 2), at)) && !WORD_AFTER.test(text.slice(end, end + 2))) {
			count++;
			at = text.indexOf(value, end);
		} else at = text.indexOf(value, at + 1);
	}
	return count;
}
