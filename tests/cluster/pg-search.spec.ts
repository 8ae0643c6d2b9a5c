/**
 * PostgreSQL's full-text public search (pg-search.ts) against SQLite mode's (search.ts) on the
 * same projects: published in SQLite through publishVersion, copied with their ids to
 * PostgreSQL, searched on both.
 *
 * Where they may differ: the order by relevance. FTS5 ranks with BM25 (rarer words and
 * shorter fields count more), PostgreSQL with ts_rank (how often the words occur, by
 * weight), both with the registry's field weights; so relevance is compared as the same set
 * and the same first project where one project plainly ranks above the rest (the words in its
 * title), not as the same order. Every other sort orders by a column with the id as the tie
 * breaker and is compared page by page.
 */
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ProjectRecord } from '../../src/lib/records/fields';
import type { PublicRecord } from '../../src/lib/records/public-record';
import { migratePgDatabase, openPgDatabase, type PgDb } from '../../src/lib/server/db/pg-client';
import { pgSql, type Sql } from '../../src/lib/server/db/sql';
import { unpublishRecord } from '../../src/lib/server/public/index-projects';
import { searchDocument, searchProjectsPg, tsQuery, writeSearchDocument } from '../../bench/pg-search-query';
import { parseQuery } from '../../src/lib/server/public/query';
import { searchProjects, type SearchResult } from '../../src/lib/server/public/search';
import { createApproved } from '../helpers/approved';
import { describeCluster, useTestDatabase } from '../helpers/cluster';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { copyPublicToPg } from '../helpers/public-pg';
import { seededRng } from '../helpers/rng';
import { asSql } from '../helpers/users';

const MIGRATIONS = join(import.meta.dirname, '../../drizzle/pg');

/** Projects in Swedish, Norwegian, Danish and English, with the letters folding is about. */
const NAMED: Partial<ProjectRecord>[] = [
	{
		title: 'Grønn omstilling i Tromsø',
		owner: 'Tromsø kommune',
		country: 'NO',
		regions: ['Troms'],
		startDate: '2023-09-01',
		amount: { value: 4_000_000, currency: 'NOK' }
	},
	{
		title: 'Ærø Energi',
		owner: 'Ærø Kommune',
		country: 'DK',
		regions: ['Syddanmark'],
		startDate: '2024-03-01',
		amount: { value: 7_000_000, currency: 'DKK' }
	},
	{
		title: 'Kompetenslyft Skåne',
		owner: 'Region Skåne',
		country: 'SE',
		regions: ['Skåne'],
		startDate: '2024-01-15',
		amount: { value: 12_000_000, currency: 'SEK' }
	},
	{
		title: 'Grenzenlose Straße',
		owner: 'Nordisk ministerråd',
		partners: ['Fußweg GmbH'],
		country: 'DK',
		regions: ['Hovedstaden'],
		startDate: '2022-05-01',
		amount: null
	},
	{
		title: 'Digital kompetens i Göteborg',
		owner: 'Göteborgs stad',
		partners: ['Chalmers'],
		country: 'SE',
		regions: ['Västra Götaland'],
		startDate: '2024-06-01',
		amount: { value: 900_000, currency: 'SEK' }
	},
	{
		title: 'Skills for a Green North',
		owner: 'Highlands College Ltd',
		country: 'NO',
		regions: ['Nordland', 'Troms'],
		startDate: null,
		amount: { value: 80_000, currency: 'EUR' }
	},
	{
		title: 'K',
		owner: 'Kommunen K',
		summary: 'Ett projekt med en bokstav som namn.',
		country: 'SE',
		regions: ['Skåne'],
		startDate: '2021-01-01',
		amount: null
	},
	{
		title: 'Velferd og kompetanse i Bodø',
		owner: 'Bodø kommune',
		country: 'NO',
		regions: ['Nordland'],
		startDate: '2023-01-01',
		amount: { value: 2_500_000, currency: 'NOK' }
	},
	{
		title: 'Café Økologi',
		owner: 'Økologisk Landsforening',
		country: 'DK',
		regions: ['Midtjylland'],
		startDate: '2025-02-01',
		amount: { value: 300_000, currency: 'DKK' }
	}
];

const WORDS = {
	sv: ['kompetens', 'omställning', 'samverkan', 'ungdomar', 'vård', 'hållbar', 'innovation', 'grön'],
	no: ['kompetanse', 'bærekraft', 'næringsliv', 'opplæring', 'havbruk', 'grønn', 'innovasjon', 'skole'],
	da: ['kompetence', 'bæredygtig', 'erhverv', 'uddannelse', 'grøn', 'sundhed', 'innovation', 'fællesskab'],
	en: ['skills', 'green', 'transition', 'innovation', 'health', 'youth', 'training', 'partnership']
};
const PLACES = {
	sv: { country: 'SE', currency: 'SEK', regions: ['Skåne', 'Västra Götaland', 'Norrbotten'], owner: ['kommun', 'AB', 'universitet'] },
	no: { country: 'NO', currency: 'NOK', regions: ['Troms', 'Nordland', 'Vestland'], owner: ['kommune', 'AS', 'fylkeskommune'] },
	da: { country: 'DK', currency: 'DKK', regions: ['Syddanmark', 'Hovedstaden', 'Midtjylland'], owner: ['Kommune', 'ApS', 'A/S'] },
	en: { country: 'NO', currency: 'EUR', regions: ['Vestland', 'Troms'], owner: ['Ltd', 'College', 'Trust'] }
};

/** Made-up projects from a seeded generator, so the set is the same on every run. */
function generated(count: number): Partial<ProjectRecord>[] {
	const r = seededRng(13);
	const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
	const langs = Object.keys(WORDS) as (keyof typeof WORDS)[];
	return Array.from({ length: count }, (_, i) => {
		const lang = langs[i % langs.length];
		const place = PLACES[lang];
		const w = () => pick(WORDS[lang]);
		const year = 2019 + Math.floor(r() * 7);
		return {
			title: `${w()} ${w()} ${i}`,
			owner: `${pick(['Nord', 'Syd', 'Øst', 'Väst', 'Mid'])}${pick(['by', 'vik', 'ås', 'holm'])} ${pick(place.owner)}`,
			partners: r() < 0.5 ? [`${w()} ${pick(place.owner)}`] : [],
			summary: Array.from({ length: 12 }, w).join(' '),
			country: place.country,
			regions: [pick(place.regions)],
			startDate: r() < 0.85 ? `${year}-0${1 + Math.floor(r() * 9)}-01` : null,
			amount: r() < 0.8 ? { value: Math.round(10 ** (4.5 + r() * 3)), currency: place.currency } : null
		};
	});
}

describeCluster('public search on PostgreSQL full-text search', () => {
	const database = useTestDatabase();
	let t: TempDatabase;
	let pg: PgDb;
	let db: Sql;
	const recordIds: string[] = [];

	beforeAll(async () => {
		t = tempDatabase();
		for (const record of [...NAMED, ...generated(40)]) recordIds.push((await createApproved(t.db, { record })).recordId);
		await migratePgDatabase(database.url, MIGRATIONS);
		pg = openPgDatabase(database.url);
		db = pgSql(pg);
		await copyPublicToPg(t.db.$client, pg);
	});
	afterAll(async () => {
		await pg?.$client.end();
		t?.cleanup();
	});

	const both = async (params: Record<string, string>, pageSize = 20): Promise<[SearchResult, SearchResult]> => {
		const query = parseQuery(new URLSearchParams(params));
		return [searchProjects(t.db, query, pageSize), await searchProjectsPg(db, query, pageSize)];
	};
	const ids = (r: SearchResult) => r.items.map((i) => i.id);
	const titles = async (q: string) => (await both({ q }, 100))[1].items.map((i) => i.title).sort();

	const QUERIES = [
		'',
		'kompet',
		'kompetens',
		'grön',
		'gron',
		'grønn',
		'innov',
		'tromso',
		'Tromsø',
		'k',
		'skills green',
		'bæredygtig',
		'bo',
		'nothing-here',
		'2024'
	];
	const FILTERS: Record<string, string>[] = [
		{},
		{ country: 'NO' },
		{ country: 'SE', year: '2024' },
		{ region: 'Troms' },
		{ amount: '1m-5m' },
		{ country: 'DK', region: 'Syddanmark' }
	];

	it('finds the same projects, totals and facet counts as SQLite mode, page by page in every sort but relevance', async () => {
		let compared = 0;
		for (const q of QUERIES)
			for (const filters of FILTERS)
				for (const sort of ['amount', 'start', 'title'])
					for (const page of ['1', '2', '9']) {
						const [lite, pgr] = await both({ q, ...filters, sort, page }, 5);
						expect(pgr.total, `${q} ${JSON.stringify(filters)}`).toBe(lite.total);
						expect(pgr.page).toBe(lite.page);
						expect(pgr.facets).toEqual(lite.facets);
						expect(ids(pgr), `${q} ${JSON.stringify(filters)} ${sort} ${page}`).toEqual(ids(lite));
						expect(pgr.items).toEqual(lite.items);
						compared += lite.items.length;
					}
		expect(compared).toBeGreaterThan(500);
	});

	it('by relevance: the same set, and the project with the words in its title first', async () => {
		for (const q of QUERIES.filter(Boolean))
			for (const filters of FILTERS) {
				const [lite, pgr] = await both({ q, ...filters }, 100);
				expect(pgr.total).toBe(lite.total);
				expect(pgr.facets).toEqual(lite.facets);
				expect(ids(pgr).sort()).toEqual(ids(lite).sort());
			}
		for (const [q, title] of [
			['tromso', 'Grønn omstilling i Tromsø'],
			['straße', 'Grenzenlose Straße'],
			['okologi', 'Café Økologi'],
			['bodo', 'Velferd og kompetanse i Bodø']
		]) {
			const [lite, pgr] = await both({ q });
			expect(lite.items[0].title).toBe(title);
			expect(pgr.items[0].title).toBe(title);
		}
	});

	it('folds case, diacritics and ø/æ/ß on both sides', async () => {
		expect(await titles('tromso')).toEqual(['Grønn omstilling i Tromsø']);
		expect(await titles('TROMSØ')).toEqual(['Grønn omstilling i Tromsø']);
		expect(await titles('aero energi')).toEqual(['Ærø Energi']);
		expect(await titles('strasse')).toEqual(['Grenzenlose Straße']);
		expect(await titles('fussweg')).toEqual(['Grenzenlose Straße']);
		expect(await titles('göteborg')).toEqual(['Digital kompetens i Göteborg']);
		expect(await titles('goteborg')).toEqual(['Digital kompetens i Göteborg']);
		expect(await titles('cafe')).toEqual(['Café Økologi']);
		expect(tsQuery('Tromsø Ærø')).toBe("'tromso':* & 'aero':*");
		expect(searchDocument({ ...NAMED[1], summary: null, partners: [], regions: ['Syddanmark'] } as never)).toContain("'aero':1A,3B");
	});

	it('matches prefixes from two characters on, a single character as a word, and reads query syntax as text', async () => {
		const prefixed = await titles('kompet');
		expect(prefixed).toContain('Kompetenslyft Skåne');
		expect(prefixed).toContain('Velferd og kompetanse i Bodø');
		expect(prefixed).toContain('Digital kompetens i Göteborg');
		expect(await titles('k')).toEqual(['K']);
		const [lite, pgr] = await both({ q: "tromsø' | !(:* & <->" });
		expect(ids(pgr)).toEqual(ids(lite));
		expect(pgr.total).toBe(1);
	});

	it('applies the facet filters: a country, a start year, a region (a list), an amount band', async () => {
		const [, se2024] = await both({ country: 'SE', year: '2024' }, 100);
		expect(se2024.items.every((i) => i.country === 'SE' && i.startDate?.startsWith('2024'))).toBe(true);
		const [, troms] = await both({ region: 'Troms' }, 100);
		expect(troms.items.map((i) => i.title)).toEqual(expect.arrayContaining(['Grønn omstilling i Tromsø', 'Skills for a Green North']));
		expect(troms.items.every((i) => i.regions.includes('Troms'))).toBe(true);
		const [, band] = await both({ amount: '1m-5m' }, 100);
		expect(band.items.every((i) => i.amountEur !== null && i.amountEur >= 1_000_000 && i.amountEur < 5_000_000)).toBe(true);
		const [, none] = await both({ q: 'tromso', country: 'SE' });
		expect(none.total).toBe(0);
	});

	it('a withdrawn project disappears, its search row with it', async () => {
		const count = async () => (await pg.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM public_search`)).rows[0].n;
		const before = await count();
		const tromso = recordIds[0];
		const sqlite = asSql(t.db);
		await sqlite.tx((tx) => unpublishRecord(sqlite, tx, tromso));
		await pg.execute(sql`DELETE FROM public_projects WHERE record_id = ${tromso}`);
		expect(await count()).toBe(before - 1);
		const [lite, pgr] = await both({ q: 'tromso' });
		expect(lite.total).toBe(0);
		expect(pgr.total).toBe(0);
		const [liteAll, pgAll] = await both({ region: 'Troms', sort: 'title' }, 100);
		expect(ids(pgAll)).toEqual(ids(liteAll));
	});
	it("the writer replaces a project's search row in the publishing transaction", async () => {
		const aero = recordIds[1];
		const { rows } = await pg.execute<{ id: number; record: PublicRecord }>(
			sql`SELECT p.id, r.record FROM public_projects p JOIN public_project_records r ON r.project_id = p.id WHERE p.record_id = ${aero}`
		);
		await db.tx((tx) => writeSearchDocument(tx, rows[0].id, { ...rows[0].record, title: 'Ærø Solkraft' }));
		expect((await searchProjectsPg(db, parseQuery(new URLSearchParams({ q: 'solkraft' })))).items.map((i) => i.id)).toEqual([aero]);
		expect((await searchProjectsPg(db, parseQuery(new URLSearchParams({ q: 'energi aero' })))).total).toBe(0);
	});
});
