/** /api/openapi.json is a valid OpenAPI 3.1 document, and the live server answers as it says. */
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApproved } from '../helpers/approved';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { eventually } from '../scaleout/processes';

/**
 * A socket per request: the validators' long synchronous work under load can outlast the
 * server's 5 s keep-alive, and fetch would then send the next request on a pooled socket the
 * server has closed ("fetch failed: other side closed").
 */
const get = (url: string) => fetch(url, { headers: { connection: 'close' } });

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

describeServerEachDialect('the OpenAPI document and the live server', {}, (app) => {
	let doc: Record<string, unknown>;
	let ajv: Ajv2020;

	beforeAll(async () => {
		const { server, sql } = app();
		await createApproved(sql, { record: { title: 'Kompetenslyft Skåne', country: 'SE', amount: { value: 1_200_000, currency: 'SEK' } } });
		await createApproved(sql, { record: { title: 'Grønn omstilling', country: 'NO', partners: ['NTNU', 'SINTEF'] } });
		// On PostgreSQL the server's search index follows the database within a second.
		await eventually(async () => (await (await get(`${server.url}/api/projects`)).json()).total === 2, 10_000, 'both projects searchable');
		doc = await (await get(`${server.url}/api/openapi.json`)).json();
		// The whole document under its own id, so response schemas are reached by JSON pointer with their $refs.
		ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
		addFormats.default(ajv);
		ajv.addSchema(doc, 'openapi.json');
	});

	/** Fetches `path` and checks status, content type and body against the document's response for `template`. */
	async function answersAsDescribed(template: string, path: string, status: number): Promise<unknown> {
		const res = await get(`${app().server.url}${path}`);
		expect(res.status).toBe(status);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		const body = await res.json();
		const validate = ajv.getSchema(
			`openapi.json#/${pointer('paths', template, 'get', 'responses', String(status), 'content', 'application/json', 'schema')}`
		);
		expect(validate, `no schema for ${template} ${status}`).toBeTypeOf('function');
		expect(validate!(body) ? [] : validate!.errors).toEqual([]);
		return body;
	}

	describe('the OpenAPI document', () => {
		it('validates as OpenAPI 3.1 with a real validator', async () => {
			const validator = new Validator();
			const result = await validator.validate(structuredClone(doc));
			expect(result.errors ?? []).toEqual([]);
			expect(result.valid).toBe(true);
			expect(validator.version).toBe('3.1');
			// The same validator refuses a broken copy, so the check above can fail.
			const broken = { ...structuredClone(doc), paths: { '/x': { get: { responses: { '200': { content: {} } } } } } };
			expect((await new Validator().validate(broken)).valid).toBe(false);
		});

		it('describes every endpoint of the open data and token APIs, and reuses the project schema of /api/schema.json', async () => {
			const paths = Object.keys(doc.paths as object);
			for (const p of [
				'/api/projects',
				'/api/projects/{id}',
				'/api/projects.csv',
				'/api/schema.json',
				'/api/projects.xlsx',
				'/api/organisations',
				'/api/organisations/{slug}',
				'/api/catalog.jsonld',
				'/api/documents',
				'/api/documents/{id}',
				'/healthz',
				'/readyz',
				'/metrics'
			]) {
				expect(paths).toContain(p);
			}
			const schema = await (await get(`${app().server.url}/api/schema.json`)).json();
			const project = (doc.components as { schemas: Record<string, { properties: object }> }).schemas.Project;
			expect(Object.keys(project.properties)).toEqual(Object.keys(schema.properties));
		});
	});

	describe('live answers match the document', () => {
		it('GET /api/projects, a page of it and a bad parameter', async () => {
			const all = (await answersAsDescribed('/api/projects', '/api/projects', 200)) as { total: number; projects: { id: string }[] };
			expect(all.total).toBe(2);
			const page = (await answersAsDescribed('/api/projects', '/api/projects?limit=1&country=NO', 200)) as { projects: { id: string }[] };
			expect(page.projects).toHaveLength(1);
			await answersAsDescribed('/api/projects', '/api/projects?limit=zero', 400);
			await answersAsDescribed('/api/projects', '/api/projects?country=Sweden', 400);

			const one = (await answersAsDescribed('/api/projects/{id}', `/api/projects/${all.projects[0].id}`, 200)) as { id: string };
			expect(one.id).toBe(all.projects[0].id);
			await answersAsDescribed('/api/projects/{id}', '/api/projects/no-such-project', 404);
		});

		it('GET /api/organisations and one organisation', async () => {
			const list = (await answersAsDescribed('/api/organisations', '/api/organisations', 200)) as { organisations: { slug: string }[] };
			expect(list.organisations.length).toBeGreaterThan(0);
			await answersAsDescribed('/api/organisations', '/api/organisations?page=x', 400);
			const one = (await answersAsDescribed('/api/organisations/{slug}', `/api/organisations/${list.organisations[0].slug}`, 200)) as {
				slug: string;
			};
			expect(one.slug).toBe(list.organisations[0].slug);
			await answersAsDescribed('/api/organisations/{slug}', '/api/organisations/no-such-organisation', 404);
		});

		it('the operations endpoints', async () => {
			expect(await answersAsDescribed('/healthz', '/healthz', 200)).toEqual({ status: 'ok' });
			expect(await answersAsDescribed('/readyz', '/readyz', 200)).toEqual({ status: 'ready' });
		});

		it('a schema that does not fit is caught (the check can fail)', () => {
			const validate = ajv.getSchema(`openapi.json#/${pointer('components', 'schemas', 'ProjectPage')}`)!;
			expect(validate({ total: 1, count: 1, nextCursor: null, next: null, projects: [{ id: 'x' }] })).toBe(false);
		});
	});
});
