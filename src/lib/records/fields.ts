/**
 * The field registry: every field of a project record is named once here.
 * Forms, the Yjs layout, CSV columns, the API and validation derive from it.
 * Pure: runs in the browser and in Node.
 */

import { LANGS, type Lang } from '../i18n/lang';
import { nutsProblem } from './nuts';
import type { Say } from '../i18n/validation-messages';

export const UI_LANGS = LANGS;
export type UiLang = Lang;

export interface Money {
	value: number;
	currency: string;
}

/** A person named in a document. Personal data: public only when an approver says so. */
export interface Contact {
	name: string;
	role: string | null;
	organisation: string | null;
	phone: string | null;
	email: string | null;
	public: boolean;
}

export interface ProjectRecord {
	title: string;
	reference: string | null;
	owner: string | null;
	funder: string | null;
	programme: string | null;
	amount: Money | null;
	cofinancingRate: number | null;
	startDate: string | null;
	endDate: string | null;
	country: string | null;
	regions: string[];
	partners: string[];
	participants: number | null;
	companies: number | null;
	summary: string | null;
	themes: string[];
	nuts: string | null;
	contacts: Contact[];
}

export type FieldKey = keyof ProjectRecord;

/**
 * How a field is stored and edited:
 * text/longtext -> Y.Text, list -> Y.Array of Y.Text, contacts -> Y.Array of Y.Map,
 * the rest are plain values in a Y.Map.
 */
export type FieldKind = 'text' | 'longtext' | 'money' | 'rate' | 'date' | 'country' | 'count' | 'list' | 'contacts';

export interface FieldDef<K extends FieldKey = FieldKey> {
	key: K;
	kind: FieldKind;
	labels: Record<UiLang, string>;
	/** Shown in the public view and export. Contacts are filtered per contact instead. */
	public: boolean;
	/** Needed before a record can be approved. */
	required: boolean;
	/** One of the fields scored by ../shared/eval. */
	scored: boolean;
	/**
	 * The most the field may hold: characters of its text (of each element of a list, each
	 * part of a contact or an amount) and, for lists and contacts, elements. Validation holds
	 * an approval to it, and the sync server refuses an update that grows a field past it.
	 */
	max: { chars: number; items: number };
	/**
	 * Searched as words on the public pages, with this BM25 weight (higher counts more):
	 * its folded text is the full-text column named by its key. Adding one needs a migration
	 * that adds that column to `public_search` and a republish.
	 */
	search: number | null;
	/**
	 * A filter of the public search, under URL parameter `param`; `rank` orders the facets on
	 * the page. How it filters follows the kind: text and country by value, a list by any
	 * element, a date by its year, money by euro band (server/public/query.ts).
	 */
	facet: FacetDef | null;
	/** A rule beyond the kind's own: the hint shown beside the field, or null when the text is fine. */
	check?: (input: string) => Say | null;
}

export interface FacetDef {
	param: string;
	rank: number;
}

/** Bounds by kind; a field may set its own. */
const MAX: Record<FieldKind, FieldDef['max']> = {
	text: { chars: 500, items: 1 },
	longtext: { chars: 20_000, items: 1 },
	money: { chars: 64, items: 1 },
	rate: { chars: 64, items: 1 },
	date: { chars: 64, items: 1 },
	country: { chars: 64, items: 1 },
	count: { chars: 64, items: 1 },
	list: { chars: 500, items: 200 },
	contacts: { chars: 500, items: 50 }
};

/** Keeps the kind and the facet as literal types, so the public filter types derive from the registry. */
function field<K extends FieldKey, T extends FieldKind, const F extends FacetDef | null = null>(
	key: K,
	kind: T,
	labels: Record<UiLang, string>,
	opts: {
		public?: boolean;
		required?: boolean;
		scored?: boolean;
		max?: FieldDef['max'];
		search?: number;
		facet?: F;
		check?: FieldDef['check'];
	} = {}
): FieldDef<K> & { kind: T; facet: F } {
	return {
		key,
		kind,
		labels,
		public: opts.public ?? true,
		required: opts.required ?? false,
		scored: opts.scored ?? true,
		max: opts.max ?? MAX[kind],
		search: opts.search ?? null,
		facet: (opts.facet ?? null) as F,
		...(opts.check ? { check: opts.check } : {})
	};
}

export const FIELDS = [
	field('title', 'text', { en: 'Title', sv: 'Titel', no: 'Tittel', da: 'Titel' }, { required: true, search: 10 }),
	field('reference', 'text', { en: 'Reference', sv: 'Diarienummer', no: 'Referanse', da: 'Referencenummer' }),
	field('owner', 'text', { en: 'Project owner', sv: 'Projektägare', no: 'Prosjekteier', da: 'Projektejer' }, { search: 4 }),
	field(
		'funder',
		'text',
		{ en: 'Funder', sv: 'Finansiär', no: 'Finansiør', da: 'Bevillingsgiver' },
		{ facet: { param: 'funder', rank: 2 } }
	),
	field('programme', 'text', { en: 'Programme', sv: 'Program', no: 'Program', da: 'Program' }, { facet: { param: 'programme', rank: 3 } }),
	field(
		'amount',
		'money',
		{ en: 'Amount granted', sv: 'Beviljat belopp', no: 'Tildelt beløp', da: 'Bevilget beløb' },
		{ facet: { param: 'amount', rank: 6 } }
	),
	field('cofinancingRate', 'rate', {
		en: 'EU co-financing rate',
		sv: 'Medfinansieringsgrad',
		no: 'Medfinansieringsgrad',
		da: 'Medfinansieringsgrad'
	}),
	field(
		'startDate',
		'date',
		{ en: 'Start date', sv: 'Startdatum', no: 'Startdato', da: 'Startdato' },
		{ facet: { param: 'year', rank: 5 } }
	),
	field('endDate', 'date', { en: 'End date', sv: 'Slutdatum', no: 'Sluttdato', da: 'Slutdato' }),
	field('country', 'country', { en: 'Country', sv: 'Land', no: 'Land', da: 'Land' }, { facet: { param: 'country', rank: 1 } }),
	field(
		'regions',
		'list',
		{ en: 'Regions', sv: 'Regioner', no: 'Regioner', da: 'Regioner' },
		{ search: 2, facet: { param: 'region', rank: 4 } }
	),
	field('partners', 'list', { en: 'Partners', sv: 'Partner', no: 'Partnere', da: 'Partnere' }, { search: 2 }),
	field('participants', 'count', { en: 'Participants', sv: 'Deltagare', no: 'Deltakere', da: 'Deltagere' }),
	field('companies', 'count', { en: 'Companies', sv: 'Företag', no: 'Bedrifter', da: 'Virksomheder' }),
	field('summary', 'longtext', { en: 'Summary', sv: 'Sammanfattning', no: 'Sammendrag', da: 'Resumé' }, { scored: false, search: 1 }),
	field('themes', 'list', { en: 'Themes', sv: 'Teman', no: 'Tema', da: 'Temaer' }, { scored: false }),
	field(
		'nuts',
		'text',
		{ en: 'NUTS code', sv: 'NUTS-kod', no: 'NUTS-kode', da: 'NUTS-kode' },
		{ scored: false, max: { chars: 10, items: 1 }, check: nutsProblem }
	),
	field(
		'contacts',
		'contacts',
		{ en: 'Contacts', sv: 'Kontaktpersoner', no: 'Kontaktpersoner', da: 'Kontaktpersoner' },
		{ public: false, scored: false }
	)
] as const satisfies readonly FieldDef[];

export const FIELD_KEYS: readonly FieldKey[] = FIELDS.map((f) => f.key);

/** A field the registry makes a facet of the public search. */
export type FacetField = Extract<(typeof FIELDS)[number], { facet: FacetDef }>;

/** The facet fields (`facet` set) of a registry, in facet order. */
export function facetFields(fields: readonly FieldDef[]): FacetField[] {
	return (fields.filter((f) => f.facet !== null) as FacetField[]).sort((a, b) => a.facet.rank - b.facet.rank);
}

/** The facets of the public search: each decides a column (or rows) of the public index and a URL parameter. */
export const FACET_FIELDS: readonly FacetField[] = facetFields(FIELDS);

/** The fields of the public full-text search (`search` set), in registry order. */
export const SEARCH_FIELDS: readonly FieldDef[] = FIELDS.filter((f: FieldDef) => f.search !== null);

const byKey = new Map<FieldKey, FieldDef>(FIELDS.map((f) => [f.key, f]));

export function fieldDef(key: FieldKey): FieldDef {
	const def = byKey.get(key);
	if (!def) throw new Error(`unknown field ${key}`);
	return def;
}

export function isFieldKey(key: string): key is FieldKey {
	return byKey.has(key as FieldKey);
}

export function emptyRecord(title = ''): ProjectRecord {
	return {
		title,
		reference: null,
		owner: null,
		funder: null,
		programme: null,
		amount: null,
		cofinancingRate: null,
		startDate: null,
		endDate: null,
		country: null,
		regions: [],
		partners: [],
		participants: null,
		companies: null,
		summary: null,
		themes: [],
		nuts: null,
		contacts: []
	};
}
