/**
 * A record as editors type it. The live document stores what was typed, not the parsed
 * value, so a half-typed amount ("12 0") is shared with everyone and the hint beside it
 * is the same on every screen. Parsing is lenient: text that is not (yet) a value
 * reads as null here and is reported by validate.ts. Which parser a field uses is in kinds.ts.
 */
import countries from 'i18n-iso-countries/index.js';
import { plainNumber } from '../i18n/format';
import type { Contact, FieldKey, ProjectRecord } from './fields';

export type ContactTextKey = Exclude<keyof Contact, 'public'>;
export const CONTACT_TEXT_KEYS = ['name', 'role', 'organisation', 'phone', 'email'] as const satisfies readonly ContactTextKey[];

export type ContactInput = Record<ContactTextKey, string> & { public: boolean };
export interface MoneyInput {
	value: string;
	currency: string;
}

/** What an editor sees in each field: strings for scalars, string lists, contacts. */
export type FieldInput = string | string[] | MoneyInput | ContactInput[];
export type DraftInputs = Record<FieldKey, FieldInput>;

/** Whole and decimal numbers as people write them: "1 200 000", "1,200,000", "12,5", "3.75". */
export function parseDecimal(input: string): number | null {
	const s = input.replace(/[\s\u00a0\u202f]/g, '');
	if (!s) return null;
	const grouped = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
	if (!/^\d+(\.\d+)?$/.test(grouped)) return null;
	return Number(grouped);
}

export function parseCount(input: string): number | null {
	const n = parseDecimal(input);
	return n !== null && Number.isSafeInteger(n) ? n : null;
}

/** "40", "40 %" or "40,5%" -> 0.4, 0.405. Shifting the decimal point in the text avoids 0.07 * 100 = 7.000000000000001. */
export function parsePercent(input: string): number | null {
	const n = parseDecimal(input.replace(/%\s*$/, ''));
	if (n === null || n > 100) return null;
	return Number(shiftDecimal(String(n), -2));
}

export function formatPercent(rate: number): string {
	const s = String(rate);
	return /e/i.test(s) ? String(Number((rate * 100).toPrecision(12))) : String(Number(shiftDecimal(s, 2)));
}

function shiftDecimal(plain: string, places: number): string {
	const [int, frac = ''] = plain.split('.');
	const digits = int + frac;
	const point = int.length + places;
	if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
	if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
	return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A number as it is typed into a field (no grouping, every digit), whatever the page's language. */
export const formatNumber = plainNumber;

/** A calendar date written YYYY-MM-DD that exists (no 2024-02-30). */
export function parseIsoDate(input: string): string | null {
	const s = input.trim();
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) return null;
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? s : null;
}

let currencies: Set<string> | undefined;

/** ISO 4217 codes in current use, as the platform's Intl knows them. */
export function isCurrencyCode(code: string): boolean {
	currencies ??= new Set(Intl.supportedValuesOf('currency'));
	return currencies.has(code);
}

/**
 * ISO 3166-1 alpha-2, upper case, from i18n-iso-countries' table rather than the platform's
 * Intl data, which differs between browsers and Node: the hint beside the field and the
 * approval check must agree. XK (Kosovo) is in it, as EU and UN bodies use it.
 */
export function isCountryCode(code: string): boolean {
	return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

export function parseCountry(input: string): string | null {
	const code = input.trim().toUpperCase();
	return isCountryCode(code) ? code : null;
}

export function parseMoney(input: MoneyInput): ProjectRecord['amount'] {
	const value = parseDecimal(input.value);
	const currency = input.currency.trim().toUpperCase();
	return value !== null && isCurrencyCode(currency) ? { value, currency } : null;
}

function emptyContact(): ContactInput {
	return { name: '', role: '', organisation: '', phone: '', email: '', public: false };
}

export function contactInput(c: Partial<Contact>): ContactInput {
	const out = emptyContact();
	for (const k of CONTACT_TEXT_KEYS) out[k] = c[k] ?? '';
	out.public = c.public === true;
	return out;
}
