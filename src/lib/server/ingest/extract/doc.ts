import { findAmounts, type AmountMention, type CurrencyContext } from './amounts';
import { findDates, findRanges, type DateMention, type DateRange } from './dates';
import { found, type Found } from './found';
import { parseKeyValues, type KeyValue } from './keyvalue';
import type { Lang } from './language';
import { findPeople } from './people';
import { countryCode, findPlaces, type PlaceMention } from './places';
import { segment, spanIndexAt, type Segments, type Span } from './text';

/** Everything read once per document that the field rules share. */
export interface Doc {
	text: string;
	lang: Lang;
	seg: Segments;
	kv: KeyValue[];
	places: PlaceMention[];
	people: Set<string>;
	country: Found<string> | null;
	currency: CurrencyContext;
	amounts: AmountMention[];
	dates: DateMention[];
	ranges: DateRange[];
	/** URLs and e-mail addresses: nothing is read inside them. */
	masked: Span[];
	/** The document's own title: its first meaningful line. */
	headline: Span | null;
}

const URL_OR_EMAIL = /\b(?:https?:\/\/|www\.)[^\s<>"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;
const BOILERPLATE =
	/^(?:hoppa till|skip to|gå til|gå till|hopp til|spring til|till innehåll|til innhold|til indhold|meny|menu|søk|sök|search|logga in|log in|logg inn|cookies?|startsida|forside|home)\b/i;

/** Words that place a Swedish-language text in Finland. */
const FINLAND_CUES =
	/(?<![\p{L}])(?:Finland|finländsk\p{L}*|NTM-centralen|Helsingfors|Åbo|Vasa|Esbo|Vanda|Jakobstad|Karleby|Borgå|Ekenäs|Mariehamn|Närpes|Kristinestad|Raseborg|Pargas|Lovisa|Kimitoön|Svenska kulturfonden)(?![\p{L}])/gu;

const LANGUAGE_COUNTRY: Record<Lang, string | null> = { sv: 'SE', no: 'NO', da: 'DK', en: null };

export function analyse(text: string, lang: Lang, langEvidence: Span | null): Doc {
	const seg = segment(text);
	const masked = [...text.matchAll(URL_OR_EMAIL)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
	const isMasked = (s: Span) => spanIndexAt(masked, s.start) >= 0;
	const places = findPlaces(text).filter((p) => !isMasked(p));
	const kv = parseKeyValues(seg.lines);
	const country = decideCountry(text, lang, langEvidence, kv, places);
	const currency: CurrencyContext = { lang, country: country?.value ?? null };
	const dates = findDates(text).filter((d) => !isMasked(d));
	return {
		text,
		lang,
		seg,
		kv,
		places,
		people: findPeople(text),
		country,
		currency,
		amounts: findAmounts(text, currency).filter((a) => !isMasked(a)),
		dates,
		ranges: findRanges(text, dates),
		masked,
		headline: findHeadline(seg)
	};
}

function findHeadline(seg: Segments): Span | null {
	for (const line of seg.lines) {
		const t = line.text.trim();
		if (!t || BOILERPLATE.test(t) || !/\p{L}{2}/u.test(t)) continue;
		const start = line.start + line.text.indexOf(t);
		return { start, end: start + t.length };
	}
	return null;
}

/**
 * The country the document is about: a "Land:" entry if there is one, else the country
 * most of its named regions lie in, with the country of its language counting double.
 * A Swedish text that names Finnish places is Finland-Swedish.
 */
function decideCountry(
	text: string,
	lang: Lang,
	langEvidence: Span | null,
	kv: KeyValue[],
	places: PlaceMention[]
): Found<string> | null {
	for (const e of kv) {
		if (e.field !== 'country') continue;
		for (const v of e.values) {
			const first = text.slice(v.start, v.end).split(/[,;/]| och | og | and /)[0].trim();
			const code = countryCode(first);
			if (code) return found(code, v.start, v.start + first.length, 'country.kv', 0.95);
		}
	}
	const votes = new Map<string, { count: number; at: Span }>();
	const vote = (code: string, at: Span, weight: number) => {
		const v = votes.get(code);
		if (v) v.count += weight;
		else votes.set(code, { count: weight, at });
	};
	for (const p of places) vote(p.country, p, 1);
	if (lang === 'sv') {
		for (const m of text.matchAll(FINLAND_CUES)) vote('FI', { start: m.index, end: m.index + m[0].length }, 1);
	}
	const own = LANGUAGE_COUNTRY[lang];
	if (own && langEvidence) vote(own, langEvidence, 2);
	let top: [string, { count: number; at: Span }] | null = null;
	for (const entry of votes) if (!top || entry[1].count > top[1].count) top = entry;
	if (!top) return null;
	const [code, { at }] = top;
	const byLanguage = code === own && at === langEvidence;
	return found(code, at.start, at.end, byLanguage ? `country.language.${lang}` : 'country.places', byLanguage ? 0.4 : 0.6);
}
