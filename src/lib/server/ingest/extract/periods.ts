import { inKeyValue, sentenceOf, type Doc } from './doc';
import { found, type Found } from './found';
import { RULES } from './rules';
import { mayMatch } from './prefilter';
import { type Span } from './text';
import { wordMatchesIn } from './starts';

/** When a project runs, as running text says it. */

export interface Period {
	start: Found<string> | null;
	end: Found<string> | null;
}

const START_CUE =
	/(?:frå|start\p{L}*|inleds|påbörja\p{L}*|begin\p{L}*|commenc\p{L}*|från och med|fr\.o\.m\.|f\.o\.m\.|oppstart|igång|i gang|kick\p{L}* off|genomförandefas\p{L}*|gjennomføringsfase\p{L}*|launch\p{L}*|fra og med|from|från|fra)\s+(?:\p{L}+\s+){0,3}$/iu;
const END_CUE =
	/(?:pågår (?:fram )?till|löper (?:ut )?till|avslutas|slutar|slut\p{L}*|ends?|ending|until|till och med|t\.o\.m\.|varar till|varer (?:frem )?til|avsluttes|slutter|pågår til|løper (?:frem )?til|løber (?:frem )?til|frem til|fram till|through|ferdig|avslutta|afslutte[ts]|färdig\p{L}*|complet\p{L}*|finish\p{L}*)\s+(?:\p{L}+\s+){0,3}$/iu;
const CALL_WORDS =
	/(?:ansök\p{L}*|søknad\p{L}*|søk\p{L}*|utlysning\p{L}*|deadline|frist\p{L}*|application\p{L}*|call|sista dag|senast|publicer\p{L}*|pressmeddelande|pressemelding)/iu;
const PERIOD_WORDS = /(?:projekt|prosjekt|project|period|pågår|løper|löper|varer|runs|lasts|from|från|fra|genomför|gjennomfør)/iu;

/**
 * A project's start and end in running text: a range in a sentence about the project
 * or its period, or a single date after "startar"/"pågår till"; never the dates of a
 * call for applications or of the press release itself. In a line of a table or list
 * about one project (`item`) any range is its period, and so are two dates alone (start and
 * end columns): the column says so, not a word.
 */
export function proseDates(doc: Doc, scope: Span, item = false): Period {
	let start: Found<string> | null = null;
	let end: Found<string> | null = null;
	for (const r of doc.ranges) {
		if (r.from.start < scope.start || r.to.end > scope.end || inKeyValue(doc, r.from.start)) continue;
		const s = sentenceOf(doc, r.from.start);
		const sentence = doc.text.slice(s.start, s.end);
		if ((mayMatch(CALL_WORDS, doc.grams) && CALL_WORDS.test(sentence)) || (!item && !PERIOD_WORDS.test(sentence))) continue;
		start ??= found(r.from.iso, r.from.start, r.from.end, `${r.from.rule}.range`, RULES['date.range']);
		end ??= found(r.to.iso, r.to.start, r.to.end, `${r.to.rule}.range`, RULES['date.range']);
	}
	if (item && !start && !end) {
		// "… | 01/11/2018 | 31/10/2021": a row's start and end columns, earlier date first.
		const own = doc.dates.filter((d) => d.start >= scope.start && d.end <= scope.end);
		if (own.length === 2 && own[0].iso < own[1].iso) {
			return {
				start: found(own[0].iso, own[0].start, own[0].end, `${own[0].rule}.item`, RULES['date.range']),
				end: found(own[1].iso, own[1].start, own[1].end, `${own[1].rule}.item`, RULES['date.range'])
			};
		}
	}
	for (const d of doc.dates) {
		if (d.start < scope.start || d.end > scope.end || inKeyValue(doc, d.start)) continue;
		const s = sentenceOf(doc, d.start);
		const before = doc.text.slice(Math.max(s.start, d.start - 60), d.start);
		if (mayMatch(CALL_WORDS, doc.grams) && CALL_WORDS.test(doc.text.slice(s.start, d.start))) continue;
		if (!end && mayMatch(END_CUE, doc.grams) && END_CUE.test(before))
			end = found(d.iso, d.start, d.end, `${d.rule}.end`, RULES['date.cue']);
		else if (!start && mayMatch(START_CUE, doc.grams) && START_CUE.test(before))
			start = found(d.iso, d.start, d.end, `${d.rule}.start`, RULES['date.cue']);
	}
	return { start, end };
}

const ALL_PROJECTS =
	/(?:projekten|prosjektene|prosjekta|projekterne|the projects|each project|samtliga projekt|hvert prosjekt|hvert projekt|varje projekt|both projects|(?:all|alla|alle|begge|båda)(?:\s+\p{L}+)?\s+(?:projects|projekt|projekten|prosjekt|prosjekter|prosjektene|projekter|projekterne))(?![\p{L}])/gu;

/** Dates stated for all projects at once ("Projekten pågår till och med den 31 december 2026"). */
export function sharedDates(doc: Doc): Period {
	if (!mayMatch(ALL_PROJECTS, doc.grams)) return { start: null, end: null };
	for (const m of wordMatchesIn(ALL_PROJECTS, doc.index, true)) {
		const s = sentenceOf(doc, m.index);
		const d = proseDates(doc, s);
		if (d.start || d.end) return d;
	}
	return { start: null, end: null };
}
