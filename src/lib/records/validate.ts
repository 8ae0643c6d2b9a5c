/**
 * Validation rules, derived from the field registry. They report, never block: an editor
 * sees a hint while typing, and approval refuses a record while any issue remains.
 */
import { FIELDS, type FieldDef, type FieldKey, type ProjectRecord } from './fields';
import {
	CONTACT_TEXT_KEYS,
	isCountryCode,
	isCurrencyCode,
	parseCount,
	parseDecimal,
	parseCountry,
	parseIsoDate,
	parsePercent,
	inputsFromRecord,
	type ContactInput,
	type DraftInputs,
	type FieldInput,
	type MoneyInput
} from './inputs';
import { isNutsCode, nutsCountry } from './nuts';

export interface FieldIssue {
	field: FieldKey;
	message: string;
	/** Element of a list or contacts field the issue is about. */
	index?: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const tooLong = (def: FieldDef) => `Keep it to ${def.max.chars.toLocaleString('en')} characters.`;
const tooMany = (def: FieldDef, n: number): FieldIssue[] =>
	n > def.max.items ? [{ field: def.key, message: `Keep it to ${def.max.items} entries.` }] : [];

function scalarIssue(def: FieldDef, input: string): string | null {
	const s = input.trim();
	if (!s) return null;
	switch (def.kind) {
		case 'date':
			return parseIsoDate(s) ? null : 'Write the date as YYYY-MM-DD, e.g. 2025-03-31.';
		case 'country':
			return isCountryCode(s.toUpperCase())
				? null
				: `${s} is not an ISO 3166-1 country code. Use two letters, e.g. SE, NO, DK or FI.`;
		case 'count':
			return parseCount(s) === null ? 'Write a whole number, e.g. 120.' : null;
		case 'rate':
			return parsePercent(s) === null ? 'Write a percentage from 0 to 100, e.g. 40.' : null;
		default:
			return null;
	}
}

function moneyIssue(m: MoneyInput): string | null {
	const value = m.value.trim();
	const currency = m.currency.trim().toUpperCase();
	if (!value && !currency) return null;
	if (!value) return 'The amount is missing.';
	if (parseDecimal(value) === null) return 'The amount is not a number (digits, spaces and one decimal mark).';
	if (!currency) return 'Name the currency, e.g. SEK, NOK or EUR.';
	if (!isCurrencyCode(currency)) return `${m.currency.trim()} is not an ISO 4217 currency code (e.g. SEK, NOK, EUR).`;
	return null;
}

function contactIssues(key: FieldKey, contacts: ContactInput[]): FieldIssue[] {
	const issues: FieldIssue[] = [];
	contacts.forEach((c, index) => {
		if (!c.name.trim() && (c.role || c.organisation || c.phone || c.email)) {
			issues.push({ field: key, index, message: 'A contact needs a name.' });
		}
		if (c.email.trim() && !EMAIL.test(c.email.trim())) {
			issues.push({ field: key, index, message: `${c.email.trim()} is not an email address.` });
		}
	});
	return issues;
}

export function validateField(def: FieldDef, input: FieldInput): FieldIssue[] {
	const one = (message: string | null): FieldIssue[] => (message ? [{ field: def.key, message }] : []);
	switch (def.kind) {
		case 'text':
		case 'longtext': {
			const s = input as string;
			if (def.required && !s.trim()) return one(`${def.labels.en} is required.`);
			if (s.length > def.max.chars) return one(tooLong(def));
			return one(def.check?.(s) ?? null);
		}
		case 'money':
			return one(moneyIssue(input as MoneyInput));
		case 'contacts': {
			const contacts = input as ContactInput[];
			const long = contacts.flatMap((c, index) =>
				CONTACT_TEXT_KEYS.some((k) => c[k].length > def.max.chars) ? [{ field: def.key, index, message: tooLong(def) }] : []
			);
			return [...tooMany(def, contacts.length), ...long, ...contactIssues(def.key, contacts)];
		}
		case 'list': {
			const items = input as string[];
			return [
				...tooMany(def, items.length),
				...items.flatMap((item, index) => (item.length > def.max.chars ? [{ field: def.key, index, message: tooLong(def) }] : []))
			];
		}
		default:
			return one(scalarIssue(def, input as string));
	}
}

/** Rules that relate two fields. */
function crossFieldIssues(inputs: DraftInputs): FieldIssue[] {
	const issues: FieldIssue[] = [];
	const start = parseIsoDate(inputs.startDate as string);
	const end = parseIsoDate(inputs.endDate as string);
	if (start && end && end < start) issues.push({ field: 'endDate', message: `The end date is before the start date (${start}).` });
	const nuts = (inputs.nuts as string).trim();
	const country = parseCountry(inputs.country as string);
	if (country && isNutsCode(nuts) && nutsCountry(nuts) !== country) {
		issues.push({ field: 'nuts', message: `${nuts} is a region in ${nutsCountry(nuts)}, but the country is ${country}.` });
	}
	return issues;
}

export function validateInputs(inputs: DraftInputs): FieldIssue[] {
	return [...FIELDS.flatMap((def) => validateField(def, inputs[def.key])), ...crossFieldIssues(inputs)];
}

export function validateRecord(record: ProjectRecord): FieldIssue[] {
	return validateInputs(inputsFromRecord(record));
}

export function issuesByField(issues: FieldIssue[]): Map<FieldKey, FieldIssue[]> {
	const out = new Map<FieldKey, FieldIssue[]>();
	for (const i of issues) out.set(i.field, [...(out.get(i.field) ?? []), i]);
	return out;
}
