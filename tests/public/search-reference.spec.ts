/**
 * The search page's in-memory path (facet index, FTS5 asked only for ids and scores)
 * against the plain SQL it replaced: the same total, facets and page for random searches
 * on a generated set, while projects are republished, withdrawn and added between them.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { FACET_FIELDS, type ProjectRecord } from '../../src/lib/records/fields';
import { facetKind } from '../../src/lib/records/kinds';
import { ftsQuery } from '../../src/lib/server/public/fold';
import { openDatabase, type Db } from '../../src/lib/server/db/client';
import { sqliteSql } from '../../src/lib/server/db/sql';
import { unpublishRecord } from '../../src/lib/server/public/index-projects';
import { pageWindow } from '../../src/lib/server/public/page-window';
import { AMOUNT_BANDS, parseQuery, type PublicFilters, type PublicQuery } from '../../src/lib/server/public/query';
import { searchProjects, type Facets } from '../../src/lib/server/public/search';
import { SearchIndex } from '../../src/lib/server/public/search-index';
import { createApproved, republish } from '../helpers/approved';
import { MIGRATIONS } from '../helpers/db';
import { describeEachDialect } from '../helpers/dialects';
import { seededRng } from '../helpers/rng';
import { searchEachTest } from './search-db';

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const some = <T>(r: () => number, list: readonly T[], max: number): T[] =>
	Array.from({ length: Math.floor(r() * (max + 1)) }, () => pick(r, list));

// Case, diacritics and letters like ø and æ, so BINARY order, folding and ties all matter.
const TITLE_WORDS = [
	'Kompetenslyft',
	'kompetens',
	'Grønn',
	'Ærø',
	'Åland',
	'Öresund',
	'digital',
	'Digital',
	'energi',
	'Tromsø',
	'skola',
	'Élan',
	'zink',
	'Zebra',
	'a'
];
const TEXT_WORDS = [
	'och',
	'och',
	'och',
	'för',
	'för',
	'samverkan',
	'innovation',
	'kompetens',
	'grön',
	'gron',
	'hav',
	'skog',
	'skogsbruk',
	'energi',
	'vård',
	'a',
	'e'
];
const FUNDERS = [
	'Vinnova',
	'vinnova',
	'Tillväxtverket',
	'Ål fond',
	'Éco fond',
	'Zeta',
	'Innovasjon Norge',
	'Forskningsrådet',
	'Svenska ESF-rådet',
	'Region Skåne',
	'Nordisk ministerråd',
	'Interreg',
	'A',
	'B',
	'C',
	'D',
	'E',
	'F',
	'G',
	'H',
	'I',
	'J',
	''
];
const PROGRAMMES = [
	'ESF+',
	'Regionalfonden',
	'Horisont Europa',
	'Grønn plattform',
	'Nordplus',
	'Erasmus+',
	'P1',
	'P2',
	'P3',
	'P4',
	'P5',
	'P6',
	'P7',
	'P8',
	'P9',
	'P10',
	'P11',
	'P12'
];
const REGIONS = [
	'Skåne',
	'Halland',
	'Västra Götaland',
	'Stockholm',
	'Troms',
	'Oslo',
	'Viken',
	'Åland',
	'Uusimaa',
	'Syddanmark',
	'R1',
	'R2',
	'R3',
	'R4',
	'R5',
	'R6',
	'R7',
	'R8',
	'R9',
	'r1'
];
const COUNTRIES = ['SE', 'SE', 'NO', 'DK', 'FI', 'IS', 'se', null];
const DATES = [
	'2015-03-01',
	'2018-01-01',
	'2018-01-01',
	'2020-06-15',
	'2022-02-01',
	'2023-09-01',
	'2024-01-15',
	'2024-06-01',
	'2025-01-01',
	'2026-12-31',
	null
];
const AMOUNTS = [
	null,
	{ value: 100_000, currency: 'EUR' },
	{ value: 99_999.99, currency: 'EUR' },
	{ value: 500_000, currency: 'EUR' },
	{ value: 1_000_000, currency: 'EUR' },
	{ value: 5_000_000, currency: 'EUR' },
	{ value: 12_000_000, currency: 'SEK' },
	{ value: 4_000_000, currency: 'NOK' },
	{ value: 900_000, currency: 'SEK' },
	{ value: 7_000, currency: 'XYZ' },
	{ value: -5, currency: 'EUR' },
	{ value: 0, currency: 'EUR' }
];

function project(r: () => number): Partial<ProjectRecord> {
	return {
		title: some(r, TITLE_WORDS, 3).join(' ') || 'Projekt',
		owner: r() < 0.7 ? `${pick(r, TEXT_WORDS)} kommun` : null,
		partners: some(r, ['Chalmers', 'Tromsø kommune', 'Ærø AB'], 2),
		summary: r() < 0.8 ? some(r, TEXT_WORDS, 14).join(' ') : null,
		funder: r() < 0.9 ? pick(r, FUNDERS) : null,
		programme: r() < 0.9 ? pick(r, PROGRAMMES) : null,
		country: pick(r, COUNTRIES),
		regions: some(r, REGIONS, 3),
		startDate: pick(r, DATES),
		amount: pick(r, AMOUNTS)
	};
}

const QUERY_WORDS = [
	'',
	'',
	'kompet',
	'kompetens',
	'grønn',
	'gronn',
	'tromso',
	'ærø',
	'aero',
	'digital energi',
	'och',
	'och för',
	'a',
	'e',
	's',
	'sk',
	'skog',
	'zebra',
	'NEAR(',
	'"',
	'x*',
	'nothing-like-this',
	'halland',
	'chalm'
];

function randomQuery(r: () => number): { query: PublicQuery; size: number } {
	const params = new URLSearchParams();
	const q = pick(r, QUERY_WORDS);
	if (q) params.set('q', q);
	const value = <T>(list: readonly T[]) => String(r() < 0.9 ? pick(r, list) : 'Nowhere');
	if (r() < 0.25) params.set('country', value(COUNTRIES.filter(Boolean)));
	if (r() < 0.2) params.set('funder', value(FUNDERS.filter(Boolean)));
	if (r() < 0.2) params.set('programme', value(PROGRAMMES));
	if (r() < 0.2) params.set('region', value(REGIONS));
	if (r() < 0.2) params.set('year', value(['2018', '2024', '2025', '1999']));
	if (r() < 0.2) params.set('amount', pick(r, AMOUNT_BANDS).id);
	params.set('sort', pick(r, ['relevance', 'amount', 'start', 'title']));
	params.set('page', String(r() < 0.1 ? 99_999 : 1 + Math.floor(r() * 6)));
	return { query: parseQuery(params), size: 1 + Math.floor(r() * 12) };
}

const SCORE = sql`bm25(public_search, 10.0, 4.0, 2.0, 1.0, 2.0)`;
const ORDER = {
	relevance: sql`score, id`,
	amount: sql`amount_eur DESC, id DESC`,
	start: sql`start_date DESC, id DESC`,
	title: sql`sort_title, id`
};

/** The filters as one SQL WHERE on `public_projects p`, text by FTS5: how the search selected before the facet index. */
function whereOf(f: PublicFilters): { match: string | null; rest: SQL } {
	const conds: SQL[] = [];
	for (const def of FACET_FIELDS) {
		const v = f[def.facet.param];
		if (v === null) continue;
		const facet = facetKind(def);
		conds.push(
			facet.store === 'rows'
				? sql`p.id IN (SELECT project_id FROM public_project_facet_values WHERE facet = ${def.key} AND value = ${v})`
				: sql`${sql.identifier('p')}.${sql.identifier(facet.column(def.key))} = ${v}`
		);
	}
	return { match: ftsQuery(f.q), rest: conds.length ? sql.join(conds, sql` AND `) : sql`1` };
}

/** The search as plain SQL on the database `db` the search runs on, the way it was computed before the facet index. */
function reference(db: Db, query: PublicQuery, size: number) {
	const where = whereOf(query);
	const sort = where.match ? query.sort : query.sort === 'relevance' ? 'title' : query.sort;
	const m = where.match
		? sql`SELECT p.*, ${SCORE} AS score FROM public_search JOIN public_projects p ON p.id = public_search.rowid WHERE public_search MATCH ${where.match} AND ${where.rest}`
		: sql`SELECT p.*, NULL AS score FROM public_projects p WHERE ${where.rest}`;
	const all = (q: SQL) => db.all<{ v: string | number; n: number }>(sql`WITH m AS MATERIALIZED (${m}) ${q}`);
	const total = all(sql`SELECT NULL AS v, count(*) AS n FROM m`)[0].n;
	const pageCount = Math.max(1, Math.ceil(total / size));
	const page = Math.min(query.page, pageCount);
	const top = (column: SQL, order: SQL, limit: number) =>
		all(sql`SELECT ${column} AS v, count(*) AS n FROM m WHERE v IS NOT NULL GROUP BY v ORDER BY ${order} LIMIT ${limit}`).map((f) => ({
			value: String(f.v),
			count: f.n
		}));
	const band = sql.join(
		[
			sql`CASE`,
			...AMOUNT_BANDS.map((b) =>
				b.max === null
					? sql`WHEN amount_eur >= ${b.min} THEN ${b.id}`
					: sql`WHEN amount_eur >= ${b.min} AND amount_eur < ${b.max} THEN ${b.id}`
			),
			sql`END`
		],
		sql` `
	);
	const amounts = new Map(top(band, sql`v`, 10).map((f) => [f.value, f]));
	const facets: Facets = {
		country: top(sql`country`, sql`n DESC, v`, 300),
		funder: top(sql`funder`, sql`n DESC, v`, 15),
		programme: top(sql`programme`, sql`n DESC, v`, 15),
		region: all(
			sql`SELECT r.value AS v, count(*) AS n FROM m JOIN public_project_facet_values r ON r.project_id = m.id AND r.facet = 'regions' GROUP BY r.value ORDER BY n DESC, v LIMIT 15`
		).map((f) => ({ value: String(f.v), count: f.n })),
		year: top(sql`start_year`, sql`v DESC`, 200),
		amount: AMOUNT_BANDS.flatMap((b) => amounts.get(b.id) ?? [])
	};
	const ids = db
		.all<{ record_id: string }>(
			sql`WITH m AS MATERIALIZED (${m}) SELECT record_id FROM m ORDER BY ${ORDER[sort]} LIMIT ${size} OFFSET ${(page - 1) * size}`
		)
		.map((row) => row.record_id);
	return { total, page, pageCount, facets, ids };
}

describeEachDialect('the search page against plain SQL', (database, dialect) => {
	const sql = () => database().sql;
	const index = searchEachTest(database);

	it('gives the same totals, facets and pages for random searches while the data changes', async () => {
		const r = seededRng(7);
		const ids: string[] = [];
		for (let i = 0; i < 400; i++) ids.push((await createApproved(sql(), { record: project(r) })).recordId);
		const versions = new Map<string, number>();
		for (let round = 0; round < 6; round++) {
			// On PostgreSQL the plain SQL runs on an index loaded afresh from the database, so the
			// index that followed the changes is held to what the database now has.
			const fresh = dialect === 'pg' ? await SearchIndex.load(sql(), MIGRATIONS) : null;
			for (let i = 0; i < 60; i++) {
				const { query, size } = randomQuery(r);
				const db = await index.db();
				const got = searchProjects(db, query, size);
				const want = reference(fresh?.db ?? db, query, size);
				const label = JSON.stringify({ query, size });
				expect({ total: got.total, page: got.page, pageCount: got.pageCount, facets: got.facets }, label).toEqual({
					total: want.total,
					page: want.page,
					pageCount: want.pageCount,
					facets: want.facets
				});
				expect(
					got.items.map((p) => p.id),
					label
				).toEqual(want.ids);
			}
			fresh?.db.$client.close();
			// Between rounds the index must follow: new versions, withdrawals, new projects.
			for (let i = 0; i < 10; i++) {
				const id = pick(r, ids);
				const v = (versions.get(id) ?? 1) + 1;
				versions.set(id, v);
				await republish(sql(), id, { ...project(r), title: `Ny version ${v} ${pick(r, TITLE_WORDS)}` }, v);
			}
			for (let i = 0; i < 3; i++) {
				const id = pick(r, ids);
				const { db, t } = sql();
				await db.update(t.records).set({ status: 'rejected' }).where(eq(t.records.id, id));
				await sql().tx((tx) => unpublishRecord(sql(), tx, id));
			}
			for (let i = 0; i < 5; i++) ids.push((await createApproved(sql(), { record: project(r) })).recordId);
		}
		// Some 500 publications, each a transaction of a dozen statements: on a shared machine, longer than the default.
	}, 180_000);

	it('sees what another connection published', async () => {
		await createApproved(sql(), { record: { title: 'Första', country: 'SE' } });
		expect(searchProjects(await index.db(), parseQuery(new URLSearchParams({ q: 'andra' }))).total).toBe(0);
		// On SQLite a second connection on the file; on PostgreSQL a second pool, as another process has.
		const file = dialect === 'sqlite' ? openDatabase(database().sqlite!.$client.name) : null;
		try {
			await createApproved(file ? sqliteSql(file) : await database().openAnother(), { record: { title: 'Andra', country: 'NO' } });
		} finally {
			file?.$client.close();
		}
		const found = searchProjects(await index.db(), parseQuery(new URLSearchParams({ q: 'andra' })));
		expect(found.items.map((p) => p.title)).toEqual(['Andra']);
		expect(searchProjects(await index.db(), parseQuery(new URLSearchParams())).facets.country).toEqual([
			{ value: 'NO', count: 1 },
			{ value: 'SE', count: 1 }
		]);
	});
});

describe('cutting a page', () => {
	it('equals sorting everything, at every depth and with ties', () => {
		const r = seededRng(11);
		for (let run = 0; run < 200; run++) {
			const n = Math.floor(r() * (run < 20 ? 5000 : 300));
			const keys = Float64Array.from({ length: n }, () => Math.floor(r() * (r() < 0.5 ? 5 : 1000)) - 500);
			const ids = Int32Array.from({ length: n }, (_, i) => 3 * i + 1);
			const sorted = [...ids.keys()].sort((a, b) => keys[a] - keys[b] || a - b).map((i) => ids[i]);
			const size = 1 + Math.floor(r() * 30);
			for (const offset of [0, Math.floor(r() * n), Math.max(0, n - size), Math.max(0, n - 1), n]) {
				expect(pageWindow(ids, keys, offset, size), `${n} ${offset} ${size}`).toEqual(sorted.slice(offset, offset + size));
			}
		}
	});
});
