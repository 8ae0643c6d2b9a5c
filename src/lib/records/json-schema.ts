/**
 * JSON Schema (2020-12) of a published project as the API serves it, derived from the
 * field registry so a new field appears here without anyone remembering to add it.
 */
import { FIELDS, type UiLang } from './fields';
import { KINDS } from './kinds';

type Schema = Record<string, unknown>;

const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });

export function projectJsonSchema(id: string): Schema {
	const fields = FIELDS.filter((f) => f.public || f.kind === 'contacts');
	const properties: Record<string, Schema> = {
		id: { type: 'string', description: 'Stable identifier; the page is /projects/{id}.' },
		version: { type: 'integer', minimum: 1, description: 'The approved version shown.' },
		approvedAt: { type: 'string', format: 'date-time' }
	};
	for (const f of fields) {
		const base = f.required && f.kind === 'text' ? { type: 'string', minLength: 1 } : KINDS[f.kind].schema;
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
