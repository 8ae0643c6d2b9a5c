/** The organisations, sitemap and funding statistics of the public view, read the same way on both databases. */
import { expect, it } from 'vitest';
import { organisationsCsv } from '../../src/lib/server/public/organisations-csv';
import { mergeOrganisations } from '../../src/lib/server/public/organisation-aliases';
import {
	getOrganisation,
	listOrganisations,
	organisationSlugs,
	searchOrganisations,
	variantsOf
} from '../../src/lib/server/public/organisations';
import { sitemapIndex, sitemapPart } from '../../src/lib/server/public/sitemap';
import { statsCsv } from '../../src/lib/server/public/stats-csv';
import { fundingByYearAndProgramme, fundingStats } from '../../src/lib/server/public/stats';
import { organisationKey } from '../../src/lib/server/public/index-organisations';
import { createApproved, type ApprovedInput } from '../helpers/approved';
import { describeEachDialect } from '../helpers/dialects';

const ORIGIN = 'https://samla.example';

describeEachDialect('the public organisations, sitemap and statistics', (database) => {
	let recordIds: { a: string; b: string; c: string; d: string };

	it('lists each organisation once with its projects, roles and euro total, variants merged', async () => {
		const { sql } = database();
		const publish = async (record: ApprovedInput['record']) => (await createApproved(sql, { record })).recordId;
		recordIds = {
			a: await publish({
				title: 'Alpha',
				owner: 'Region Skåne',
				partners: ['Lunds universitet'],
				amount: { value: 100, currency: 'EUR' },
				startDate: '2020-01-01',
				endDate: '2022-12-31',
				funder: 'EU',
				programme: 'Interreg',
				country: 'SE'
			}),
			b: await publish({
				title: 'Beta',
				owner: 'Lunds universitet',
				amount: { value: 11459, currency: 'SEK' },
				startDate: '2021-05-01',
				programme: 'Horizon',
				country: 'SE'
			}),
			c: await publish({
				title: 'Gamma',
				owner: 'Region Skåne, Regional utveckling',
				partners: ['Region Skåne'],
				startDate: '2023-03-01',
				country: 'NO'
			}),
			d: await publish({ title: 'Delta', owner: 'Nordic Org', amount: { value: 5, currency: 'XXX' as 'EUR' } })
		};
		expect((await searchOrganisations(sql, '')).total).toBe(4);
		expect(await mergeOrganisations(sql, 'region-skane', ['region-skane-regional-utveckling'], null)).toMatchObject({ ok: true });

		const all = await searchOrganisations(sql, '');
		expect(all.items.map((o) => [o.slug, o.projects, o.owned, o.partnered])).toEqual([
			['lunds-universitet', 2, 1, 1],
			['nordic-org', 1, 1, 0],
			['region-skane', 2, 2, 1]
		]);
		const skane = all.items.find((o) => o.slug === 'region-skane')!;
		expect(skane.variants).toEqual(['Region Skåne, Regional utveckling']);
		expect(skane.eur).toBe(100);
		expect(all.items.find((o) => o.slug === 'lunds-universitet')!.eur).toBeCloseTo(1100, 6);
		expect((await listOrganisations(sql)).map((o) => o.slug)).toEqual(all.items.map((o) => o.slug));

		// The variant's words find the organisation it was merged into.
		expect((await searchOrganisations(sql, 'regional utveck')).items.map((o) => o.slug)).toEqual(['region-skane']);
		const paged = await searchOrganisations(sql, '', 2, 2);
		expect([paged.total, paged.page, paged.pageCount, paged.items.map((o) => o.slug)]).toEqual([3, 2, 2, ['region-skane']]);
	});

	it('shows one organisation with its projects newest first, totals per currency, and redirects a variant', async () => {
		const { sql } = database();
		expect(await getOrganisation(sql, 'region-skane-regional-utveckling')).toEqual({ redirect: 'region-skane' });
		expect(await getOrganisation(sql, 'nobody')).toBeNull();

		const lund = await getOrganisation(sql, 'lunds-universitet');
		if (!lund || !('found' in lund)) throw new Error('lunds-universitet not found');
		expect(lund.found.items.map((p) => [p.title, p.roles, p.startDate, p.endDate, p.funder, p.programme, p.amount, p.id])).toEqual([
			['Beta', ['owner'], '2021-05-01', null, null, 'Horizon', { value: 11459, currency: 'SEK' }, recordIds.b],
			['Alpha', ['partner'], '2020-01-01', '2022-12-31', 'EU', 'Interreg', { value: 100, currency: 'EUR' }, recordIds.a]
		]);
		expect(lund.found.totals.byCurrency).toEqual([
			{ currency: 'EUR', value: 100, projects: 1 },
			{ currency: 'SEK', value: 11459, projects: 1 }
		]);
		expect(lund.found.totals.converted).toBe(2);
		expect(lund.found.totals.eur).toBeCloseTo(1100, 6);

		const skane = await getOrganisation(sql, 'region-skane', 2, 1);
		if (!skane || !('found' in skane)) throw new Error('region-skane not found');
		expect(skane.found).toMatchObject({
			projects: 2,
			owned: 2,
			partnered: 1,
			page: 2,
			pageCount: 2,
			variants: ['Region Skåne, Regional utveckling']
		});
		expect(skane.found.items.map((p) => [p.title, p.roles])).toEqual([['Alpha', ['owner']]]);
		const first = await getOrganisation(sql, 'region-skane');
		if (!first || !('found' in first)) throw new Error('region-skane not found');
		// Named by the variant as owner and by the organisation as partner: one project, in both roles.
		expect(first.found.items[0]).toMatchObject({ title: 'Gamma', roles: ['owner', 'partner'], amount: null, amountEur: null });
	});

	it("links a project's organisations to their pages, a merged variant to its organisation, and lists the variants", async () => {
		const { sql } = database();
		const slugs = await organisationSlugs(sql, recordIds.c);
		expect(Object.fromEntries(slugs)).toEqual({
			[organisationKey('Region Skåne, Regional utveckling')]: 'region-skane',
			[organisationKey('Region Skåne')]: 'region-skane'
		});
		expect((await organisationSlugs(sql, 'no-such-record')).size).toBe(0);
		const variants = await variantsOf(sql, ['region-skane', 'lunds-universitet']);
		expect(Object.fromEntries(variants)).toEqual({
			'region-skane': [{ slug: 'region-skane-regional-utveckling', name: 'Region Skåne, Regional utveckling' }]
		});
		expect((await variantsOf(sql, [])).size).toBe(0);
	});

	it('exports the organisations as CSV', async () => {
		const { sql } = database();
		const csv = await organisationsCsv(sql, ORIGIN);
		const lines = csv
			.replace(/^\uFEFF/, '')
			.trim()
			.split(/\r?\n/);
		expect(lines).toHaveLength(4);
		expect(lines[3]).toContain(`${ORIGIN}/organisations/region-skane`);
	});

	it('lists every project and organisation in the sitemap parts', async () => {
		const { sql } = database();
		const index = await sitemapIndex(sql, ORIGIN, new Date('2026-01-01T00:00:00Z'));
		expect([...index.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1])).toEqual([
			`${ORIGIN}/sitemaps/pages.xml`,
			`${ORIGIN}/sitemaps/projects-1.xml`,
			`${ORIGIN}/sitemaps/organisations-1.xml`
		]);
		const projects = (await sitemapPart(sql, ORIGIN, 'projects-1'))!;
		expect([...projects.matchAll(/<loc>[^<]*\/projects\/([^<]*)<\/loc><lastmod>\d{4}-/g)].map((m) => m[1])).toEqual([
			recordIds.a,
			recordIds.b,
			recordIds.c,
			recordIds.d
		]);
		expect(await sitemapPart(sql, ORIGIN, 'organisations-1')).toContain(`${ORIGIN}/organisations/nordic-org`);
		expect(await sitemapPart(sql, ORIGIN, 'pages')).toContain(`${ORIGIN}/stats`);
		expect(await sitemapPart(sql, ORIGIN, 'projects-2')).toBeNull();
		expect(await sitemapPart(sql, ORIGIN, 'organisations-2')).toBeNull();
		expect(await sitemapPart(sql, ORIGIN, 'nothing')).toBeNull();
	});

	it('sums the funding by country, programme and year, and again after a publication', async () => {
		const { sql } = database();
		const stats = await fundingStats(sql);
		expect(stats.byCountry.map((r) => [r.key, r.projects, r.converted, Math.round(r.eur)])).toEqual([
			['SE', 2, 2, 1100],
			['NO', 1, 0, 0],
			[null, 1, 0, 0]
		]);
		expect(stats.byCountry[0].original).toEqual([
			{ value: 11459, currency: 'SEK' },
			{ value: 100, currency: 'EUR' }
		]);
		expect(stats.byYear.map((r) => [r.key, r.projects])).toEqual([
			['2020', 1],
			['2021', 1],
			['2023', 1],
			[null, 1]
		]);
		const yp = await fundingByYearAndProgramme(sql);
		expect(yp.programmes).toEqual(['Horizon', 'Interreg', null]);
		expect(yp.rows.map((r) => [r.year, r.eur.map(Math.round), r.projects])).toEqual([
			['2020', [0, 100, 0], 1],
			['2021', [1000, 0, 0], 1],
			['2023', [0, 0, 0], 1],
			[null, [0, 0, 0], 1]
		]);
		const csv = await statsCsv(sql, 'programme');
		expect(csv.replace(/^\uFEFF/, '').split(/\r?\n/)[1]).toMatch(/^Horizon,1,1,0,1000(\.\d+)?,11459 SEK$/);

		await createApproved(sql, {
			record: { title: 'Epsilon', amount: { value: 50, currency: 'EUR' }, country: 'SE', startDate: '2020-06-01' }
		});
		expect((await fundingStats(sql)).byCountry[0]).toMatchObject({ key: 'SE', projects: 3, converted: 3 });
		expect((await fundingByYearAndProgramme(sql)).rows[0]).toMatchObject({ year: '2020', projects: 2 });
	});
});
