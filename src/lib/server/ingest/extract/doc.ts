import { findAmounts, type AmountMention, type CurrencyContext } from './amounts';
import { findDates, findRanges, type DateMention, type DateRange } from './dates';
import { foundBy, type Found } from './found';
import { findHeadline } from './headline';
import { parseKeyValues, type KeyValue } from './keyvalue';
import type { Lang } from './language';
import { indexKnown, NO_KNOWN_NAMES, type KnownIndex, type KnownMention, type KnownNames } from './known';
import { nameJudge, type NameJudge } from './names';
import { mayMatch, Trigrams } from './prefilter';
import { findPeople } from './people';
import { TextIndex } from './starts';
import { countryCode, findPlaces, type PlaceMention } from './places';
import { findEmails, lowerSameLength, segment, spanIndexAt, wordMatches, type Line, type Segments, type Span } from './text';

/** Everything read once per document that the field rules share. */
export interface Doc {
	text: string;
	/** The text in lower case, offset for offset: cue patterns run on it. */
	lower: string;
	/** What the text holds, to skip the patterns that cannot match in it (prefilter.ts: mayMatch). */
	grams: Trigrams;
	lang: Lang;
	seg: Segments;
	kv: KeyValue[];
	places: PlaceMention[];
	people: Set<string>;
	/** Judges names as organisations, remembering its answers for this document. */
	judge: NameJudge;
	country: Found<string> | null;
	currency: CurrencyContext;
	amounts: AmountMention[];
	dates: DateMention[];
	ranges: DateRange[];
	/** URLs and e-mail addresses: nothing is read inside them. */
	masked: Span[];
	/** The document's own title: its first meaningful line. */
	headline: Span | null;
	/** Names approved before, and where this text mentions them. */
	known: KnownIndex;
	knownMentions: KnownMention[];
	/** Results of whole-document rules, computed once and then filtered to each project's span. */
	memo: Map<string, unknown>;
	/** Word starts and runs of white space of the text and its lower case, where cue patterns are tried (starts.ts). */
	index: TextIndex;
}

/** The sentence around pos. */
export function sentenceOf(doc: Doc, pos: number): Span {
	const i = spanIndexAt(doc.seg.sentences, pos);
	return i >= 0 ? doc.seg.sentences[i] : { start: pos, end: pos };
}

/**
 * Whether value stands whole inside span: text.slice(span.start, span.end).includes(value)
 * without cutting the span out, which rules asking it of every sum's sentence did for each name.
 */
export function spanHolds(doc: Doc, span: Span, value: string): boolean {
	const at = doc.text.indexOf(value, span.start);
	return at >= 0 && at + value.length <= span.end;
}

/** Whether pos lies in a key:value entry, whose values their keys already name. */
export function inKeyValue(doc: Doc, pos: number): boolean {
	return doc.kv.some((e) => e.start <= pos && pos < e.end);
}

/**
 * Runs a rule over the whole document once and returns the findings inside scope:
 * a list of projects asks the same rule about each of its lines.
 */
export function withinScope<T extends Span>(doc: Doc, rule: string, scope: Span, run: () => T[]): T[] {
	let all = doc.memo.get(rule) as T[] | undefined;
	if (!all) {
		all = run();
		doc.memo.set(rule, all);
	}
	if (scope.start === 0 && scope.end === doc.text.length) return all;
	return all.filter((f) => f.start >= scope.start && f.end <= scope.end);
}

const URL = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
/**
 * Postal addresses name towns and counties that say nothing about where a project runs.
 * Four digits before a name are a Norwegian or Danish postcode unless they are a year.
 */
const ADDRESS_LINE =
	/(?:^|\s)(?:[Bb]ox|[Pp]ostboks|[Pp]ostbox|P\.O\. [Bb]ox|[Pp]ostadress|[Pp]ostadresse|[Bb]esöksadress|[Bb]esøksadresse|[Bb]esøgsadresse|[Aa]dress|[Aa]dresse|[Aa]ddress)\b|\b\d{3}\s?\d{2}\s+\p{Lu}|\b(?!19|20)\d{4}\s+\p{Lu}\p{Ll}/u;
/**
 * Whether a place lies on an address line. Only the lines holding a place are asked, each once
 * for the places on it in a row: testing every line cost about 1 % of a document.
 */
function addressLines(lines: Line[]): (place: Span) => boolean {
	let last = -1;
	let address = false;
	return (place) => {
		const i = spanIndexAt(lines, place.start);
		if (i < 0 || place.end > lines[i].end) return false;
		if (i !== last) {
			last = i;
			address = ADDRESS_LINE.test(lines[i].text);
		}
		return address;
	};
}

/** Words that place a Swedish-language text in Finland. */
const FINLAND_CUES =
	/(?:Finland|finländsk\p{L}*|NTM-centralen|ELY-centralen|ELY-keskus|Business Finland|Helsingfors|Åbo|Vasa|Esbo|Vanda|Jakobstad|Karleby|Borgå|Ekenäs|Mariehamn|Närpes|Kristinestad|Raseborg|Pargas|Lovisa|Kimitoön|Svenska kulturfonden)(?![\p{L}])/gu;

const LANGUAGE_COUNTRY: Record<Lang, string | null> = { sv: 'SE', no: 'NO', da: 'DK', en: null };
/** A sum in a national currency that no language of the lexicons implies: a British page in pounds. */
const CURRENCY_COUNTRY: [RegExp, string][] = [[/£\s?\d|\bGBP\b/g, 'GB']];

export function analyse(
	text: string,
	lang: Lang,
	langEvidence: Span | null,
	knownNames: KnownNames = NO_KNOWN_NAMES,
	lower = lowerSameLength(text)
): Doc {
	const known = indexKnown(knownNames);
	const seg = segment(text);
	const grams = new Trigrams(lower);
	const index = new TextIndex(text, lower);
	// A URL opens with "http" or "www." in any case, which most texts do not hold at all.
	const urls =
		lower.includes('http') || lower.includes('www.')
			? [...text.matchAll(URL)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
			: [];
	const masked = [...urls, ...findEmails(text)].sort((a, b) => a.start - b.start);
	const isMasked = (s: Span) => spanIndexAt(masked, s.start) >= 0;
	const mentioned = findPlaces(text, index).filter((p) => !isMasked(p));
	const onAddressLine = addressLines(seg.lines);
	const places = mentioned.filter((p) => !onAddressLine(p));
	const kv = parseKeyValues(seg.lines);
	const people = findPeople(text, grams);
	const country = decideCountry(text, grams, lang, langEvidence, kv, places);
	const currency: CurrencyContext = { lang, country: country?.value ?? null };
	const dates = findDates(text, lower, grams, index).filter((d) => !isMasked(d));
	return {
		text,
		lower,
		grams,
		lang,
		seg,
		kv,
		places,
		people,
		judge: nameJudge(people, known),
		known,
		country,
		currency,
		amounts: findAmounts(text, currency, lower, index).filter((a) => !isMasked(a)),
		dates,
		ranges: findRanges(text, dates),
		masked,
		headline: findHeadline(text, seg.lines, kv, dates),
		knownMentions: known.find(text).filter((k) => !isMasked(k)),
		memo: new Map(),
		index
	};
}

/**
 * The country the document is about: a "Land:" entry if there is one, else the country
 * most of its named regions lie in, with the country of its language counting double.
 * A Swedish text that names Finnish places is Finland-Swedish.
 */
function decideCountry(
	text: string,
	grams: Trigrams,
	lang: Lang,
	langEvidence: Span | null,
	kv: KeyValue[],
	places: PlaceMention[]
): Found<string> | null {
	for (const e of kv) {
		if (e.field !== 'country') continue;
		for (const v of e.values) {
			const first = text
				.slice(v.start, v.end)
				.split(/[,;/]| och | og | and /)[0]
				.trim();
			const code = countryCode(first);
			if (code) return foundBy(code, v.start, v.start + first.length, 'country.kv');
		}
	}
	// Kohesio's "Location: Odense, Syddanmark, Denmark": the last part of a place names its country.
	for (const e of kv) {
		if (e.field !== 'regions') continue;
		for (const v of e.values) {
			const value = text.slice(v.start, v.end);
			const comma = value.lastIndexOf(',');
			const last = value.slice(comma + 1).trim();
			const code = comma >= 0 ? countryCode(last) : null;
			if (code) {
				const at = v.start + value.lastIndexOf(last);
				return foundBy(code, at, at + last.length, 'country.kv');
			}
		}
	}
	const votes = new Map<string, { count: number; at: Span }>();
	const vote = (code: string, at: Span, weight: number) => {
		const v = votes.get(code);
		if (v) v.count += weight;
		else votes.set(code, { count: weight, at });
	};
	// Partners abroad do not move the project there.
	const partnerLines = kv.filter((e) => e.field === 'partners').flatMap((e) => e.values);
	for (const p of places) if (!partnerLines.some((v) => p.start >= v.start && p.end <= v.end)) vote(p.country, p, 1);
	if (lang === 'sv' && mayMatch(FINLAND_CUES, grams)) {
		for (const m of wordMatches(FINLAND_CUES, text)) vote('FI', { start: m.index, end: m.index + m[0].length }, 1);
	}
	for (const [pattern, code] of CURRENCY_COUNTRY) {
		if (!mayMatch(pattern, grams)) continue;
		for (const m of text.matchAll(pattern)) vote(code, { start: m.index, end: m.index + m[0].length }, 1);
	}
	const own = LANGUAGE_COUNTRY[lang];
	if (own && langEvidence) vote(own, langEvidence, 2);
	let top: [string, { count: number; at: Span }] | null = null;
	for (const entry of votes) if (!top || entry[1].count > top[1].count) top = entry;
	if (!top) {
		// A fact box with no strong marker word and no place: the language's country, read at its first word.
		const first = own ? /\p{L}+/u.exec(text) : null;
		return own && first ? foundBy(own, first.index, first.index + first[0].length, 'country.language', `country.language.${lang}`) : null;
	}
	const [code, { at }] = top;
	const byLanguage = code === own && at === langEvidence;
	return byLanguage
		? foundBy(code, at.start, at.end, 'country.language', `country.language.${lang}`)
		: foundBy(code, at.start, at.end, 'country.places');
}
