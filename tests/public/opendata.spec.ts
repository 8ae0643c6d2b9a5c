/**
 * The public view as an open-data service, against the real server: organisations (with a
 * merge and a split of two name variants), the XLSX read back by a parser, the licence in
 * every answer, the DCAT-AP catalogue expanded as JSON-LD, the sitemap and the statistics.
 */
import ExcelJS from 'exceljs';
import jsonld from 'jsonld';
import { desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGS } from '../../src/lib/i18n/lang';
import { EUR_RATES } from '../../src/lib/records/eur-rates';
import { mergeOrganisations, splitOrganisation } from '../../src/lib/server/public/organisation-aliases';
import { createApproved, type Approved } from '../helpers/approved';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { parseCsv } from './csv-parse';
import { ODD, searchable, seedPublic, type Seeded } from './fixtures';

const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';

describeServerEachDialect('the open-data service', {}, (app) => {
	let seeded: Seeded;
	let regional: Approved;
	let unknownAmount: Approved;

	beforeAll(async () => {
		seeded = await seedPublic(app().sql);
		// A second spelling of Region Skåne as owner, and the first spelling (without the å) as partner.
		regional = await createApproved(app().sql, {
			record: {
				title: 'Regional kompetensplattform',
				owner: 'Region Skåne, Regional utveckling',
				partners: ['Region Skane', 'Lunds universitet'],
				funder: 'Tillväxtverket',
				programme: 'Regionalfonden',
				amount: { value: 2_500_000, currency: 'SEK' },
				startDate: '2025-02-01',
				endDate: '2027-01-31',
				country: 'SE'
			},
			approvedAt: new Date('2025-04-01T10:00:00Z')
		});
		// Iceland's only project states no amount: its group must not be drawn as "0 EUR".
		unknownAmount = await createApproved(app().sql, {
			record: {
				title: 'Fiskveiðar framtíðarinnar',
				owner: 'Háskóli Íslands',
				country: 'IS',
				startDate: '2025-05-01',
				programme: 'Nordplus'
			},
			approvedAt: new Date('2025-05-02T10:00:00Z')
		});
		await searchable(app().server.url, 'islands');
	});

	const get = (path: string, init: RequestInit = {}) => fetch(`${app().server.url}${path}`, { redirect: 'manual', ...init });
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const json = async (path: string): Promise<any> => {
		const res = await get(path);
		expect(res.status, path).toBe(200);
		return res.json();
	};

	describe('organisations', () => {
		it('lists every owner and partner of a public project once per spelling, folded, never a rejected one', async () => {
			const body = await json('/api/organisations?limit=500');
			const names = body.organisations.map((o: { name: string }) => o.name);
			expect(names).toEqual(
				expect.arrayContaining([
					'Region Skåne',
					'Region Skåne, Regional utveckling',
					'Lunds universitet',
					'Malmö stad',
					'Tromsø kommune',
					'Borås stad'
				])
			);
			// "Region Skane" folds to the same organisation as "Region Skåne".
			expect(names.filter((n: string) => n.startsWith('Region Sk'))).toHaveLength(2);
			const skane = body.organisations.find((o: { name: string }) => o.name === 'Region Skåne');
			expect(skane).toMatchObject({ slug: 'region-skane', projects: 2, owned: 1, partnered: 1, variants: [] });
			expect(body.organisations.find((o: { name: string }) => o.name === 'Lunds universitet').projects).toBe(2);
			expect(body.licence).toEqual({ id: 'CC-BY-4.0', name: 'Creative Commons Attribution 4.0 International', url: CC_BY });
			const found = await json(`/api/organisations?q=${encodeURIComponent('tromso')}`);
			expect(found.organisations.map((o: { name: string }) => o.name)).toEqual(['Tromsø kommune']);
		});

		it('answers one organisation with its projects, roles, periods, funders and totals per currency and in euro', async () => {
			const o = await json('/api/organisations/region-skane');
			expect(o).toMatchObject({ name: 'Region Skåne', projectCount: 2, owned: 1, partnered: 1, page: 1, pageCount: 1 });
			expect(o.projects.map((p: { title: string; roles: string[] }) => [p.title, p.roles])).toEqual([
				['Regional kompetensplattform', ['partner']],
				['Kompetenslyft Skåne', ['owner']]
			]);
			expect(o.projects[1]).toMatchObject({
				funder: 'Svenska ESF-rådet',
				startDate: '2024-01-15',
				endDate: '2026-12-31',
				amount: { value: 12_000_000, currency: 'SEK' }
			});
			expect(o.totals.byCurrency).toEqual([{ currency: 'SEK', value: 14_500_000, projects: 2 }]);
			expect(o.totals.eur).toBeCloseTo(14_500_000 / EUR_RATES.SEK, 2);
			expect(o.totals.eurRatesDate).toBe('2024-12-31');
			expect((await get('/api/organisations/no-such-organisation')).status).toBe(404);
		});

		it('joins two name variants when an approver merges them, audited, and splits them again', async () => {
			const before = await json('/api/organisations/region-skane');
			const merged = await mergeOrganisations(app().sql, 'region-skane', ['region-skane-regional-utveckling'], null);
			expect(merged).toMatchObject({ ok: true, into: 'Region Skåne' });

			const o = await json('/api/organisations/region-skane');
			expect(o.variants).toEqual(['Region Skåne, Regional utveckling']);
			// The project naming both spellings is listed once, in both roles.
			expect(o.projectCount).toBe(2);
			expect(o.projects.find((p: { title: string }) => p.title === 'Regional kompetensplattform').roles).toEqual(['owner', 'partner']);
			expect(o.owned).toBe(2);
			const variant = await get('/api/organisations/region-skane-regional-utveckling');
			expect(variant.status).toBe(308);
			expect(variant.headers.get('location')).toBe('/api/organisations/region-skane');
			const page = await get('/organisations/region-skane-regional-utveckling');
			expect(page.status).toBe(308);
			expect(page.headers.get('location')).toBe('/organisations/region-skane');
			const list = await json('/api/organisations?q=regional+utveckling');
			expect(list.organisations.map((x: { name: string }) => x.name)).toEqual(['Region Skåne']);
			const { db, t } = app().sql;
			const [entry] = await db.select().from(t.auditLog).where(eq(t.auditLog.action, 'organisation.merged')).orderBy(desc(t.auditLog.id));
			expect(entry).toMatchObject({
				targetId: 'region-skane',
				detail: { into: 'Region Skåne', merged: [{ slug: 'region-skane-regional-utveckling' }] }
			});
			// The project page links the merged spelling to the organisation it belongs to.
			const html = await (await get(`/projects/${regional.recordId}`)).text();
			expect(html).toContain('href="/organisations/region-skane"');
			expect(html).not.toContain('href="/organisations/region-skane-regional-utveckling"');

			expect(await splitOrganisation(app().sql, 'region-skane-regional-utveckling', null)).toMatchObject({ ok: true });
			expect(await json('/api/organisations/region-skane')).toEqual(before);
			expect((await get('/api/organisations/region-skane-regional-utveckling')).status).toBe(200);
			expect(await db.select().from(t.auditLog).where(eq(t.auditLog.action, 'organisation.split'))).toHaveLength(1);
			expect(await splitOrganisation(app().sql, 'region-skane-regional-utveckling', null)).toMatchObject({
				ok: false,
				refusal: { status: 400 }
			});
			expect(await mergeOrganisations(app().sql, 'region-skane', ['nobody'], null)).toMatchObject({ ok: false, refusal: { status: 404 } });
		});

		it('shows the organisation page with its projects, totals and schema.org JSON-LD; project pages link their organisations', async () => {
			const html = await (await get('/organisations/region-skane?lang=en')).text();
			expect(html).toContain('Region Skåne');
			expect(html).toContain(`href="/projects/${seeded.skane.recordId}?lang=en"`);
			expect(html).toMatch(/14,500,000 SEK/);
			const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]);
			expect(ld).toMatchObject({
				'@context': 'https://schema.org',
				'@type': 'Organization',
				name: 'Region Skåne',
				url: `${app().server.url}/organisations/region-skane`
			});
			expect(html).toContain('<title>Region Skåne · Samla</title>');
			expect(html).toContain(`<link rel="canonical" href="${app().server.url}/organisations/region-skane"`);
			expect(html).toContain(`hreflang="sv" href="${app().server.url}/organisations/region-skane?lang=sv"`);
			expect(html).toContain('<meta property="og:type" content="profile"');
			expect(html).toContain('<meta property="og:locale" content="en"');

			const project = await (await get(`/projects/${seeded.skane.recordId}`)).text();
			expect(project).toContain('href="/organisations/region-skane"');
			expect(project).toContain('href="/organisations/lunds-universitet"');
			const pld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(project)![1]);
			expect(pld).toMatchObject({
				'@type': 'Project',
				name: 'Kompetenslyft Skåne',
				parentOrganization: { name: 'Region Skåne', url: `${app().server.url}/organisations/region-skane` }
			});
			expect(pld.funding.amount).toEqual({ '@type': 'MonetaryAmount', value: 12_000_000, currency: 'SEK' });
			// Markup in a value cannot close the JSON-LD script.
			const odd = await (await get(`/projects/${seeded.odd.recordId}`)).text();
			expect(odd).not.toContain('<script>alert');
		});

		it('exports the organisations as CSV and XLSX with the formula guard', async () => {
			const csv = parseCsv((await (await get('/api/organisations.csv')).text()).replace(/^\uFEFF/, ''));
			expect(csv[0]).toEqual(['name', 'variants', 'projects', 'owner', 'partner', 'amountEur', 'url']);
			const skane = csv.find((r) => r[0] === 'Region Skåne')!;
			expect(skane.slice(2, 5)).toEqual(['2', '1', '1']);
			expect(skane[6]).toBe(`${app().server.url}/organisations/region-skane`);
			const odd = csv.find((r) => r[0].includes('cmd|'))!;
			expect(odd[0]).toBe(`'+${ODD}`);

			const book = new ExcelJS.Workbook();
			await book.xlsx.load(Buffer.from(await (await get('/api/organisations.xlsx')).arrayBuffer()) as unknown as ArrayBuffer);
			const sheet = book.getWorksheet('Organisations')!;
			const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
			const row = rows.find((r) => r[1] === 'Region Skåne')!;
			expect(row[3]).toBe(2);
			expect(typeof row[6]).toBe('number');
			expect(rows.find((r) => String(r[1]).includes('cmd|'))![1]).toBe(`'+${ODD}`);
		});
	});

	describe('GET /api/projects.xlsx', () => {
		async function workbook(path: string) {
			const res = await get(path);
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
			expect(res.headers.get('link')).toContain(`<${CC_BY}>; rel="license"`);
			const book = new ExcelJS.Workbook();
			await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
			return book;
		}

		it('has a row per matching project with typed cells, the same filters as the page, and a licence sheet', async () => {
			const book = await workbook('/api/projects.xlsx?country=SE');
			const sheet = book.getWorksheet('Projects')!;
			const header = (sheet.getRow(1).values as unknown[]).slice(1);
			expect(header.slice(0, 4)).toEqual(['id', 'version', 'approvedAt', 'title']);
			expect(header).toEqual(expect.arrayContaining(['amount', 'amountCurrency', 'amountEur', 'startDate', 'sources']));
			expect(header).not.toContain('public');
			const col = (name: string) => header.indexOf(name) + 1;
			const rows = [];
			for (let i = 2; i <= sheet.rowCount; i++) rows.push(sheet.getRow(i));
			const ids = rows.map((r) => r.getCell(col('id')).value);
			expect(ids.sort()).toEqual([seeded.skane.recordId, seeded.contacts.recordId, seeded.odd.recordId, regional.recordId].sort());
			const skane = rows.find((r) => r.getCell(col('id')).value === seeded.skane.recordId)!;
			expect(skane.getCell(col('amount')).value).toBe(12_000_000);
			expect(skane.getCell(col('amount')).type).toBe(ExcelJS.ValueType.Number);
			expect(skane.getCell(col('amountCurrency')).value).toBe('SEK');
			expect(skane.getCell(col('amountEur')).value).toBeCloseTo(12_000_000 / EUR_RATES.SEK, 4);
			expect(skane.getCell(col('cofinancingRate')).value).toBe(0.4);
			expect(skane.getCell(col('startDate')).value).toEqual(new Date('2024-01-15T00:00:00Z'));
			expect(skane.getCell(col('startDate')).numFmt).toBe('yyyy-mm-dd');
			expect(skane.getCell(col('approvedAt')).value).toEqual(new Date('2025-03-10T10:00:00Z'));
			expect(skane.getCell(col('partners')).value).toBe('Lunds universitet; Malmö stad');
			const odd = rows.find((r) => r.getCell(col('id')).value === seeded.odd.recordId)!;
			expect(odd.getCell(col('title')).value).toBe(`'${ODD}`);
			expect(odd.getCell(col('owner')).value).toBe(`'+${ODD}`);
			expect(odd.getCell(col('funder')).value).toBe(`'-${ODD}`);
			expect(odd.getCell(col('programme')).value).toBe(`'\t${ODD}`);
			expect(odd.getCell(col('partners')).value).toBe(`'-2+3; ${ODD}`);
			// No contact an approver did not make public.
			for (const r of rows) expect(String(r.getCell(col('contacts')).value ?? '')).not.toContain('Bertil');
			const licence = book.getWorksheet('Licence')!;
			expect(licence.getRow(2).getCell(2).value).toBe(CC_BY);
			expect(licence.getRow(1).getCell(2).value).toBe('Creative Commons Attribution 4.0 International');
		});

		it('searches by words like the page and refuses a filter it cannot read', async () => {
			const book = await workbook('/api/projects.xlsx?q=tromso');
			expect(book.getWorksheet('Projects')!.rowCount).toBe(2);
			expect((await get('/api/projects.xlsx?year=soon')).status).toBe(400);
		});
	});

	describe('the data licence', () => {
		const answers = [
			'/api/projects',
			'/api/projects.csv',
			'/api/projects.xlsx',
			'/api/schema.json',
			'/api/organisations',
			'/api/organisations/region-skane',
			'/api/organisations.csv',
			'/api/organisations.xlsx',
			'/api/catalog.jsonld',
			'/api/stats/country.csv',
			'/sitemap.xml'
		];

		it('is named in a Link header of every open-data answer, 304s included', async () => {
			const project = `/api/projects/${seeded.skane.recordId}`;
			for (const path of [...answers, project]) {
				const res = await get(path);
				expect(res.status, path).toBe(200);
				expect(res.headers.get('link'), path).toContain(`<${CC_BY}>; rel="license"`);
				await res.arrayBuffer();
				const again = await get(path, { headers: { 'if-none-match': res.headers.get('etag')! } });
				expect(again.status, path).toBe(304);
				expect(again.headers.get('link'), path).toContain(`<${CC_BY}>; rel="license"`);
			}
			expect((await json('/api/projects')).licence.url).toBe(CC_BY);
		});

		it('is in the body of every answer that has room for it: JSON lists and single organisations, both spreadsheets, the catalog', async () => {
			for (const path of ['/api/projects', '/api/organisations', '/api/organisations/region-skane'])
				expect((await json(path)).licence, path).toEqual({
					id: 'CC-BY-4.0',
					name: 'Creative Commons Attribution 4.0 International',
					url: CC_BY
				});
			for (const path of ['/api/projects.xlsx', '/api/organisations.xlsx']) {
				const book = new ExcelJS.Workbook();
				await book.xlsx.load((await (await get(path)).arrayBuffer()) as ArrayBuffer);
				const sheet = book.getWorksheet('Licence');
				expect(sheet, path).toBeDefined();
				expect([sheet!.getRow(1).getCell(2).value, sheet!.getRow(2).getCell(2).value], path).toEqual([
					'Creative Commons Attribution 4.0 International',
					CC_BY
				]);
			}
			expect(JSON.stringify(await json('/api/catalog.jsonld'))).toContain(CC_BY);
		});

		it('is in the footer of every public page', async () => {
			for (const path of ['/', '/stats', '/organisations', '/organisations/region-skane', `/projects/${seeded.skane.recordId}`]) {
				const html = await (await get(path)).text();
				expect(html, path).toMatch(new RegExp(`<a href="${CC_BY}" rel="license"[^>]*>Creative Commons Attribution 4.0 International</a>`));
			}
		});
	});

	describe('GET /api/catalog.jsonld', () => {
		const DCAT = 'http://www.w3.org/ns/dcat#';
		const DCT = 'http://purl.org/dc/terms/';
		const FOAF = 'http://xmlns.com/foaf/0.1/';

		it('expands as JSON-LD into a DCAT-AP catalogue with its dataset and distributions', async () => {
			const res = await get('/api/catalog.jsonld');
			expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
			const doc = await res.json();
			// No remote context: a harvester, or this test, needs no network.
			const expanded = (await jsonld.expand(doc)) as Record<string, { '@id'?: string; '@value'?: string; '@type'?: string[] }[]>[];
			// Without a context, flatten answers the node list in expanded form.
			const graph = (await jsonld.flatten(doc)) as unknown as Record<string, unknown[]>[];
			expect(expanded).toHaveLength(1);
			const ofType = (t: string) =>
				graph.filter((n) => (n['@type'] as string[] | undefined)?.includes(t)) as Record<string, { '@id'?: string }[]>[];
			const [cat] = ofType(`${DCAT}Catalog`);
			for (const p of [`${DCT}title`, `${DCT}description`, `${DCT}publisher`, `${DCAT}dataset`, `${DCT}license`])
				expect(cat[p], p).toBeDefined();
			// One language per language the pages are published in, Danish included.
			expect(cat[`${DCT}language`].map((l) => l['@id'])).toEqual(
				['ENG', 'SWE', 'NOR', 'DAN'].map((code) => `http://publications.europa.eu/resource/authority/language/${code}`)
			);
			expect(cat[`${DCT}language`]).toHaveLength(LANGS.length);
			const [dataset] = ofType(`${DCAT}Dataset`);
			for (const p of [
				`${DCT}title`,
				`${DCT}description`,
				`${DCAT}distribution`,
				`${DCT}publisher`,
				`${DCAT}contactPoint`,
				`${DCT}license`,
				`${DCAT}keyword`,
				`${DCAT}theme`
			]) {
				expect(dataset[p], p).toBeDefined();
			}
			expect(dataset[`${DCT}spatial`]).toEqual(
				expect.arrayContaining([{ '@id': 'http://publications.europa.eu/resource/authority/country/SWE' }])
			);
			const distributions = ofType(`${DCAT}Distribution`);
			expect(distributions.length).toBe(dataset[`${DCAT}distribution`].length);
			const urls = distributions.map((d) => d[`${DCAT}accessURL`][0]['@id']!);
			expect(urls).toEqual(
				expect.arrayContaining([
					`${app().server.url}/api/projects.csv`,
					`${app().server.url}/api/projects.xlsx`,
					`${app().server.url}/api/projects`,
					`${app().server.url}/api/organisations.csv`
				])
			);
			for (const d of distributions) {
				for (const p of [`${DCAT}accessURL`, `${DCT}format`, `${DCAT}mediaType`, `${DCT}license`]) expect(d[p], p).toBeDefined();
				expect(d[`${DCT}license`]).toEqual([{ '@id': CC_BY }]);
			}
			const [publisher] = ofType(`${FOAF}Agent`);
			expect(publisher[`${FOAF}name`]).toBeDefined();
			// Every distribution it names answers.
			for (const u of urls) expect((await fetch(u)).status, u).toBe(200);
		});
	});

	describe('sitemap.xml and robots.txt', () => {
		it('lists every public page, project and organisation, and no rejected project', async () => {
			const index = await (await get('/sitemap.xml')).text();
			const parts = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
			expect(parts).toEqual([
				`${app().server.url}/sitemaps/pages.xml`,
				`${app().server.url}/sitemaps/projects-1.xml`,
				`${app().server.url}/sitemaps/organisations-1.xml`
			]);
			const locs = async (u: string) => [...(await (await fetch(u)).text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
			expect(await locs(parts[0])).toEqual([`${app().server.url}/`, `${app().server.url}/organisations`, `${app().server.url}/stats`]);
			const projects = await locs(parts[1]);
			for (const a of [seeded.skane, seeded.tromso, seeded.contacts, seeded.odd, regional, unknownAmount])
				expect(projects).toContain(`${app().server.url}/projects/${a.recordId}`);
			expect(projects).not.toContain(`${app().server.url}/projects/${seeded.rejected.recordId}`);
			expect(await locs(parts[2])).toContain(`${app().server.url}/organisations/region-skane`);
			expect((await get('/sitemaps/projects-2.xml')).status).toBe(404);
			const robots = await (await get('/robots.txt')).text();
			expect(robots).toContain(`Sitemap: ${app().server.url}/sitemap.xml`);
			expect(robots).toContain('Disallow: /workspace');
		});
	});

	describe('/stats', () => {
		it('draws no bar for a group whose amounts are unknown and says beside each bar how many have no amount', async () => {
			const html = await (await get('/stats?lang=en')).text();
			const iceland = /<g data-bar="Iceland" data-empty="true">(.*?)<\/g>/s.exec(html);
			expect(iceland, 'Iceland drawn as a bar').not.toBeNull();
			expect(iceland![1]).not.toContain('<rect');
			expect(iceland![1]).toContain('no amount known');
			expect(iceland![1]).toContain('1 without amount');
			expect(html).not.toMatch(/>\s*0 EUR/);
			const sweden = /<g data-bar="Sweden">(.*?)<\/g>/s.exec(html)![1];
			expect(sweden).toContain('<rect');
			// Kontaktprojektet has no amount.
			expect(sweden).toContain('1 without amount');
			expect(html).toContain('data-chart="chart-year-programme"');
			expect(html).toContain('December 31, 2024');
		});

		it('downloads each chart as CSV with the same figures', async () => {
			const rows = parseCsv((await (await get('/api/stats/country.csv')).text()).replace(/^\uFEFF/, ''));
			expect(rows[0]).toEqual(['country', 'projects', 'projectsWithEurAmount', 'projectsWithoutEurAmount', 'eur', 'asGranted']);
			expect(rows.find((r) => r[0] === 'IS')).toEqual(['IS', '1', '0', '1', '0', '']);
			const yp = parseCsv((await (await get('/api/stats/year-programme.csv')).text()).replace(/^\uFEFF/, ''));
			expect(yp[0][0]).toBe('startYear');
			expect(yp[0]).toContain('other programmes');
			expect(yp.find((r) => r[0] === '2025')).toBeDefined();
			expect((await get('/api/stats/nothing.csv')).status).toBe(404);
		});
	});
});
