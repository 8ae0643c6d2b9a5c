/**
 * What each kind of field does, in one table: how it lies in the record's Yjs document, how
 * typed text becomes a value and back, what is wrong with typed text, its CSV columns, its
 * JSON Schema and how a value reads on a page. Everything else asks this table rather than
 * switching on the kind, so a new kind is one entry here. Pure: runs in the browser and in Node.
 */
import * as Y from 'yjs';
import { FIELDS, type Contact, type FieldDef, type FieldKey, type FieldKind, type Money, type ProjectRecord } from './fields';
import {
	CONTACT_TEXT_KEYS,
	contactInput,
	formatNumber,
	formatPercent,
	isCountryCode,
	isCurrencyCode,
	parseCount,
	parseCountry,
	parseDecimal,
	parseIsoDate,
	parseMoney,
	parsePercent,
	type ContactInput,
	type DraftInputs,
	type FieldInput,
	type MoneyInput
} from './inputs';
import { applyTextDiff } from './text-diff';
import { formatMoney, formatNumber as formatLocaleNumber } from '../i18n/format';
import type { Lang } from '../i18n/lang';

/** A problem with typed text, before it is tied to its field (validate.ts does that). */
export interface KindIssue {
	message: string;
	/** Element of a list or contacts field the issue is about. */
	index?: number;
}

type Schema = Record<string, unknown>;

/** A value as published: contacts already reduced to the public ones, without the flag. */
type PublishedValue = unknown;

export interface CsvCell {
	/** Appended to the field's key for the column name ('' for the field's own column). */
	suffix: string;
	cell(value: PublishedValue): string | number | null;
}

export interface Kind<I extends FieldInput = FieldInput, V = unknown> {
	/** The input of an empty field. */
	empty(): I;
	/** Yjs: whether a stored value has this kind's shape (anything else reads as empty). */
	fits(stored: unknown): boolean;
	/** Yjs: the input a stored value of the right shape holds. */
	read(stored: unknown): I;
	/** Yjs: a new stored value holding the input. */
	create(input: I): unknown;
	/** Yjs: brings a stored value of the right shape to the input, in place, so concurrent edits elsewhere survive. */
	update(fields: Y.Map<unknown>, key: string, stored: unknown, input: I): void;
	/** The text an editor sees for a value. */
	toInput(value: V): I;
	/** The value typed text means; null when it means none (yet). */
	toValue(input: I, def: FieldDef): V | null;
	/** What is wrong with typed text; nothing when it is empty or fine. */
	issues(input: I, def: FieldDef): KindIssue[];
	/** CSV columns of a published value. */
	csv: CsvCell[];
	/** JSON Schema of a published value (nullable where the kind has no empty value of its own). */
	schema: Schema;
	/** A value as display strings: one for a single value, one per element for lists. */
	display(value: V, lang: Lang): string[];
}

export const LIST_SEPARATOR = '; ';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });

const tooLong = (def: FieldDef) => `Keep it to ${formatLocaleNumber(def.max.chars, 'en')} characters.`;

const tooMany = (def: FieldDef, n: number): KindIssue[] => (n > def.max.items ? [{ message: `Keep it to ${def.max.items} entries.` }] : []);

function formatContact(c: Omit<Contact, 'public'>): string {
	return [c.name, c.role, c.organisation, c.phone, c.email].filter(Boolean).join(', ');
}

/** A contact in a CSV cell: the e-mail address before the phone number, as the export has always had it. */
function contactCell(c: Omit<Contact, 'public'>): string {
	return [c.name, c.role, c.organisation, c.email, c.phone].filter(Boolean).join(', ');
}

// --- Yjs building blocks -------------------------------------------------------------

function readText(v: unknown): string {
	return v instanceof Y.Text ? v.toString() : '';
}

export function newText(s: string): Y.Text {
	const t = new Y.Text();
	if (s) t.insert(0, s);
	return t;
}

function readContact(v: unknown): ContactInput {
	const c = contactInput({});
	if (!(v instanceof Y.Map)) return c;
	for (const k of CONTACT_TEXT_KEYS) {
		const part = v.get(k);
		c[k] = typeof part === 'string' ? part : '';
	}
	c.public = v.get('public') === true;
	return c;
}

export function newContact(c: ContactInput): Y.Map<unknown> {
	const m = new Y.Map<unknown>();
	for (const k of CONTACT_TEXT_KEYS) m.set(k, c[k]);
	m.set('public', c.public);
	return m;
}

function writeContact(m: Y.Map<unknown>, c: ContactInput): void {
	for (const k of CONTACT_TEXT_KEYS) if (m.get(k) !== c[k]) m.set(k, c[k]);
	if (m.get('public') !== c.public) m.set('public', c.public);
}

/** Brings a Y.Array to the items, each element edited in place when it has the right shape. */
function updateArray<T>(
	arr: Y.Array<unknown>,
	items: T[],
	fits: (v: unknown) => boolean,
	edit: (v: unknown, item: T) => void,
	create: (item: T) => unknown
): void {
	if (arr.length > items.length) arr.delete(items.length, arr.length - items.length);
	items.forEach((item, i) => {
		const v = i < arr.length ? arr.get(i) : undefined;
		if (fits(v)) edit(v, item);
		else {
			if (v !== undefined) arr.delete(i, 1);
			arr.insert(i, [create(item)]);
		}
	});
}

// --- the kinds ------------------------------------------------------------------------

/** Text and long text: Y.Text, so two people correcting the same name merge character by character. */
function textKind(): Kind<string, string> {
	return {
		empty: () => '',
		fits: (v) => v instanceof Y.Text,
		read: readText,
		create: newText,
		update: (_fields, _key, stored, input) => applyTextDiff(stored as Y.Text, input),
		toInput: (value) => String(value),
		// A required text (the title) is a string even when empty; others read as no value.
		toValue: (input, def) => (def.required ? input : input || null),
		issues(input, def) {
			if (def.required && !input.trim()) return [{ message: `${def.labels.en} is required.` }];
			if (input.length > def.max.chars) return [{ message: tooLong(def) }];
			const problem = def.check?.(input);
			return problem ? [{ message: problem }] : [];
		},
		csv: [{ suffix: '', cell: (v) => (v as string | null) ?? null }],
		schema: nullable({ type: 'string' }),
		display: (value) => [String(value)]
	};
}

/** A typed string in the fields map (dates, codes, numbers as typed): the last keystroke wins. */
function scalarKind<V>(spec: {
	toInput(value: V): string;
	toValue(input: string): V | null;
	hint: (input: string) => string | null;
	schema: Schema;
	display(value: V, lang: Lang): string[];
}): Kind<string, V> {
	return {
		empty: () => '',
		fits: (v) => typeof v === 'string',
		read: (v) => v as string,
		create: (input) => input,
		update: (fields, key, stored, input) => {
			if (stored !== input) fields.set(key, input);
		},
		toInput: spec.toInput,
		toValue: spec.toValue,
		issues(input, def) {
			if (input.length > def.max.chars) return [{ message: tooLong(def) }];
			const s = input.trim();
			const problem = s ? spec.hint(s) : null;
			return problem ? [{ message: problem }] : [];
		},
		csv: [{ suffix: '', cell: (v) => (v as string | number | null) ?? null }],
		schema: nullable(spec.schema),
		display: spec.display
	};
}

const money: Kind<MoneyInput, Money> = {
	empty: () => ({ value: '', currency: '' }),
	fits: (v) => v instanceof Y.Map,
	read(v) {
		const m = v as Y.Map<unknown>;
		const part = (k: string) => (typeof m.get(k) === 'string' ? (m.get(k) as string) : '');
		return { value: part('value'), currency: part('currency') };
	},
	create: (input) => new Y.Map<unknown>(Object.entries(input)),
	update(_fields, _key, stored, input) {
		const m = stored as Y.Map<unknown>;
		if (m.get('value') !== input.value) m.set('value', input.value);
		if (m.get('currency') !== input.currency) m.set('currency', input.currency);
	},
	toInput: (m) => ({ value: formatNumber(m.value), currency: m.currency }),
	toValue: (input) => parseMoney(input),
	issues(m, def) {
		if (m.value.length > def.max.chars || m.currency.length > def.max.chars) return [{ message: tooLong(def) }];
		const value = m.value.trim();
		const currency = m.currency.trim().toUpperCase();
		if (!value && !currency) return [];
		const one = (message: string) => [{ message }];
		if (!value) return one('The amount is missing.');
		if (parseDecimal(value) === null) return one('The amount is not a number (digits, spaces and one decimal mark).');
		if (!currency) return one('Name the currency, e.g. SEK, NOK or EUR.');
		if (!isCurrencyCode(currency)) return one(`${m.currency.trim()} is not an ISO 4217 currency code (e.g. SEK, NOK, EUR).`);
		return [];
	},
	// Two columns, so both the value and the currency stay machine-readable.
	csv: [
		{ suffix: '', cell: (v) => (v as Money | null)?.value ?? null },
		{ suffix: 'Currency', cell: (v) => (v as Money | null)?.currency ?? null }
	],
	schema: nullable({
		type: 'object',
		properties: { value: { type: 'number', minimum: 0 }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
		required: ['value', 'currency'],
		additionalProperties: false
	}),
	display: (m, lang) => [formatMoney(m, lang)]
};

/** A list of short texts: Y.Array of Y.Text, so concurrent additions from both sides are kept. */
const list: Kind<string[], string[]> = {
	empty: () => [],
	fits: (v) => v instanceof Y.Array,
	read: (v) => (v as Y.Array<unknown>).toArray().map(readText),
	create: (items) => Y.Array.from(items.map(newText)),
	update: (_fields, _key, stored, items) =>
		updateArray(
			stored as Y.Array<unknown>,
			items,
			(v) => v instanceof Y.Text,
			(v, s) => applyTextDiff(v as Y.Text, s),
			newText
		),
	toInput: (value) => [...value],
	toValue: (input) => input.filter((s) => s.trim() !== ''),
	issues: (items, def) => [
		...tooMany(def, items.length),
		...items.flatMap((item, index) => (item.length > def.max.chars ? [{ index, message: tooLong(def) }] : []))
	],
	csv: [{ suffix: '', cell: (v) => ((v as string[] | null) ?? []).join(LIST_SEPARATOR) }],
	schema: { type: 'array', items: { type: 'string' } },
	display: (value) => value
};

function parseContact(c: ContactInput): Contact | null {
	if (!c.name.trim()) return null;
	const opt = (s: string) => (s.trim() ? s : null);
	return { name: c.name, role: opt(c.role), organisation: opt(c.organisation), phone: opt(c.phone), email: opt(c.email), public: c.public };
}

const CONTACT_SCHEMA: Schema = {
	type: 'object',
	properties: Object.fromEntries(
		['name', 'role', 'organisation', 'email', 'phone'].map((k) => [k, k === 'name' ? { type: 'string' } : nullable({ type: 'string' })])
	),
	required: ['name', 'role', 'organisation', 'email', 'phone'],
	additionalProperties: false
};

/** People: Y.Array of Y.Map, each part a plain string, `public` a flag only an approver sets. */
const contacts: Kind<ContactInput[], Contact[]> = {
	empty: () => [],
	fits: (v) => v instanceof Y.Array,
	read: (v) => (v as Y.Array<unknown>).toArray().map(readContact),
	create: (items) => Y.Array.from(items.map(newContact)),
	update: (_fields, _key, stored, items) =>
		updateArray(
			stored as Y.Array<unknown>,
			items,
			(v) => v instanceof Y.Map,
			(v, c) => writeContact(v as Y.Map<unknown>, c),
			newContact
		),
	toInput: (value) => value.map(contactInput),
	toValue: (input) => input.map(parseContact).filter((c): c is Contact => c !== null),
	issues(items, def) {
		const issues: KindIssue[] = [...tooMany(def, items.length)];
		items.forEach((c, index) => {
			if (CONTACT_TEXT_KEYS.some((k) => c[k].length > def.max.chars)) issues.push({ index, message: tooLong(def) });
			if (!c.name.trim() && (c.role || c.organisation || c.phone || c.email)) issues.push({ index, message: 'A contact needs a name.' });
			if (c.email.trim() && !EMAIL.test(c.email.trim())) issues.push({ index, message: `${c.email.trim()} is not an email address.` });
		});
		return issues;
	},
	csv: [{ suffix: '', cell: (v) => ((v as Omit<Contact, 'public'>[] | null) ?? []).map(contactCell).join(LIST_SEPARATOR) }],
	schema: { type: 'array', items: CONTACT_SCHEMA, description: 'Only contacts an approver marked public.' },
	display: (value) => value.map(formatContact)
};

export const KINDS: { [K in FieldKind]: Kind } = {
	text: textKind() as Kind,
	longtext: textKind() as Kind,
	money: money as Kind,
	rate: scalarKind<number>({
		toInput: formatPercent,
		toValue: parsePercent,
		hint: (s) => (parsePercent(s) === null ? 'Write a percentage from 0 to 100, e.g. 40.' : null),
		schema: { type: 'number', minimum: 0, maximum: 1 },
		display: (v) => [`${Math.round(v * 1000) / 10} %`]
	}) as Kind,
	date: scalarKind<string>({
		toInput: String,
		toValue: parseIsoDate,
		hint: (s) => (parseIsoDate(s) ? null : 'Write the date as YYYY-MM-DD, e.g. 2025-03-31.'),
		schema: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
		display: (v) => [v]
	}) as Kind,
	country: scalarKind<string>({
		toInput: String,
		toValue: parseCountry,
		hint: (s) =>
			isCountryCode(s.toUpperCase()) ? null : `${s} is not an ISO 3166-1 country code. Use two letters, e.g. SE, NO, DK or FI.`,
		schema: { type: 'string', pattern: '^[A-Z]{2}$' },
		display: (v) => [v]
	}) as Kind,
	count: scalarKind<number>({
		toInput: formatNumber,
		toValue: parseCount,
		hint: (s) => (parseCount(s) === null ? 'Write a whole number, e.g. 120.' : null),
		schema: { type: 'integer', minimum: 0 },
		display: (v, lang) => [formatLocaleNumber(v, lang)]
	}) as Kind,
	list: list as Kind,
	contacts: contacts as Kind
};

export const kindOf = (def: FieldDef): Kind => KINDS[def.kind];

// --- record <-> typed inputs ----------------------------------------------------------------

export function emptyInput(def: FieldDef): FieldInput {
	return kindOf(def).empty();
}

export function inputFromValue(def: FieldDef, value: ProjectRecord[FieldKey] | undefined): FieldInput {
	return value === null || value === undefined ? emptyInput(def) : kindOf(def).toInput(value);
}

export function valueFromInput(def: FieldDef, input: FieldInput): ProjectRecord[FieldKey] {
	return kindOf(def).toValue(input, def) as ProjectRecord[FieldKey];
}

export function inputsFromRecord(record: ProjectRecord): DraftInputs {
	return Object.fromEntries(FIELDS.map((def) => [def.key, inputFromValue(def, record[def.key])])) as DraftInputs;
}

export function recordFromInputs(inputs: DraftInputs): ProjectRecord {
	return Object.fromEntries(FIELDS.map((def) => [def.key, valueFromInput(def, inputs[def.key])])) as unknown as ProjectRecord;
}
