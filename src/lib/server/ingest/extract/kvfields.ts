import type { Money } from '../../../records/fields';
import { currencyIn, defaultCurrency, parseNumber, type AmountMention } from './amounts';
import { findDates, type DateMention } from './dates';
import type { Doc } from './doc';
import { found, foundBy, type Found } from './found';
import { RULES } from './rules';
import type { KeyValue, KvField } from './keyvalue';
import { PERCENT_WORDS } from './lexicon';
import { orgScore } from './names';
import { COUNTRY_CODES, COUNTRY_NAMES, countryCode, distinctRegions, NUTS_CODE } from './places';
import type { Period } from './periods';
import { collapse, trimSpan, type Span } from './text';

/** Values of key:value entries, read as the field their key names. */

export function firstValue(e: KeyValue): Span | null {
	return e.values[0] ?? null;
}

export function kvEntries(entries: KeyValue[], field: KvField): KeyValue[] {
	return entries.filter((e) => e.field === field);
}

/** The first value of a key, unless it says there is none ("-", "Nej"). */
export function kvString(doc: Doc, entries: KeyValue[], field: KvField, rule: string): Found<string> | null {
	for (const e of kvEntries(entries, field)) {
		const v = firstValue(e);
		if (!v) continue;
		const value = collapse(doc.text.slice(v.start, v.end));
		if (value && !/^(?:-|–|nej|nei|no|ingen|none|n\/a)$/i.test(value)) return foundBy(value, v.start, v.end, 'kv.value', rule);
	}
	return null;
}

const COUNTRY_SUFFIX = new RegExp(String.raw`\s*(?:\((?:${COUNTRY_NAMES}|${COUNTRY_CODES})\)|,\s*(?:${COUNTRY_NAMES}))\s*$`, 'u');
const BULLET = /^(?:[•·▪○◦‣∙*]|[-–—](?=\s)|\d{1,2}[.)](?=\s))\s*/u;
const INLINE_LIST = /\s*;\s*|\s*,\s*(?:(?:och|og|and|samt)\s+)?|\s+(?:och|og|and|samt|&)\s+/g;

/** A name written in a list line, without its bullet and its "(Country)". */
function listName(doc: Doc, span: Span): Span | null {
	let { start, end } = span;
	const text = doc.text;
	const bullet = BULLET.exec(text.slice(start, end));
	if (bullet) start += bullet[0].length;
	const suffix = COUNTRY_SUFFIX.exec(text.slice(start, end));
	if (suffix) end = start + suffix.index;
	const t = trimSpan(text, start, end);
	return t.end > t.start ? t : null;
}

/** The names of a list value: one per line, or "A, B och C" on a single line. */
export function kvList(doc: Doc, entries: KeyValue[], field: KvField, rule: string): Found<string>[] {
	const out: Found<string>[] = [];
	for (const e of kvEntries(entries, field)) {
		for (const v of e.values) {
			for (const p of e.values.length === 1 ? splitInline(doc, v) : [v]) {
				const name = listName(doc, p);
				if (name) out.push(foundBy(collapse(doc.text.slice(name.start, name.end)), name.start, name.end, 'kv.list', rule));
			}
		}
	}
	return out;
}

/** "A, B och C" on one line: split only if every piece could be a name on its own. */
function splitInline(doc: Doc, v: Span): Span[] {
	const text = doc.text.slice(v.start, v.end);
	const pieces: Span[] = [];
	let from = 0;
	// With semicolons the writer separated the names by them alone.
	const separator = text.includes(';') ? /\s*;\s*/g : INLINE_LIST;
	for (const m of text.matchAll(separator)) {
		// "Industri- och Handelskammaren", "Møre og Romsdal fylkeskommune": one name.
		const at = v.start + m.index;
		if (/-$/.test(text.slice(0, m.index)) || doc.places.some((p) => p.start < at && p.end > at + m[0].length)) continue;
		pieces.push({ start: v.start + from, end: v.start + m.index });
		from = m.index + m[0].length;
	}
	pieces.push({ start: v.start + from, end: v.end });
	const judge = doc.judge;
	const ok = pieces.every((p) => {
		const s = doc.text.slice(p.start, p.end).trim();
		return /^[\p{Lu}\d]/u.test(s) && (orgScore(s, judge) > 0 || countryCode(s) === null);
	});
	return ok ? pieces : [v];
}

const AFTER_PERCENT = new RegExp(String.raw`^\s?(?:%|(?:${PERCENT_WORDS})(?![\p{L}]))`, 'iu');

/** The granted amount, else the budget; a bare number takes the currency its key names. */
export function kvAmount(doc: Doc, entries: KeyValue[]): Found<Money> | null {
	for (const [field, confidence] of [
		['grant', RULES['amount.kv.grant']],
		['budget', RULES['amount.kv.budget']]
	] as const) {
		for (const e of kvEntries(entries, field)) {
			const v = firstValue(e);
			if (!v) continue;
			// A mention that starts inside a number glued to its label ("stöd4 011 807") is only its tail.
			const inText = doc.amounts.find(
				(a) => a.start >= v.start && a.end <= v.end && !/\d[\d \u00a0]*$/.test(doc.text.slice(v.start, a.start))
			);
			if (inText) return money(inText, `${inText.rule}.kv`, confidence);
			const bare = /\d{1,3}(?:[ \u00a0.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?/.exec(doc.text.slice(v.start, v.end));
			if (!bare) continue;
			// "ERDF co-financing: 60%": a label of the grant over a share is a rate, no sum.
			if (AFTER_PERCENT.test(doc.text.slice(v.start + bare.index + bare[0].length, v.end))) continue;
			const key = doc.text.slice(e.keyStart, e.keyEnd);
			// EU programme budgets are kept in euro.
			const currency =
				currencyIn(key, doc.currency) ??
				currencyIn(doc.text.slice(v.start, v.end), doc.currency) ??
				(/erdf|eruf|interreg/i.test(key) && doc.lang === 'en' ? 'EUR' : defaultCurrency(doc.currency));
			const value = Math.round(parseNumber(bare[0], false));
			if (value > 0) {
				const start = v.start + bare.index;
				return found(
					{ value, currency },
					start,
					start + bare[0].length,
					`amount.${doc.lang}.kv.bare`,
					confidence - RULES['amount.kv.bare.penalty']
				);
			}
		}
	}
	return null;
}

export function money(a: AmountMention, rule: string, confidence: number): Found<Money> {
	return found({ value: a.value, currency: a.currency }, a.start, a.end, rule, confidence);
}

/** Start and end from "Startdatum"/"Slutdatum" or a "Projektperiod" range. */
export function kvDates(doc: Doc, entries: KeyValue[]): Period {
	let start: Found<string> | null = null;
	let end: Found<string> | null = null;
	for (const e of entries) {
		if (e.field !== 'start' && e.field !== 'end' && e.field !== 'period') continue;
		const v = firstValue(e);
		if (!v) continue;
		const dates = datesIn(doc, v);
		if (!dates.length) continue;
		if (e.field === 'start' && !start)
			start = found(dates[0].iso, dates[0].start, dates[0].end, `${dates[0].rule}.kv.start`, RULES['date.kv']);
		if (e.field === 'end' && !end) end = found(dates[0].iso, dates[0].start, dates[0].end, `${dates[0].rule}.kv.end`, RULES['date.kv']);
		if (e.field === 'period' && dates.length >= 2) {
			start ??= found(dates[0].iso, dates[0].start, dates[0].end, `${dates[0].rule}.kv.period`, RULES['date.kv.period']);
			end ??= found(dates[1].iso, dates[1].start, dates[1].end, `${dates[1].rule}.kv.period`, RULES['date.kv.period']);
		}
	}
	return { start, end };
}

/** Dates of a value; read from the value alone where its key was glued to it ("Project period1 February 2024"). */
function datesIn(doc: Doc, v: Span): DateMention[] {
	const inText = doc.dates.filter((d) => d.start >= v.start && d.end <= v.end);
	const alone = findDates(doc.text.slice(v.start, v.end)).map((d) => ({ ...d, start: d.start + v.start, end: d.end + v.start }));
	return alone.length > inText.length ? alone : inText;
}

/** Regions named in a "Region:" entry: known places as the gazetteer reads them, else the listed names. */
export function kvRegions(doc: Doc, entries: KeyValue[]): Found<string>[] {
	const values = kvEntries(entries, 'regions').flatMap((e) => e.values);
	const known = doc.places.filter((p) => values.some((v) => p.start >= v.start && p.end <= v.end));
	const listed = kvList(doc, entries, 'regions', 'region.kv').filter((r) => countryCode(r.value) === null);
	if (!known.length) return listed;
	// "Norrbotten (SE), Lappi (FI)": a listed region the gazetteer lacks is still one, its country code aside.
	const unknown = listed
		.filter((r) => !known.some((p) => p.start < r.end && p.end > r.start))
		.map((r) => {
			const code = COUNTRY_CODE_AFTER.exec(r.value);
			return code ? { ...r, value: r.value.slice(0, code.index), end: r.end - code[0].length } : r;
		})
		.filter((r) => regionShaped(r.value));
	return [...distinctRegions(known).map((p) => foundBy(p.name, p.start, p.end, 'region.kv')), ...unknown].sort((a, b) => a.start - b.start);
}

const COUNTRY_CODE_AFTER = /\s*\(\p{Lu}{2}\)$/u;
/** A single capitalised name, no sentence: "Lappi", "Etelä-Savo". */
const regionShaped = (v: string) => /^\p{Lu}[\p{L}-]+(?:\s\p{Lu}[\p{L}-]+)?$/u.test(v);

export function kvNumber(doc: Doc, entries: KeyValue[], field: KvField): Found<number> | null {
	for (const e of kvEntries(entries, field)) {
		const v = firstValue(e);
		if (!v) continue;
		const m = /\d{1,3}(?:[ \u00a0.]\d{3})+(?!\d)|\d+/.exec(doc.text.slice(v.start, v.end));
		if (m)
			return found(Number(m[0].replace(/\D/g, '')), v.start + m.index, v.start + m.index + m[0].length, `${field}.kv`, RULES['target.kv']);
	}
	return null;
}

export function kvNuts(doc: Doc, entries: KeyValue[]): Found<string> | null {
	for (const e of kvEntries(entries, 'nuts')) {
		for (const v of e.values) {
			const m = NUTS_CODE.exec(doc.text.slice(v.start, v.end));
			if (m) return foundBy(m[0], v.start + m.index, v.start + m.index + m[0].length, 'nuts.kv');
		}
	}
	return null;
}
