/**
 * Text a person selected in a source document, read as the value of one field. Amounts,
 * dates and rates use the extractor's own grammar, so a selection reads as the same
 * sentence would on ingest ("8,8 miljoner kronor", "1 april 2024", "40 procent").
 */
import type { FieldDef } from '../../records/fields';
import { formatNumber, formatPercent, parseCount, parseCountry, type MoneyInput } from '../../records/inputs';
import type { DocLanguage } from '../../records/provenance';
import { findAmounts } from '../ingest/extract/amounts';
import { findDates } from '../ingest/extract/dates';
import { countryCode } from '../ingest/extract/places';
import { parseRate } from '../ingest/extract/rates';

export type ParsedSelection = { ok: true; input: string | MoneyInput } | { ok: false; message: string };

/** Fields whose value can be pointed at in a source: everything but contacts. */
export function selectable(def: FieldDef): boolean {
	return def.kind !== 'contacts';
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

export function parseSelection(def: FieldDef, selected: string, language: DocLanguage, country: string | null = null): ParsedSelection {
	const lang = language === 'unknown' ? 'en' : language;
	const none = (what: string): ParsedSelection => ({ ok: false, message: `The selection holds no ${what}.` });
	switch (def.kind) {
		case 'text':
		case 'longtext':
		case 'list': {
			const text = def.kind === 'longtext' ? selected.trim() : cleanText(selected);
			if (!text) return none('text');
			const max = def.max.chars;
			if (text.length > max) return { ok: false, message: `The selection is longer than ${max} characters.` };
			return { ok: true, input: text };
		}
		case 'money': {
			const [amount] = findAmounts(selected, { lang, country });
			return amount ? { ok: true, input: { value: formatNumber(amount.value), currency: amount.currency } } : none('amount');
		}
		case 'date': {
			const [date] = findDates(selected);
			return date ? { ok: true, input: date.iso } : none('full date (day, month and year)');
		}
		case 'rate': {
			const rate = parseRate(selected);
			return rate === null ? none('percentage') : { ok: true, input: formatPercent(rate) };
		}
		case 'count': {
			const m = /\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+/u.exec(selected);
			const n = m && parseCount(m[0]);
			return n === null || n === undefined ? none('number') : { ok: true, input: formatNumber(n) };
		}
		case 'country': {
			const code = countryCode(cleanText(selected)) ?? parseCountry(cleanText(selected));
			return code ? { ok: true, input: code } : none('country');
		}
		case 'contacts':
			return { ok: false, message: 'Contacts are added in the form.' };
	}
}
