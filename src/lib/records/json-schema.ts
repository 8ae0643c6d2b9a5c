/**
 * JSON Schema (2020-12) of a published project as the API serves it, derived from the
 * field registry so a new field appears here without anyone remembering to add it.
 */
import { FIELDS, type FieldKind, type UiLang } from './fields';

type Schema = Record<string, unknown>;

const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });

const CONTACT: Schema = {
	type: 'object',
	properties: Object.fromEntries(
		['name', 'role', 'organisation', 'email', 'phone'].map((k) => [k, k === 'name' ? { type: 'string' } : nullable({ type: 'string' })])
	),
	required: ['name', 'role', 'organisation', 'email', 'phone'],
	additionalProperties: false
};

const BY_KIND: Record<FieldKind, Schema> = {
	text: nullable({ type: 'string' }),
	longtext: nullable({ type: 'string' }),
	money: nullable({
		type: 'object',
		properties: { value: { type: 'number', minimum: 0 }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
		required: ['value', 'currency'],
		additionalProperties: false
	}),
	rate: nullable({ type: 'number', minimum: 0, maximum: 1 }),
	date: nullable({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
	country: nullable({ type: 'string', pattern: '^[A-Z]{2}$' }),
	count: nullable({ type: 'integer', minimum: 0 }),
	list: { type: 'array', items: { type: 'string' } },
	contacts: { type: 'array', items: CONTACT, description: 'Only contacts an approver marked public.' }
};

export function projectJsonSchema(id: string): Schema {
	const fields = FIELDS.filter((f) => f.public || f.kind === 'contacts');
	const properties: Record<string, Schema> = {
		id: { type: 'string', description: 'Stable identifier; the page is /projects/{id}.' },
		version: { type: 'integer', minimum: 1, description: 'The approved version shown.' },
		approvedAt: { type: 'string', format: 'date-time' }
	};
	for (const f of fields) {
		const base = f.required && f.kind === 'text' ? { type: 'string', minLength: 1 } : BY_KIND[f.kind];
		properties[f.key] = { ...base, title: f.labels.en, 'x-labels': f.labels satisfies Record<UiLang, string> };
	}
	properties.sources = {
		type: 'array',
		description: 'The documents the values come from, with the passage quoted for each value.',
		items: {
			type: 'object',
			properties: {
				title: { type: 'string' },
				url: nullable({ type: 'string' }),
				quotes: {
					type: 'array',
					items: {
						type: 'object',
						properties: {
							field: { enum: fields.map((f) => f.key) },
							index: nullable({ type: 'integer', minimum: 0 }),
							snippet: { type: 'string' }
						},
						required: ['field', 'index', 'snippet'],
						additionalProperties: false
					}
				}
			},
			required: ['title', 'url', 'quotes'],
			additionalProperties: false
		}
	};
	return {
		$schema: 'https://json-schema.org/draft/2020-12/schema',
		$id: id,
		title: 'Samla project record',
		description: 'An approved record of a publicly funded project, as served by /api/projects.',
		type: 'object',
		properties,
		required: Object.keys(properties),
		additionalProperties: false
	};
}
