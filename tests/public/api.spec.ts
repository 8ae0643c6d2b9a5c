import { beforeAll, describe, expect, it } from 'vitest';
import { FIELDS } from '../../src/lib/records/fields';
import { createApproved } from '../helpers/approved';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { parseCsv } from './csv-parse';
import { ODD, searchable, seedPublic, type Seeded } from './fixtures';
import { validate } from './json-schema-check';

describeServerEachDialect('the open-data API', {}, (app) => {
	let seeded: Seeded;

	beforeAll(async () => {
		seeded = await seedPublic(app().sql);
		await searchable(app().server.url, 'cmd');
	});

	const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app().server.url}${path}`, { headers });
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const json = async (path: string): Promise<any> => (await get(path)).json();

	describe('GET /api/projects', () => {
		it('lists the approved projects in the record format, with id, version, approvedAt and sources', async () => {
			const res = await get('/api/projects');
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toMatch(/^application\/json/);
			expect(res.headers.get('access-control-allow-origin')).toBe('*');
			const body = await res.json();
			expect(body.total).toBe(4);
			expect(body.nextCursor).toBeNull();
			const skane = body.projects.find((p: { id: string }) => p.id === seeded.skane.recordId);
			expect(skane).toMatchObject({
				version: 2,
				approvedAt: '2025-03-10T10:00:00.000Z',
				title: 'Kompetenslyft Skåne',
				owner: 'Region Skåne',
				amount: { value: 12_000_000, currency: 'SEK' },
				cofinancingRate: 0.4,
				regions: ['Skåne', 'Blekinge'],
				participants: 300
			});
			expect(skane.sources).toEqual([
				{
					title: 'ESF-rådet beviljar Kompetenslyft Skåne',
					url: 'https://www.esf.se/nyheter/kompetenslyft',
					quotes: [
						{ field: 'title', index: null, snippet: 'projektet Kompetenslyft Skåne' },
						{ field: 'owner', index: null, snippet: 'Projektägare är Region Skåne' },
						{ field: 'funder', index: null, snippet: 'Svenska ESF-rådet har i dag beslutat' },
						{ field: 'amount', index: null, snippet: 'beviljas 12 miljoner kronor' },
						{ field: 'partners', index: 0, snippet: 'i samverkan med Lunds universitet' }
					]
				}
			]);
			expect(body.projects.map((p: { title: string }) => p.title)).not.toContain('Avslaget projekt');
		});

		it('takes the filters of the search page', async () => {
			expect((await json('/api/projects?q=tromso')).projects.map((p: { title: string }) => p.title)).toEqual(['Grønn omstilling i Tromsø']);
			expect((await json('/api/projects?country=NO')).total).toBe(1);
			expect((await json('/api/projects?country=SE&q=kompetens')).total).toBe(1);
			expect((await json('/api/projects?region=Blekinge')).total).toBe(1);
			expect((await json('/api/projects?q=%22NEAR(%20AND')).total).toBe(0);
		});

		it('pages with an opaque cursor until every project was seen once', async () => {
			const seen: string[] = [];
			let path: string | null = '/api/projects?limit=1';
			let pages = 0;
			while (path) {
				const body = await json(path);
				expect(body.count).toBe(body.projects.length);
				seen.push(...body.projects.map((p: { id: string }) => p.id));
				path = body.next;
				pages++;
			}
			expect(pages).toBe(4);
			expect(new Set(seen).size).toBe(4);
			const withQuery = await json('/api/projects?limit=1&country=SE');
			expect(withQuery.next).toContain('country=SE');
		});

		it('caps the limit at 500 and refuses what it cannot read', async () => {
			expect((await get('/api/projects?limit=100000')).status).toBe(200);
			for (const bad of [
				'limit=0',
				'limit=-1',
				'limit=abc',
				'limit=1.5',
				'cursor=bm9wZQ',
				'cursor=%%%',
				'country=Sweden',
				'year=twenty',
				'amount=lots'
			]) {
				const res = await get(`/api/projects?${bad}`);
				expect(res.status, bad).toBe(400);
				expect((await res.json()).error).toBeTruthy();
			}
		});

		it('answers a CORS preflight', async () => {
			const res = await fetch(`${app().server.url}/api/projects`, {
				method: 'OPTIONS',
				headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' }
			});
			expect(res.status).toBe(204);
			expect(res.headers.get('access-control-allow-origin')).toBe('*');
			expect(res.headers.get('access-control-allow-headers')).toMatch(/If-None-Match/i);
		});
	});

	describe('GET /api/projects/<id>', () => {
		it('gives one project, and 404 for an unknown or rejected one', async () => {
			expect(await json(`/api/projects/${seeded.tromso.recordId}`)).toMatchObject({
				id: seeded.tromso.recordId,
				country: 'NO',
				sources: [{ url: null }]
			});
			for (const id of ['nope', seeded.rejected.recordId, '%22%3Cscript%3E']) {
				const res = await get(`/api/projects/${id}`);
				expect(res.status).toBe(404);
				expect(res.headers.get('content-type')).toMatch(/json/);
			}
		});

		it('shows only contacts marked public, and never quotes a contact passage', async () => {
			const body = await json(`/api/projects/${seeded.contacts.recordId}`);
			expect(body.contacts).toEqual([
				{ name: 'Anna Publik', role: 'Projektledare', organisation: 'Borås stad', email: 'anna@example.se', phone: '+46 70 111 11 11' }
			]);
			const all = JSON.stringify(await json('/api/projects'));
			expect(all).not.toContain('Bertil');
			expect(all).not.toContain('222 22 22');
		});

		it('keeps hostile text as data, and no javascript: link', async () => {
			const res = await get(`/api/projects/${seeded.odd.recordId}`);
			const body = await res.json();
			expect(body.title).toBe(ODD);
			expect(body.partners).toEqual(['-2+3', ODD]);
			expect(body.sources[0]).toMatchObject({ title: ODD, url: null });
		});
	});

	describe('GET /api/schema.json', () => {
		it('is derived from the registry and every served project satisfies it', async () => {
			const res = await get('/api/schema.json');
			expect(res.headers.get('content-type')).toMatch(/^application\/schema\+json/);
			const schema = await res.json();
			const publicKeys = FIELDS.filter((f) => f.public || f.kind === 'contacts').map((f) => f.key);
			expect(Object.keys(schema.properties)).toEqual(['id', 'version', 'approvedAt', ...publicKeys, 'sources']);
			expect(schema.properties.owner['x-labels']).toEqual({
				en: 'Project owner',
				sv: 'Projektägare',
				no: 'Prosjekteier',
				da: 'Projektejer'
			});
			const { projects } = await json('/api/projects');
			for (const p of projects) expect(validate(schema, p), p.title).toEqual([]);
			// The check can fail: a project with a private contact flag or a bad currency does not pass.
			expect(validate(schema, { ...projects[0], amount: { value: 1, currency: 'kr' } })).not.toEqual([]);
			expect(
				validate(schema, {
					...projects[0],
					contacts: [{ name: 'x', role: null, organisation: null, email: null, phone: null, public: false }]
				})
			).not.toEqual([]);
		});
	});

	describe('GET /api/projects.csv', () => {
		it('streams UTF-8 with a BOM, one row per project, the same values as the JSON', async () => {
			const res = await get('/api/projects.csv');
			expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
			expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="samla-projects\.csv"/);
			const bytes = new Uint8Array(await res.arrayBuffer());
			expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)));
			const [header, ...body] = rows;
			expect(header.slice(0, 4)).toEqual(['id', 'version', 'approvedAt', 'title']);
			expect(body).toHaveLength(4);
			const { projects } = await json('/api/projects');
			const col = (row: string[], name: string) => row[header.indexOf(name)];
			for (const p of projects) {
				const row = body.find((r) => r[0] === p.id)!;
				expect(col(row, 'version')).toBe(String(p.version));
				expect(col(row, 'amount')).toBe(p.amount ? String(p.amount.value) : '');
				expect(col(row, 'amountCurrency')).toBe(p.amount?.currency ?? '');
				if (p.id === seeded.odd.recordId) continue; // its formulas are neutralised: the next test
				for (const key of ['title', 'owner', 'funder', 'programme', 'startDate', 'country', 'summary'])
					expect(col(row, key)).toBe(p[key] ?? '');
				for (const key of ['regions', 'partners', 'themes']) expect(col(row, key)).toBe(p[key].join('; '));
			}
		});

		it('neutralises formulas and keeps markup, quotes, newlines and emoji as text', async () => {
			const rows = parseCsv((await (await get('/api/projects.csv')).text()).replace(/^\uFEFF/, ''));
			const header = rows[0];
			const odd = rows.find((r) => r[0] === seeded.odd.recordId)!;
			const col = (name: string) => odd[header.indexOf(name)];
			expect(col('title')).toBe(`'${ODD}`);
			expect(col('reference')).toBe(`'@${ODD}`);
			expect(col('owner')).toBe(`'+${ODD}`);
			expect(col('funder')).toBe(`'-${ODD}`);
			expect(col('programme')).toBe(`'\t${ODD}`);
			expect(col('summary')).toBe(`'\r${ODD}`);
			expect(col('partners')).toBe(`'-2+3; ${ODD}`);
			expect(col('contacts')).toBe('');
			const contactsRow = rows.find((r) => r[0] === seeded.contacts.recordId)!;
			expect(contactsRow[header.indexOf('contacts')]).toBe('Anna Publik, Projektledare, Borås stad, anna@example.se, +46 70 111 11 11');
			expect(rows.flat().join()).not.toContain('Bertil');
		});

		it('takes the same filters', async () => {
			const rows = parseCsv((await (await get('/api/projects.csv?country=NO')).text()).replace(/^\uFEFF/, ''));
			expect(rows).toHaveLength(2);
			expect(rows[1][3]).toBe('Grønn omstilling i Tromsø');
			expect((await get('/api/projects.csv?country=Norway')).status).toBe(400);
		});
	});

	describe('caching', () => {
		it('answers 304 to a matching If-None-Match or If-Modified-Since, and changes when the data does', async () => {
			const first = await get('/api/projects?country=SE');
			const etag = first.headers.get('etag')!;
			const lastModified = first.headers.get('last-modified')!;
			expect(etag).toMatch(/^W\/".+"$/);
			expect(new Date(lastModified).toISOString()).toBe('2025-03-10T10:00:00.000Z');

			const again = await get('/api/projects?country=SE', { 'if-none-match': etag });
			expect(again.status).toBe(304);
			expect(again.headers.get('etag')).toBe(etag);
			expect(again.headers.get('access-control-allow-origin')).toBe('*');
			expect(await again.text()).toBe('');
			expect((await get('/api/projects?country=SE', { 'if-none-match': `"other", ${etag}` })).status).toBe(304);
			expect((await get('/api/projects?country=SE', { 'if-none-match': '"other"' })).status).toBe(200);
			expect((await get('/api/projects?country=SE', { 'if-modified-since': lastModified })).status).toBe(304);
			expect((await get('/api/projects?country=SE', { 'if-modified-since': new Date('2025-03-09').toUTCString() })).status).toBe(200);
			// Another query is another resource.
			expect((await get('/api/projects?country=NO')).headers.get('etag')).not.toBe(etag);
			expect((await get('/api/projects.csv', { 'if-none-match': etag })).status).toBe(200);
			const csv = await get('/api/projects.csv');
			expect((await get('/api/projects.csv', { 'if-none-match': csv.headers.get('etag')! })).status).toBe(304);
			const schema = await get('/api/schema.json');
			expect((await get('/api/schema.json', { 'if-none-match': schema.headers.get('etag')! })).status).toBe(304);

			const published = await createApproved(app().sql, {
				record: { title: 'Nytt projekt', country: 'SE' },
				approvedAt: new Date('2025-04-01T08:00:00Z')
			});
			const after = await get('/api/projects?country=SE', { 'if-none-match': etag, 'if-modified-since': lastModified });
			expect(after.status).toBe(200);
			expect(after.headers.get('etag')).not.toBe(etag);
			expect(new Date(after.headers.get('last-modified')!).toISOString()).toBe('2025-04-01T08:00:00.000Z');
			expect((await after.json()).projects.map((p: { id: string }) => p.id)).toContain(published.recordId);
		});

		it('never labels a search with a version newer than its answer, so revalidating cannot keep an older one', async () => {
			const path = '/api/projects?q=solkraft';
			await createApproved(app().sql, { record: { title: 'Solkraft i Kiruna', country: 'SE' } });
			await searchable(app().server.url, 'solkraft');
			const first = await get(path);
			expect((await first.json()).total).toBe(1);
			// Within the second in which PostgreSQL's index does not poll the database again.
			await createApproved(app().sql, { record: { title: 'Solkraft i Luleå', country: 'SE' } });
			const second = await get(path, { 'if-none-match': first.headers.get('etag')! });
			expect(second.status).toBe(200);
			expect(second.headers.get('etag')).not.toBe(first.headers.get('etag'));
			expect((await second.json()).total).toBe(2);
		});
	});
});
