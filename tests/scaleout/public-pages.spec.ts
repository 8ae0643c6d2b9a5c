/**
 * A `samla start` process on PostgreSQL + Redis answers every public page and export, and the
 * workspace's organisation list, from PostgreSQL: nothing on them reads SQLite any more.
 */
import { beforeAll, expect, it } from 'vitest';
import { createApproved } from '../helpers/approved';
import { describeCluster } from '../helpers/cluster';
import type { TestServer } from '../helpers/server';
import { useScaleout } from './processes';

describeCluster('the public pages of a samla start process on PostgreSQL', () => {
	const cluster = useScaleout();
	let server: TestServer;
	let recordId: string;
	beforeAll(async () => {
		server = await cluster.start();
		({ recordId } = await createApproved(cluster.sql(), {
			record: {
				title: 'Havsvind i Skagerrak',
				owner: 'Västra Götalandsregionen',
				partners: ['Chalmers tekniska högskola'],
				amount: { value: 200_000, currency: 'EUR' },
				startDate: '2025-02-01',
				country: 'SE',
				programme: 'Interreg'
			}
		}));
	}, 120_000);

	const get = async (path: string, headers: Record<string, string> = {}) => {
		const res = await fetch(`${server.url}${path}`, { headers: { 'accept-language': 'en', ...headers }, redirect: 'manual' });
		return { status: res.status, text: await res.text() };
	};

	it('serves the organisation, project and statistics pages and their open data', async () => {
		const answers = {
			organisations: await get('/organisations?q=chalmers'),
			organisation: await get('/organisations/vastra-gotalandsregionen'),
			project: await get(`/projects/${recordId}`),
			stats: await get('/stats'),
			sitemap: await get('/sitemap.xml'),
			sitemapProjects: await get('/sitemaps/projects-1.xml'),
			sitemapOrganisations: await get('/sitemaps/organisations-1.xml'),
			api: await get('/api/organisations'),
			apiOne: await get('/api/organisations/chalmers-tekniska-hogskola'),
			csv: await get('/api/organisations.csv'),
			xlsx: await get('/api/organisations.xlsx'),
			statsCsv: await get('/api/stats/country.csv'),
			catalog: await get('/api/catalog.jsonld')
		};
		for (const [what, a] of Object.entries(answers)) expect([what, a.status]).toEqual([what, 200]);
		expect(answers.organisations.text).toContain('Chalmers tekniska högskola');
		expect(answers.organisation.text).toContain('Havsvind i Skagerrak');
		expect(answers.project.text).toContain('href="/organisations/chalmers-tekniska-hogskola"');
		expect(answers.stats.text).toContain('Interreg');
		expect(answers.sitemap.text).toContain('/sitemaps/organisations-1.xml');
		expect(answers.sitemapProjects.text).toContain(`/projects/${recordId}`);
		expect(answers.sitemapOrganisations.text).toContain('/organisations/vastra-gotalandsregionen');
		expect((JSON.parse(answers.api.text) as { total: number }).total).toBe(2);
		expect((JSON.parse(answers.apiOne.text) as { projectCount: number }).projectCount).toBe(1);
		expect(answers.csv.text).toContain('Västra Götalandsregionen');
		expect(answers.statsCsv.text).toMatch(/^\uFEFF?country,[^\n]*\r?\nSE,1,1,0,200000,/);
		expect(answers.catalog.text).toContain('/country/SWE');
	});

	it("lists the organisations in the workspace's curation page", async () => {
		const viewer = await cluster.person('editor');
		const res = await get('/workspace/organisations?q=v%C3%A4stra', { cookie: viewer.cookie });
		expect(res.status).toBe(200);
		expect(res.text).toContain('Västra Götalandsregionen');
	});
});
