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
import { AMOUNT_BANDS, bandOf, isBand, type AmountBandId } from './amount-bands';
import { toEur } from './eur-rates';
import { countryName, formatCompactEur, formatDay, formatMoney as formatMoneyIn, formatNumber as formatNumberIn } from '../i18n/format';
import type { Lang } from '../i18n/lang';
import type { RefusalSay, SelectionWhat } from '../i18n/refusal-messages';
import { MESSAGES } from '../i18n/messages';
import { localize, type Localized, type Say } from '../i18n/validation-messages';

/** A problem with typed text, before it is tied to its field (validate.ts does that). */
export interface KindIssue {
	/** In English, as the JSON API answers it. */
	message: string;
	/** In every language, for the page to show in its reader's (`issueText`). */
	text: Localized;
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
	/** The spreadsheet cell (XLSX): typed, `day` a YYYY-MM-DD shown as a date; and its column's width. */
	type: 'text' | 'number' | 'day';
	width: number;
}

/**
 * How text selected in a source document becomes the field's input. The extractor's grammar
 * (amounts, dates, rates, places) is server code, so the caller hands it in.
 */
export interface SelectionGrammar {
	/** A name or phrase without the sentence's quotes, bullets and closing stop. */
	phrase(s: string): string;
	amount(s: string): Money | null;
	date(s: string): string | null;
	rate(s: string): number | null;
	count(s: string): number | null;
	country(s: string): string | null;
}

export type Selection =
	| {
			/** What the selection must hold, for the refusal: "The selection holds no amount." */
			what: SelectionWhat;
			read(selected: string, grammar: SelectionGrammar): FieldInput | null;
	  }
	| { refused: RefusalSay };

/** The workspace editor of a field: FieldEditor.svelte picks its component by `component`. */
export type EditorSpec =
	| { component: 'text'; multiline: boolean }
	| { component: 'list' }
	| { component: 'contacts' }
	| { component: 'money' }
	| { component: 'value'; placeholder: string; inputmode: 'numeric' | 'text' | 'decimal'; width: string };

export interface FacetCount {
	value: string;
	count: number;
}

/**
 * How a field of this kind filters the public search, when the registry gives it a `facet`.
 * The public index keeps a project's value in a column of public_projects (`store` its SQL
 * type, `column` its name) or, for a list, as rows of public_project_facet_values.
 */
export interface FacetKind {
	store: 'text' | 'integer' | 'rows';
	/** The public_projects column of a field (store text or integer). */
	column(key: string): string;
	/** The values a published value files under: none or one, several for rows. */
	values(value: PublishedValue): (string | number)[];
	/** A URL parameter as a value; null when it does not fit. Absent: any text is a value. */
	parse?(param: string): string | number | null;
	/** The counted values as the page lists them; they come in the column's order (SQLite's). */
	arrange(counted: FacetCount[]): FacetCount[];
	/** How a value reads on a page. */
	label(value: string, lang: Lang): string;
	/** The URL parameter in the OpenAPI document: what it selects and its JSON Schema. */
	parameter(def: FieldDef): { description: string; schema: Schema };
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
	/** A published value as the public pages show it, in the reader's language: one string per element. */
	page(value: V, lang: Lang): string[];
	select: Selection;
	editor: EditorSpec;
	/** Absent: a field of this kind cannot be a facet. */
	facet?: FacetKind;
}

export const LIST_SEPARATOR = '; ';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });

/** An issue worded in every language. */
export function issue(say: Say, index?: number): KindIssue {
	const text = localize(say);
	return index === undefined ? { message: text.en, text } : { message: text.en, text, index };
}

/** An issue as a reader of `lang` sees it. */
export const issueText = (i: { message: string; text?: Localized }, lang: Lang): string => i.text?.[lang] ?? i.message;

const tooLong = (def: FieldDef, index?: number) => issue((t) => t.tooLong(def.max.chars), index);

const tooMany = (def: FieldDef, n: number): KindIssue[] => (n > def.max.items ? [issue((t) => t.tooMany(def.max.items))] : []);

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

// --- facet building blocks ----------------------------------------------------------------

/** A field key as an SQL name: startDate -> start_date. */
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Most projects first, cut at `limit`; the sort is stable, so equal counts keep the column's order. */
const byCount =
	(limit: number) =>
	(counted: FacetCount[]): FacetCount[] =>
		[...counted].sort((a, b) => b.count - a.count).slice(0, limit);

/** Long tails of funders, programmes and regions are cut; the chosen value always shows (it is all that matches). */
export const FACET_LIMIT = 15;

const asIs = (value: string) => value;

function textFacet(): FacetKind {
	return {
		store: 'text',
		column: snake,
		values: (v) => (v === null || v === undefined ? [] : [v as string]),
		arrange: byCount(FACET_LIMIT),
		label: asIs,
		parameter: (def) => ({ description: `${def.labels.en}, exactly as in the facet.`, schema: { type: 'string' } })
	};
}

function bandLabel(value: string, lang: Lang): string {
	const band = AMOUNT_BANDS.find((b) => b.id === value);
	if (!band) return value;
	const t = MESSAGES[lang];
	if (band.min === 0) return t.bandBelow(formatCompactEur(band.max, lang));
	if (band.max === null) return t.bandAbove(formatCompactEur(band.min, lang));
	return `${formatCompactEur(band.min, lang)} – ${formatCompactEur(band.max, lang)}`;
}

// --- the kinds ------------------------------------------------------------------------

/** Text and long text: Y.Text, so two people correcting the same name merge character by character. */
function textKind(long: boolean): Kind<string, string> {
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
			if (def.required && !input.trim()) return [issue((t, lang) => t.required(def.labels[lang]))];
			if (input.length > def.max.chars) return [tooLong(def)];
			const problem = def.check?.(input);
			return problem ? [issue(problem)] : [];
		},
		csv: [{ suffix: '', cell: (v) => (v as string | null) ?? null, type: 'text', width: long ? 60 : 30 }],
		schema: nullable({ type: 'string' }),
		display: (value) => [String(value)],
		page: (value) => [String(value)],
		// A long text is taken as selected; a name loses the sentence around it.
		select: { what: 'text', read: (s, g) => (long ? s.trim() : g.phrase(s)) || null },
		editor: { component: 'text', multiline: long },
		...(long ? {} : { facet: textFacet() })
	};
}

/** A typed string in the fields map (dates, codes, numbers as typed): the last keystroke wins. */
function scalarKind<V>(spec: {
	toInput(value: V): string;
	toValue(input: string): V | null;
	hint: (input: string) => Say | null;
	schema: Schema;
	display(value: V, lang: Lang): string[];
	page(value: V, lang: Lang): string[];
	xlsx: Pick<CsvCell, 'type' | 'width'>;
	select: Selection;
	editor: EditorSpec & { component: 'value' };
	facet?: FacetKind;
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
			if (input.length > def.max.chars) return [tooLong(def)];
			const s = input.trim();
			const problem = s ? spec.hint(s) : null;
			return problem ? [issue(problem)] : [];
		},
		csv: [{ suffix: '', cell: (v) => (v as string | number | null) ?? null, ...spec.xlsx }],
		schema: nullable(spec.schema),
		display: spec.display,
		page: spec.page,
		select: spec.select,
		editor: spec.editor,
		...(spec.facet ? { facet: spec.facet } : {})
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
		if (m.value.length > def.max.chars || m.currency.length > def.max.chars) return [tooLong(def)];
		const value = m.value.trim();
		const currency = m.currency.trim().toUpperCase();
		if (!value && !currency) return [];
		const one = (say: Say) => [issue(say)];
		if (!value) return one((t) => t.amountMissing);
		if (parseDecimal(value) === null) return one((t) => t.amountNotNumber);
		if (!currency) return one((t) => t.currencyMissing);
		if (!isCurrencyCode(currency)) return one((t) => t.notCurrency(m.currency.trim()));
		return [];
	},
	// Two columns, so both the value and the currency stay machine-readable.
	csv: [
		{ suffix: '', cell: (v) => (v as Money | null)?.value ?? null, type: 'number', width: 14 },
		{ suffix: 'Currency', cell: (v) => (v as Money | null)?.currency ?? null, type: 'text', width: 8 }
	],
	schema: nullable({
		type: 'object',
		properties: { value: { type: 'number', minimum: 0 }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
		required: ['value', 'currency'],
		additionalProperties: false
	}),
	display: (m, lang) => [formatMoneyIn(m, lang)],
	page: (m, lang) => [formatMoneyIn(m, lang)],
	select: {
		what: 'amount',
		read(s, g) {
			const amount = g.amount(s);
			return amount ? { value: formatNumber(amount.value), currency: amount.currency } : null;
		}
	},
	editor: { component: 'money' },
	// Amounts in many currencies compare in euro, by band.
	facet: {
		store: 'text',
		column: (key) => `${snake(key)}_band`,
		values(v) {
			const band = v ? bandOf(toEur(v as Money)) : null;
			return band ? [band] : [];
		},
		parse: (v) => (isBand(v) ? v : null),
		// As a scale, smallest first.
		arrange: (counted) => AMOUNT_BANDS.flatMap((b) => counted.filter((c) => c.value === b.id)),
		label: bandLabel,
		parameter: (def) => ({ description: `${def.labels.en}: a band in euro.`, schema: { enum: AMOUNT_BANDS.map((b) => b.id) } })
	}
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
		...items.flatMap((item, index) => (item.length > def.max.chars ? [tooLong(def, index)] : []))
	],
	csv: [{ suffix: '', cell: (v) => ((v as string[] | null) ?? []).join(LIST_SEPARATOR), type: 'text', width: 30 }],
	schema: { type: 'array', items: { type: 'string' } },
	display: (value) => value,
	page: (value) => value,
	select: { what: 'text', read: (s, g) => g.phrase(s) || null },
	editor: { component: 'list' },
	// A project files under each of its elements.
	facet: {
		store: 'rows',
		column: () => 'value',
		values: (v) => [...new Set(((v as string[] | null) ?? []).map((item) => item.trim()).filter(Boolean))],
		arrange: byCount(FACET_LIMIT),
		label: asIs,
		parameter: (def) => ({ description: `${def.labels.en}: any of them, exactly as in the facet.`, schema: { type: 'string' } })
	}
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
			if (CONTACT_TEXT_KEYS.some((k) => c[k].length > def.max.chars)) issues.push(tooLong(def, index));
			if (!c.name.trim() && (c.role || c.organisation || c.phone || c.email)) issues.push(issue((t) => t.contactNeedsName, index));
			if (c.email.trim() && !EMAIL.test(c.email.trim())) issues.push(issue((t) => t.notEmail(c.email.trim()), index));
		});
		return issues;
	},
	csv: [
		{
			suffix: '',
			cell: (v) => ((v as Omit<Contact, 'public'>[] | null) ?? []).map(contactCell).join(LIST_SEPARATOR),
			type: 'text',
			width: 30
		}
	],
	schema: { type: 'array', items: CONTACT_SCHEMA, description: 'Only contacts an approver marked public.' },
	display: (value) => value.map(formatContact),
	page: (value) => value.map(formatContact),
	select: { refused: (t) => t.contactsInForm },
	editor: { component: 'contacts' }
};

export const KINDS: { [K in FieldKind]: Kind } = {
	text: textKind(false) as Kind,
	longtext: textKind(true) as Kind,
	money: money as Kind,
	rate: scalarKind<number>({
		toInput: formatPercent,
		toValue: parsePercent,
		hint: (s) => (parsePercent(s) === null ? (t) => t.percentage : null),
		schema: { type: 'number', minimum: 0, maximum: 1 },
		display: (v) => [`${Math.round(v * 1000) / 10} %`],
		page: (v, lang) => [`${formatNumberIn(Math.round(v * 1000) / 10, lang)} %`],
		xlsx: { type: 'number', width: 16 },
		select: {
			what: 'percentage',
			read(s, g) {
				const rate = g.rate(s);
				return rate === null ? null : formatPercent(rate);
			}
		},
		editor: { component: 'value', placeholder: '40 %', inputmode: 'decimal', width: 'w-24' }
	}) as Kind,
	date: scalarKind<string>({
		toInput: String,
		toValue: parseIsoDate,
		hint(s) {
			if (parseIsoDate(s)) return null;
			// 2025-02-30 is written right; saying how to write it would not tell what is wrong.
			const typed = s.trim();
			return /^\d{4}-\d{2}-\d{2}$/.test(typed) ? (t) => t.noSuchDay(typed) : (t) => t.date;
		},
		schema: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
		display: (v) => [v],
		page: (v, lang) => [formatDay(v, lang)],
		xlsx: { type: 'day', width: 12 },
		select: { what: 'date', read: (s, g) => g.date(s) },
		editor: { component: 'value', placeholder: 'YYYY-MM-DD', inputmode: 'numeric', width: 'w-36' },
		// By year: startDate files under start_year.
		facet: {
			store: 'integer',
			column: (key) => `${snake(key).replace(/_date$/, '')}_year`,
			values(v) {
				const year = typeof v === 'string' ? /^(\d{4})-/.exec(v)?.[1] : undefined;
				return year ? [Number(year)] : [];
			},
			parse: (v) => (/^\d{4}$/.test(v) ? Number(v) : null),
			// Newest first; enough for every year.
			arrange: (counted) => [...counted].reverse().slice(0, 200),
			label: asIs,
			parameter: (def) => ({
				description: `The year of the ${def.labels.en.toLowerCase()}.`,
				schema: { type: 'string', pattern: '^\\d{4}$' }
			})
		}
	}) as Kind,
	country: scalarKind<string>({
		toInput: String,
		toValue: parseCountry,
		hint: (s) => (isCountryCode(s.toUpperCase()) ? null : (t) => t.notCountry(s)),
		schema: { type: 'string', pattern: '^[A-Z]{2}$' },
		display: (v) => [v],
		page: (v, lang) => [countryName(v, lang)],
		xlsx: { type: 'text', width: 30 },
		select: { what: 'country', read: (s, g) => g.country(s) },
		editor: { component: 'value', placeholder: 'SE', inputmode: 'text', width: 'w-16' },
		facet: {
			store: 'text',
			column: snake,
			values: (v) => (v === null || v === undefined ? [] : [(v as string).toUpperCase()]),
			parse: (v) => (/^[A-Za-z]{2}$/.test(v) ? v.toUpperCase() : null),
			// Enough for every country.
			arrange: byCount(300),
			label: countryName,
			parameter: () => ({ description: 'ISO 3166-1 alpha-2 country code.', schema: { type: 'string', pattern: '^[A-Za-z]{2}$' } })
		}
	}) as Kind,
	count: scalarKind<number>({
		toInput: formatNumber,
		toValue: parseCount,
		hint: (s) => (parseCount(s) === null ? (t) => t.wholeNumber : null),
		schema: { type: 'integer', minimum: 0 },
		display: (v, lang) => [formatNumberIn(v, lang)],
		page: (v, lang) => [formatNumberIn(v, lang)],
		xlsx: { type: 'number', width: 16 },
		select: {
			what: 'number',
			read(s, g) {
				const n = g.count(s);
				return n === null ? null : formatNumber(n);
			}
		},
		editor: { component: 'value', placeholder: '120', inputmode: 'numeric', width: 'w-28' }
	}) as Kind,
	list: list as Kind,
	contacts: contacts as Kind
};

export const kindOf = (def: FieldDef): Kind => KINDS[def.kind];

/** A facet's filter value by its field's kind: a date filters by year, money by euro band, the rest by their text. */
export type FacetValueOf<K extends FieldKind> = K extends 'date' ? number : K extends 'money' ? AmountBandId : string;

/** How a facet field filters; a registry entry flagging a field of a kind without facets fails at start-up. */
export function facetKind(def: FieldDef): FacetKind {
	const facet = kindOf(def).facet;
	if (!facet) throw new Error(`${def.key}: a ${def.kind} field cannot be a facet`);
	return facet;
}

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
