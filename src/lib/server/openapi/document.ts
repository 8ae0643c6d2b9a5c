/**
 * The OpenAPI 3.1 description of every public and token-authenticated endpoint, served at
 * /api/openapi.json. A project's schema is the one /api/schema.json serves (derived from
 * the field registry), so the two cannot drift apart.
 */
import { projectJsonSchema } from '../../records/json-schema';
import { FACET_FIELDS } from '../../records/fields';
import { facetKind } from '../../records/kinds';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description: string) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(ref('Error'), description);
const notModified = { description: 'Not modified: the ETag or Last-Modified sent still holds.' };

const FILTER_PARAMETERS = [
	{
		name: 'q',
		in: 'query',
		description: 'Full-text search, as typed on the search page ("quoted phrase", -excluded, field:value).',
		schema: { type: 'string', maxLength: 200 }
	},
	// One per facet of the field registry, as its kind reads it.
	...FACET_FIELDS.map((def) => ({ name: def.facet.param, in: 'query', ...facetKind(def).parameter(def) }))
];

const CONDITIONAL_HEADERS = [
	{ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } },
	{ name: 'If-Modified-Since', in: 'header', required: false, schema: { type: 'string' } }
];

const BEARER_ERRORS = {
	'401': error('No valid API token (Authorization: Bearer <token>).'),
	'403': error("The token's owner lacks the role for this (editors and above)."),
	'429': error('Too many requests with this token; wait and retry.')
};

/** The project schema of /api/schema.json as a component (its own $id and $schema belong to that document). */
function projectSchema(origin: string): Json {
	const { $schema: _schema, $id: _id, ...schema } = projectJsonSchema(`${origin}/api/schema.json`);
	return schema;
}

export function openApiDocument(origin: string): Json {
	return {
		openapi: '3.1.0',
		info: {
			title: 'Samla API',
			version: '1',
			description:
				'Approved records of publicly funded projects (open data, no sign-in), the documents behind them (API token), and the operations endpoints.'
		},
		servers: [{ url: origin }],
		tags: [
			{ name: 'projects', description: 'Approved project records: open data.' },
			{ name: 'organisations', description: 'Organisations named as owner or partner in approved records: open data.' },
			{ name: 'documents', description: 'Source documents; an API token with the editor role or above.' },
			{ name: 'operations', description: 'Health, readiness and metrics.' }
		],
		paths: {
			'/api/projects': {
				get: {
					tags: ['projects'],
					operationId: 'listProjects',
					summary: 'Approved projects matching the filters, in order of first publication, paged by cursor.',
					parameters: [
						...FILTER_PARAMETERS,
						{
							name: 'limit',
							in: 'query',
							description: 'Page size, 1-500 (more is capped at 500).',
							schema: { type: 'string', pattern: '^0*[1-9]\\d*$', default: '100' }
						},
						{ name: 'cursor', in: 'query', description: 'The nextCursor of the previous page.', schema: { type: 'string' } },
						...CONDITIONAL_HEADERS
					],
					responses: {
						'200': json(ref('ProjectPage'), 'One page of projects.'),
						'304': notModified,
						'400': error('A limit, cursor, country, year or amount that cannot be read.')
					}
				}
			},
			'/api/projects/{id}': {
				get: {
					tags: ['projects'],
					operationId: 'getProject',
					summary: 'One approved project.',
					parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, ...CONDITIONAL_HEADERS],
					responses: { '200': json(ref('Project'), 'The project.'), '304': notModified, '404': error('No published project has this id.') }
				}
			},
			'/api/projects.csv': {
				get: {
					tags: ['projects'],
					operationId: 'exportProjectsCsv',
					summary: 'Every project matching the filters, one row each (UTF-8 with BOM, streamed).',
					parameters: [...FILTER_PARAMETERS, ...CONDITIONAL_HEADERS],
					responses: {
						'200': {
							description: 'CSV with a header row; columns from the field registry.',
							content: { 'text/csv': { schema: { type: 'string' } } }
						},
						'304': notModified,
						'400': error('A country, year or amount that cannot be read.')
					}
				}
			},
			'/api/projects.xlsx': {
				get: {
					tags: ['projects'],
					operationId: 'exportProjectsXlsx',
					summary: 'Every project matching the filters as a spreadsheet with typed cells.',
					parameters: FILTER_PARAMETERS,
					responses: {
						'200': {
							description: 'An XLSX workbook.',
							content: {
								'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
									schema: { type: 'string', contentMediaType: 'application/octet-stream' }
								}
							}
						},
						'400': error('A country, year or amount that cannot be read.')
					}
				}
			},
			'/api/schema.json': {
				get: {
					tags: ['projects'],
					operationId: 'getProjectSchema',
					summary: 'JSON Schema (2020-12) of a project as the API serves it.',
					responses: {
						'200': { description: 'The schema.', content: { 'application/schema+json': { schema: { type: 'object' } } } },
						'304': notModified
					}
				}
			},
			'/api/catalog.jsonld': {
				get: {
					tags: ['projects'],
					operationId: 'getCatalog',
					summary: 'The dataset and its distributions in DCAT-AP, for data portals to harvest.',
					responses: { '200': { description: 'A DCAT-AP catalogue.', content: { 'application/ld+json': { schema: { type: 'object' } } } } }
				}
			},
			'/api/organisations': {
				get: {
					tags: ['organisations'],
					operationId: 'listOrganisations',
					summary: 'Organisations named as owner or partner in approved records.',
					parameters: [
						{ name: 'q', in: 'query', description: 'Search by name or name variant.', schema: { type: 'string', maxLength: 200 } },
						{ name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
						{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } }
					],
					responses: {
						'200': json(ref('OrganisationList'), 'The organisations, A–Z.'),
						'400': error('A page or limit that cannot be read.')
					}
				}
			},
			'/api/organisations/{slug}': {
				get: {
					tags: ['organisations'],
					operationId: 'getOrganisation',
					summary: 'One organisation with its projects (role, period, amount, funder) and totals.',
					parameters: [
						{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
						{ name: 'page', in: 'query', description: 'A page of its projects, 100 each.', schema: { type: 'integer', minimum: 1 } }
					],
					responses: {
						'200': json(ref('Organisation'), 'The organisation.'),
						'308': { description: 'A name variant merged into another organisation: its address.' },
						'400': error('A page that cannot be read.'),
						'404': error('No organisation has this slug.')
					}
				}
			},
			'/api/documents': {
				get: {
					tags: ['documents'],
					operationId: 'listDocuments',
					summary: 'Every document, newest first.',
					security: [{ apiToken: [] }],
					responses: {
						'200': json(
							{ type: 'object', properties: { documents: { type: 'array', items: ref('DocumentSummary') } }, required: ['documents'] },
							'The documents.'
						),
						...BEARER_ERRORS
					}
				},
				post: {
					tags: ['documents'],
					operationId: 'uploadDocuments',
					summary: 'Adds documents (text, Markdown, HTML, PDF, DOCX) and extracts their records; each file is answered for itself.',
					security: [{ apiToken: [] }],
					requestBody: {
						required: true,
						content: {
							'multipart/form-data': {
								schema: {
									type: 'object',
									properties: { file: { type: 'array', items: { type: 'string', contentMediaType: 'application/octet-stream' } } },
									required: ['file']
								}
							}
						}
					},
					responses: {
						'200': json(
							{ type: 'object', properties: { documents: { type: 'array', items: ref('UploadResult') } }, required: ['documents'] },
							'One answer per file, in the order sent; a failed file does not stop the others.'
						),
						'400': error('Not a multipart body, or no file part.'),
						'413': error('The body is over the size limit.'),
						...BEARER_ERRORS
					}
				}
			},
			'/api/documents/{id}': {
				get: {
					tags: ['documents'],
					operationId: 'getDocument',
					summary: 'One document: its stored text (what provenance offsets point into) and its records.',
					security: [{ apiToken: [] }],
					parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
					responses: { '200': json(ref('Document'), 'The document.'), '404': error('No document has this id.'), ...BEARER_ERRORS }
				}
			},
			'/api/openapi.json': {
				get: {
					tags: ['operations'],
					operationId: 'getOpenApi',
					summary: 'This description.',
					responses: { '200': json({ type: 'object' }, 'OpenAPI 3.1.') }
				}
			},
			'/healthz': {
				get: {
					tags: ['operations'],
					operationId: 'health',
					summary: 'Liveness: the process answers.',
					responses: {
						'200': json(
							{ type: 'object', properties: { status: { const: 'ok' } }, required: ['status'], additionalProperties: false },
							'Alive.'
						)
					}
				}
			},
			'/readyz': {
				get: {
					tags: ['operations'],
					operationId: 'ready',
					summary: 'Readiness: the database answers and has every migration of this build.',
					responses: {
						'200': json(
							{ type: 'object', properties: { status: { const: 'ready' } }, required: ['status'], additionalProperties: false },
							'Ready.'
						),
						'503': json(
							{
								type: 'object',
								properties: { status: { const: 'not ready' }, reason: { type: 'string' } },
								required: ['status', 'reason'],
								additionalProperties: false
							},
							'Not ready; the reason says why.'
						)
					}
				}
			},
			'/metrics': {
				get: {
					tags: ['operations'],
					operationId: 'metrics',
					summary:
						'Prometheus metrics: with METRICS_TOKEN set, for its bearer; otherwise only for direct requests from the machine itself.',
					security: [{ metricsToken: [] }, {}],
					responses: {
						'200': { description: 'Prometheus text format.', content: { 'text/plain': { schema: { type: 'string' } } } },
						'401': error('METRICS_TOKEN is set and was not sent.'),
						'403': error('No METRICS_TOKEN is set and the request is not a direct local one.')
					}
				}
			}
		},
		components: {
			securitySchemes: {
				apiToken: {
					type: 'http',
					scheme: 'bearer',
					description: "A personal API token (workspace, or `samla token create`); acts with its owner's role."
				},
				metricsToken: { type: 'http', scheme: 'bearer', description: 'The METRICS_TOKEN the server was started with.' }
			},
			schemas: {
				Error: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] },
				Licence: {
					type: 'object',
					description: 'The data licence (SAMLA_DATA_LICENCE): an SPDX id where there is one, else the URL.',
					properties: { id: { type: 'string' }, name: { type: 'string' }, url: { type: 'string', format: 'uri' } },
					required: ['id', 'name', 'url'],
					additionalProperties: false
				},
				Project: projectSchema(origin),
				ProjectPage: {
					type: 'object',
					properties: {
						total: { type: 'integer', minimum: 0, description: 'Projects matching the filters.' },
						count: { type: 'integer', minimum: 0, description: 'Projects on this page.' },
						nextCursor: { type: ['string', 'null'] },
						next: { type: ['string', 'null'], description: 'The URL of the next page, null on the last.' },
						projects: { type: 'array', items: ref('Project') },
						licence: ref('Licence')
					},
					required: ['total', 'count', 'nextCursor', 'next', 'projects', 'licence'],
					additionalProperties: false
				},
				Money: {
					type: 'object',
					properties: { value: { type: 'number' }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
					required: ['value', 'currency'],
					additionalProperties: false
				},
				OrganisationSummary: {
					type: 'object',
					properties: {
						slug: { type: 'string' },
						name: { type: 'string' },
						variants: { type: 'array', items: { type: 'string' }, description: 'Other spellings joined to it by an approver.' },
						projects: { type: 'integer', minimum: 0 },
						owned: { type: 'integer', minimum: 0, description: 'Projects it owns.' },
						partnered: { type: 'integer', minimum: 0, description: 'Projects it is a partner in.' },
						eur: { type: 'number', description: "Its projects' whole grants with a euro rate, summed in euro." },
						url: { type: 'string', format: 'uri' },
						api: { type: 'string', format: 'uri' }
					},
					required: ['slug', 'name', 'variants', 'projects', 'owned', 'partnered', 'eur', 'url', 'api'],
					additionalProperties: false
				},
				OrganisationList: {
					type: 'object',
					properties: {
						total: { type: 'integer', minimum: 0 },
						page: { type: 'integer', minimum: 1 },
						pageCount: { type: 'integer', minimum: 1 },
						organisations: { type: 'array', items: ref('OrganisationSummary') },
						licence: ref('Licence')
					},
					required: ['total', 'page', 'pageCount', 'organisations', 'licence'],
					additionalProperties: false
				},
				Organisation: {
					type: 'object',
					properties: {
						slug: { type: 'string' },
						name: { type: 'string' },
						variants: { type: 'array', items: { type: 'string' } },
						url: { type: 'string', format: 'uri' },
						projectCount: { type: 'integer', minimum: 0 },
						owned: { type: 'integer', minimum: 0 },
						partnered: { type: 'integer', minimum: 0 },
						totals: {
							type: 'object',
							properties: {
								byCurrency: {
									type: 'array',
									items: {
										type: 'object',
										properties: { value: { type: 'number' }, currency: { type: 'string' }, projects: { type: 'integer', minimum: 0 } },
										required: ['value', 'currency', 'projects']
									}
								},
								eur: { type: 'number' },
								converted: { type: 'integer', minimum: 0, description: 'Projects with an amount in euro.' },
								eurRatesDate: { type: 'string', format: 'date' }
							},
							required: ['byCurrency', 'eur', 'converted', 'eurRatesDate'],
							additionalProperties: false
						},
						page: { type: 'integer', minimum: 1 },
						pageCount: { type: 'integer', minimum: 1 },
						projects: {
							type: 'array',
							items: {
								type: 'object',
								properties: {
									id: { type: 'string' },
									title: { type: 'string' },
									roles: { type: 'array', items: { enum: ['owner', 'partner'] } },
									funder: { type: ['string', 'null'] },
									programme: { type: ['string', 'null'] },
									startDate: { type: ['string', 'null'], format: 'date' },
									endDate: { type: ['string', 'null'], format: 'date' },
									amount: { oneOf: [ref('Money'), { type: 'null' }] },
									amountEur: { type: ['number', 'null'] },
									url: { type: 'string', format: 'uri' }
								},
								required: ['id', 'title', 'roles', 'funder', 'programme', 'startDate', 'endDate', 'amount', 'amountEur', 'url'],
								additionalProperties: false
							}
						},
						licence: ref('Licence')
					},
					required: [
						'slug',
						'name',
						'variants',
						'url',
						'projectCount',
						'owned',
						'partnered',
						'totals',
						'page',
						'pageCount',
						'projects',
						'licence'
					],
					additionalProperties: false
				},
				DocumentSummary: {
					type: 'object',
					properties: {
						id: { type: 'string' },
						name: { type: 'string' },
						type: { type: 'string' },
						language: { type: ['string', 'null'] }
					},
					required: ['id', 'name']
				},
				RecordRef: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' } }, required: ['id', 'title'] },
				Document: {
					type: 'object',
					properties: {
						id: { type: 'string' },
						name: { type: 'string' },
						type: { type: 'string' },
						language: { type: ['string', 'null'] },
						text: { type: 'string' },
						records: { type: 'array', items: ref('RecordRef') }
					},
					required: ['id', 'name', 'type', 'language', 'text', 'records']
				},
				UploadResult: {
					type: 'object',
					properties: {
						name: { type: 'string' },
						id: { type: ['string', 'null'] },
						status: { enum: ['created', 'duplicate', 'failed'] },
						language: { type: ['string', 'null'] },
						records: { type: 'array', items: ref('RecordRef') },
						error: { type: ['string', 'null'] }
					},
					required: ['name', 'id', 'status', 'language', 'records', 'error']
				}
			}
		}
	};
}
