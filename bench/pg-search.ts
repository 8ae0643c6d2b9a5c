/**
 * The public search in PostgreSQL mode at 100,000 projects (issue 13): which of the two ways
 * meets SQLite mode's targets.
 *
 * - PostgreSQL full-text search (bench/pg-search-query.ts): one statement for the
 *   page, total and facet counts on tsvector + GIN;
 * - the in-memory index SQLite mode keeps, in each process: a local SQLite mirror of the public
 *   tables (FTS5 + the facet index) loaded from PostgreSQL at start and refreshed from a change
 *   log keyed by generation.
 *
 * The projects are generated and published into SQLite as bench/public.ts does, then copied
 * (ids included) into a fresh PostgreSQL database, so both sides search the same rows with the
 * same query mix; SQLite mode's searchProjects runs in the same process for the ratios.
 * Times are wall milliseconds (PostgreSQL works in its own process, so this process's CPU
 * time would leave its work out).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { eq, sql as rawSql } from 'drizzle-orm';
import pg from 'pg';
import type { PublicRecord } from '../src/lib/records/public-record';
import { SEARCH_FIELDS } from '../src/lib/records/fields';
import { migrateDatabase, openDatabase, type Db } from '../src/lib/server/db/client';
import { migratePgDatabase, openPgDatabase, type PgDb } from '../src/lib/server/db/pg-client';
import { pgSql } from '../src/lib/server/db/sql';
import { facetIndex } from '../src/lib/server/public/facet-index';
import { searchText } from '../src/lib/server/public/index-projects';
import { searchProjectsPg } from './pg-search-query';
import { parseQuery, type PublicQuery } from '../src/lib/server/public/query';
import { searchProjects } from '../src/lib/server/public/search';
import { SearchIndex } from '../src/lib/server/public/search-index';
import { forgetMatches } from '../src/lib/server/public/text-match';
import { MIGRATIONS, tempDatabase } from '../tests/helpers/db';
import { copyPublicToPg } from '../tests/helpers/public-pg';
import { OTHER_SORTS, populate, PROJECTS, searchParams, TERMS, time, type Timing } from './public';
import { percentile, table, type BenchSuite } from './suite';

async function admin(serverUrl: string, statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: serverUrl });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

async function timeAsync(runs: number, fn: (i: number) => Promise<unknown>): Promise<Timing> {
	for (let i = 0; i < Math.min(10, runs); i++) await fn(i);
	const ms: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		await fn(i);
		ms.push(performance.now() - t0);
	}
	ms.sort((a, b) => a - b);
	return { median: percentile(ms, 50), p99: percentile(ms, 99), runs };
}

const rssMb = () => process.memoryUsage().rss / 1048576;

/**
 * The mirror's start: the public tables read from PostgreSQL in key order and written into a
 * new in-memory SQLite database with its FTS5 table, then the facet index built. What a
 * process would do before serving its first search.
 */
async function loadMirror(pgdb: PgDb): Promise<{ mirror: Db; seconds: { read: number; write: number; index: number } }> {
	const mirror = openDatabase(':memory:');
	migrateDatabase(mirror, MIGRATIONS);
	const client = mirror.$client;
	const columns = (client.prepare("SELECT name FROM pragma_table_info('public_projects')").pluck().all() as string[]).join(', ');
	const insProject = client.prepare(`INSERT INTO public_projects (${columns}) VALUES (${columns.replace(/\w+/g, (c) => `@${c}`)})`);
	const insRecord = client.prepare('INSERT INTO public_project_records (project_id, record, sources) VALUES (?, ?, ?)');
	const insFacet = client.prepare('INSERT INTO public_project_facet_values (project_id, facet, value) VALUES (?, ?, ?)');
	const insSearch = client.prepare(
		`INSERT INTO public_search (rowid, ${SEARCH_FIELDS.map((f) => f.key).join(', ')}) VALUES (?, ${SEARCH_FIELDS.map(() => '?').join(', ')})`
	);
	let read = 0;
	let write = 0;
	const BATCH = 5000;
	client.exec('PRAGMA foreign_keys = OFF');
	for (let after = 0; ;) {
		const t0 = performance.now();
		const { rows } = await pgdb.$client.query(
			`SELECT p.*, (extract(epoch FROM p.approved_at) * 1000)::bigint AS approved_ms, r.record::text AS record_json, r.sources::text AS sources_json,
				(SELECT json_agg(json_build_array(v.facet, v.value)) FROM public_project_facet_values v WHERE v.project_id = p.id) AS facet_values
			FROM public_projects p JOIN public_project_records r ON r.project_id = p.id WHERE p.id > $1 ORDER BY p.id LIMIT ${BATCH}`,
			[after]
		);
		const t1 = performance.now();
		read += t1 - t0;
		if (!rows.length) break;
		client.transaction(() => {
			for (const row of rows) {
				const project: Record<string, unknown> = {};
				for (const c of columns.split(', ')) project[c] = row[c];
				project.approved_at = Number(row.approved_ms);
				insProject.run(project);
				insRecord.run(row.id, row.record_json, row.sources_json);
				for (const [facet, value] of (row.facet_values ?? []) as [string, string][]) insFacet.run(row.id, facet, value);
				const record = JSON.parse(row.record_json) as PublicRecord;
				insSearch.run(row.id, ...SEARCH_FIELDS.map((f) => searchText(record, f)));
			}
		})();
		write += performance.now() - t1;
		after = rows[rows.length - 1].id;
	}
	client.exec('PRAGMA foreign_keys = ON');
	const { rows: state } = await pgdb.$client.query('SELECT generation FROM public_state WHERE id = 1');
	client
		.prepare('INSERT INTO public_state (id, generation, changed_at) VALUES (1, ?, ?)')
		.run(Number(state[0]?.generation ?? 1), Date.now());
	const t2 = performance.now();
	facetIndex(client);
	return { mirror, seconds: { read: read / 1000, write: write / 1000, index: (performance.now() - t2) / 1000 } };
}

const fmt = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

export const pgSearchBench: BenchSuite = {
	name: 'pg-search',
	title: 'Public search in PostgreSQL mode at 100,000 projects',
	async run() {
		const serverUrl = process.env.SAMLA_TEST_DATABASE_URL;
		if (!serverUrl) return 'Skipped: set SAMLA_TEST_DATABASE_URL (as `npm run test:cluster` does).';
		const t = tempDatabase();
		const name = `samla_bench_${randomBytes(6).toString('hex')}`;
		await admin(serverUrl, `CREATE DATABASE ${name}`);
		const url = new URL(serverUrl);
		url.pathname = `/${name}`;
		const pgdb = openPgDatabase(url.href);
		try {
			const built = await populate(t);
			t.db.$client.pragma('optimize');
			await migratePgDatabase(url.href, join(import.meta.dirname, '../drizzle/pg'));
			const c0 = performance.now();
			await copyPublicToPg(t.db.$client, pgdb);
			const copySeconds = (performance.now() - c0) / 1000;
			const { rows: size } = await pgdb.$client.query(
				`SELECT pg_total_relation_size('public_search') AS search, pg_database_size(current_database()) AS db`
			);
			const db = pgSql(pgdb);

			/** The same query mix as bench/public.ts, on both sides. */
			const mixes: [string, number, (i: number) => Record<string, string>][] = [
				['words + country + start year (page, total, six facets)', 200, (i) => Object.fromEntries(searchParams(i))],
				['words only, by relevance', 200, (i) => ({ q: TERMS[i % TERMS.length] })],
				['words only, by amount, start or title', 200, (i) => ({ q: TERMS[i % TERMS.length], sort: OTHER_SORTS[i % 3] })],
				['words only, deep page (page 50)', 100, (i) => ({ q: TERMS[i % TERMS.length], page: '50' })],
				['words only, last page (page past the end)', 100, (i) => ({ q: TERMS[i % TERMS.length], sort: 'title', page: '1000000' })],
				[`worst case: "${built.commonest}" (the commonest word), by relevance`, 20, () => ({ q: built.commonest })],
				['worst case, by title', 20, () => ({ q: built.commonest, sort: 'title' })],
				['one letter ("k", a word)', 20, () => ({ q: 'k' })],
				[
					'filters only: country + start year, by title',
					100,
					(i) => ({ country: searchParams(i).get('country')!, year: searchParams(i).get('year')! })
				],
				['front page, no search', 50, () => ({})]
			];
			const q = (params: Record<string, string>): PublicQuery => parseQuery(new URLSearchParams(params));
			const sqlite = t.db.$client;
			const firstTime = () => forgetMatches(facetIndex(sqlite));
			const results: { what: string; lite: Timing; pg: Timing }[] = [];
			let worst = 0;
			for (const [what, runs, params] of mixes) {
				const lite = time(runs, (i) => searchProjects(t.db, q(params(i))), firstTime).wall;
				const pgt = await timeAsync(runs, (i) => searchProjectsPg(db, q(params(i))));
				worst = Math.max(worst, pgt.p99);
				results.push({ what, lite, pg: pgt });
			}

			// The other way: each process's own copy, loaded at start and kept fresh from a change log.
			const rss0 = rssMb();
			const loaded = await loadMirror(pgdb);
			const mirrorMb = rssMb() - rss0;
			// What of it a leaner mirror could leave in PostgreSQL: the records' JSON is read only for a page's 20 rows.
			const tableMb = (like: string) =>
				(loaded.mirror.$client.prepare('SELECT sum(pgsize) FROM dbstat WHERE name LIKE ?').pluck().get(like) as number) / 1048576;
			const recordsMb = tableMb('public_project_records%');
			const ftsMb = tableMb('public_search%');
			const mirrorDbMb = tableMb('%');
			const mirrorSearch = time(
				200,
				(i) => searchProjects(loaded.mirror, q(Object.fromEntries(searchParams(i)))),
				() => forgetMatches(facetIndex(loaded.mirror.$client))
			).wall;
			// The change log as 100,000 publications leave it, one row each (the copy wrote it with its triggers off).
			await pgdb.$client.query(`INSERT INTO public_changes SELECT id, id FROM public_projects`);
			await pgdb.$client.query('ANALYZE public_changes');
			const { rows: top } = await pgdb.$client.query('SELECT max(generation)::int AS g FROM public_changes');
			const g = top[0].g as number;
			const poll = 'SELECT project_id FROM public_changes WHERE generation > $1 ORDER BY generation';
			const pollNone = await timeAsync(500, () => pgdb.$client.query(poll, [g]));
			const pollOne = await timeAsync(500, () => pgdb.$client.query(poll, [g - 1]));
			const pollHundred = await timeAsync(200, () => pgdb.$client.query(poll, [g - 100]));
			const refetch = await timeAsync(200, (i) =>
				pgdb.$client.query(
					`SELECT p.*, r.record, r.sources, (SELECT json_agg(json_build_array(v.facet, v.value)) FROM public_project_facet_values v WHERE v.project_id = p.id) AS facet_values
					FROM public_projects p JOIN public_project_records r ON r.project_id = p.id WHERE p.id = ANY($1)`,
					[[1 + ((i * 7919) % g)]]
				)
			);
			const bump = loaded.mirror.$client.prepare('UPDATE public_state SET generation = generation + 1');
			const rebuild = time(10, () => {
				bump.run();
				return facetIndex(loaded.mirror.$client);
			}).wall;
			loaded.mirror.$client.close();
			// search-index.ts, the module PostgreSQL mode runs: loaded, then kept fresh through the migration's log triggers.
			const i0 = performance.now();
			const index = await SearchIndex.load(db, MIGRATIONS);
			const indexLoad = (performance.now() - i0) / 1000;
			const indexSearch = time(
				200,
				(i) => searchProjects(index.db, q(Object.fromEntries(searchParams(i)))),
				() => forgetMatches(facetIndex(index.db.$client))
			).wall;
			const republished = await timeAsync(50, async (i) => {
				// What a republication does to the log: its project row updated, then public_state moved, in one transaction.
				await db.tx(async (tx) => {
					await tx
						.update(db.t.publicProjects)
						.set({ version: 1 })
						.where(eq(db.t.publicProjects.id, 1 + ((i * 7919) % g)));
					await tx.update(db.t.publicState).set({ generation: rawSql`${db.t.publicState.generation} + 1` });
				});
				await index.refresh(db);
			});
			const quietRefresh = await timeAsync(200, () => index.refresh(db));
			index.db.$client.close();

			const ratio = (a: Timing, b: Timing) => `${(a.median / b.median).toFixed(1)}x / ${(a.p99 / b.p99).toFixed(1)}x`;
			return [
				`${PROJECTS.toLocaleString('en')} projects published into SQLite in ${built.publish.toFixed(1)} s, copied into PostgreSQL ${(await pgdb.$client.query('SHOW server_version')).rows[0].server_version} (four tables and the tsvector rows, 2,000 rows a statement) in ${copySeconds.toFixed(1)} s; public_search ${(Number(size[0].search) / 1048576).toFixed(0)} MB, database ${(Number(size[0].db) / 1048576).toFixed(0)} MB.`,
				'',
				'Search, wall milliseconds in this process (SQLite: searchProjects, each run the first time its words are asked; PostgreSQL: searchProjectsPg, one statement over a pooled connection to 127.0.0.1):',
				'',
				table(
					['what', 'runs', 'SQLite median / p99', 'PostgreSQL FTS median / p99', 'PostgreSQL vs SQLite (median / p99)'],
					results.map((r) => [
						r.what,
						r.lite.runs,
						`${fmt(r.lite.median)} / ${fmt(r.lite.p99)}`,
						`${fmt(r.pg.median)} / ${fmt(r.pg.p99)}`,
						ratio(r.pg, r.lite)
					])
				),
				'',
				`Worst PostgreSQL FTS p99 above: ${fmt(worst)} ms (target < 50 ms).`,
				'',
				table(
					['in-memory index per process, loaded from PostgreSQL', 'value'],
					[
						['start: read the public tables from PostgreSQL', `${loaded.seconds.read.toFixed(1)} s`],
						['start: write them and the FTS5 table into an in-memory SQLite', `${loaded.seconds.write.toFixed(1)} s`],
						['start: build the facet index', `${loaded.seconds.index.toFixed(2)} s`],
						['memory (RSS growth of the process, all of the above)', `${mirrorMb.toFixed(0)} MB`],
						[
							'of which the SQLite pages: all / records JSON / FTS5',
							`${mirrorDbMb.toFixed(0)} / ${recordsMb.toFixed(0)} / ${ftsMb.toFixed(0)} MB`
						],
						[
							'search on the mirror: words + country + start year, median / p99',
							`${fmt(mirrorSearch.median)} / ${fmt(mirrorSearch.p99)} ms`
						],
						['poll the change log, nothing new (WHERE generation > $1), median / p99', `${fmt(pollNone.median)} / ${fmt(pollNone.p99)} ms`],
						['poll, one change, median / p99', `${fmt(pollOne.median)} / ${fmt(pollOne.p99)} ms`],
						['poll, 100 changes, median / p99', `${fmt(pollHundred.median)} / ${fmt(pollHundred.p99)} ms`],
						['re-read one changed project (row, record, facet values), median / p99', `${fmt(refetch.median)} / ${fmt(refetch.p99)} ms`],
						['rebuild the facet index after a change, median / p99', `${fmt(rebuild.median)} / ${fmt(rebuild.p99)} ms`],
						["search-index.ts: load (read, write, without the records' sources)", `${indexLoad.toFixed(1)} s`],
						['search-index.ts: words + country + start year, median / p99', `${fmt(indexSearch.median)} / ${fmt(indexSearch.p99)} ms`],
						[
							'search-index.ts: republish one project on PostgreSQL + refresh, median / p99',
							`${fmt(republished.median)} / ${fmt(republished.p99)} ms`
						],
						['search-index.ts: refresh, nothing new, median / p99', `${fmt(quietRefresh.median)} / ${fmt(quietRefresh.p99)} ms`]
					]
				)
			].join('\n');
		} finally {
			await pgdb.$client.end();
			await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			t.cleanup();
		}
	}
};
