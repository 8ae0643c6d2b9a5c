/**
 * Text a person selected in a source document, read as the value of one field. Amounts,
 * dates and rates use the extractor's own grammar, so a selection reads as the same
 * sentence would on ingest ("8,8 miljoner kronor", "1 april 2024", "40 procent").
 */
import type { FieldDef } from '../../records/fields';
import { parseCount, parseCountry, type MoneyInput } from '../../records/inputs';
import { kindOf, type SelectionGrammar } from '../../records/kinds';
import type { DocLanguage } from '../../records/provenance';
import { findAmounts } from '../ingest/extract/amounts';
import { findDates } from '../ingest/extract/dates';
import { countryCode } from '../ingest/extract/places';
import { parseRate } from '../ingest/extract/rates';
import { refuse, type Refusal } from '../refusal';

export type ParsedSelection = { ok: true; input: string | MoneyInput } | { ok: false; refusal: Refusal };

/** Fields whose value can be pointed at in a source: everything but contacts. */
export function selectable(def: FieldDef): boolean {
	return 'read' in kindOf(def).select;
}

/** Quotes, bullets and a closing full stop around a name are the sentence's, not the name's. */
function cleanText(s: string): string {
	return s
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^[•·\-–—*"'“”„«»‘’([]+\s*/u, '')
		.replace(/[\s"'“”„«»‘’)\].,;:]+$/u, '')
		.trim();
}

/** The extractor's grammar, for the kinds table to read a selection with. */
function grammar(lang: Exclude<DocLanguage, 'unknown'>, country: string | null): SelectionGrammar {
	return {
		phrase: cleanText,
		amount: (s) => findAmounts(s, { lang, country })[0] ?? null,
		date: (s) => findDates(s)[0]?.iso ?? null,
		rate: parseRate,
		count(s) {
			const m = /\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+/u.exec(s);
			return (m && parseCount(m[0])) ?? null;
		},
		country: (s) => countryCode(cleanText(s)) ?? parseCountry(cleanText(s))
	};
}

export function parseSelection(def: FieldDef, selected: string, language: DocLanguage, country: string | null = null): ParsedSelection {
	const select = kindOf(def).select;
	if ('refused' in select) return { ok: false, refusal: refuse('invalid', select.refused) };
	const input = select.read(selected, grammar(language === 'unknown' ? 'en' : language, country));
	if (input === null) return { ok: false, refusal: refuse('invalid', (t) => t.selectionHoldsNo[select.what]) };
	if (typeof input === 'string' && input.length > def.max.chars)
		return { ok: false, refusal: refuse('invalid', (t) => t.selectionTooLong(def.max.chars)) };
	return { ok: true, input: input as string | MoneyInput };
}
