/**
 * The public search in PostgreSQL mode at 100,000 projects (issue 13): each process searches
 * its own in-memory index (src/lib/server/public/search-index.ts: SQLite with FTS5, loaded
 * from PostgreSQL at start and brought to the database's generation from the `public_changes`
 * log), so this measures that index against SQLite mode's search on its file, with the same
 * projects and the same query mix, in the same run.
 *
 * The projects are generated and published into SQLite as bench/public.ts does, then copied
 * (ids included) into a fresh PostgreSQL database. `BENCH_PG_FTS=1` adds the road not taken,
 * PostgreSQL's own full-text search (bench/pg-search-query.ts), for the record of the decision
 * in BENCHMARKS.md (it adds several minutes). Times are wall milliseconds.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { eq, sql as rawSql } from 'drizzle-orm';
import pg from 'pg';
import { migratePgDatabase, openPgDatabase } from '../src/lib/server/db/pg-client';
import { pgSql } from '../src/lib/server/db/sql';
import { facetIndex } from '../src/lib/server/public/facet-index';
import { searchProjectsPg } from './pg-search-query';
import { parseQuery, type PublicQuery } from '../src/lib/server/public/query';
import { searchProjects } from '../src/lib/server/public/search';
import { SearchIndex } from '../src/lib/server/public/search-index';
import { forgetMatches } from '../src/lib/server/public/text-match';
import { MIGRATIONS, tempDatabase } from '../tests/helpers/db';
import { copyPublicToPg } from '../tests/helpers/public-pg';
import { OTHER_SORTS, populate, PROJECTS, searchParams, TERMS, time, timeAsync, type Timing } from './public';
import { table, type BenchSuite } from './suite';

async function admin(serverUrl: string, statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: serverUrl });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

const rssMb = () => process.memoryUsage().rss / 1048576;

const fmt = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

export const pgSearchBench: BenchSuite = {
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
			const withFts = process.env.BENCH_PG_FTS === '1';

			// search-index.ts as a process starts it: read from PostgreSQL into its in-memory SQLite, facet index built on first search.
			const rss0 = rssMb();
			const i0 = performance.now();
			const index = await SearchIndex.load(db, MIGRATIONS);
			const indexLoad = (performance.now() - i0) / 1000;
			const indexMb = rssMb() - rss0;
			const pages = (like: string) =>
				(index.db.$client.prepare('SELECT sum(pgsize) FROM dbstat WHERE name LIKE ?').pluck().get(like) as number) / 1048576;

			const sqlite = t.db.$client;
			const results: { what: string; lite: Timing; index: Timing; fts?: Timing }[] = [];
			let worst = 0;
			for (const [what, runs, params] of mixes) {
				// Each run the first time its words are asked: the kept matches dropped before it, on both sides.
				const lite = time(
					runs,
					(i) => searchProjects(t.db, q(params(i))),
					() => forgetMatches(facetIndex(sqlite))
				).wall;
				const onIndex = time(
					runs,
					(i) => searchProjects(index.db, q(params(i))),
					() => forgetMatches(facetIndex(index.db.$client))
				).wall;
				worst = Math.max(worst, onIndex.p99);
				const fts = withFts ? await timeAsync(runs, (i) => searchProjectsPg(db, q(params(i)))) : undefined;
				results.push({ what, lite, index: onIndex, fts });
			}

			const { rows: top } = await pgdb.$client.query('SELECT max(id)::int AS g FROM public_projects');
			const last = top[0].g as number;
			const republished = await timeAsync(50, async (i) => {
				// What a republication does to the log: its project row updated, then public_state moved, in one transaction.
				await db.tx(async (tx) => {
					await tx
						.update(db.t.publicProjects)
						.set({ version: 1 })
						.where(eq(db.t.publicProjects.id, 1 + ((i * 7919) % last)));
					await tx.update(db.t.publicState).set({ generation: rawSql`${db.t.publicState.generation} + 1` });
				});
				await index.refresh(db);
			});
			const quietRefresh = await timeAsync(200, () => index.refresh(db));
			const afterChange = time(
				20,
				(i) => searchProjects(index.db, q(Object.fromEntries(searchParams(i)))),
				() => forgetMatches(facetIndex(index.db.$client))
			).wall;
			const allMb = pages('%');
			const recordsMb = pages('public_project_records%');
			const ftsMb = pages('public_search%');
			index.db.$client.close();

			const ratio = (a: Timing, b: Timing) => `${(a.median / b.median).toFixed(1)}x / ${(a.p99 / b.p99).toFixed(1)}x`;
			return [
				`${PROJECTS.toLocaleString('en')} projects published into SQLite in ${built.publish.toFixed(1)} s, copied into PostgreSQL ${(await pgdb.$client.query('SHOW server_version')).rows[0].server_version} (four tables and the tsvector rows, 2,000 rows a statement) in ${copySeconds.toFixed(1)} s; public_search ${(Number(size[0].search) / 1048576).toFixed(0)} MB, database ${(Number(size[0].db) / 1048576).toFixed(0)} MB.`,
				'',
				`Search, wall milliseconds in this process, each run the first time its words are asked (SQLite mode: searchProjects on the file; PostgreSQL mode: the same on search-index.ts loaded from PostgreSQL${withFts ? '; PostgreSQL FTS: searchProjectsPg, one statement over a pooled connection' : ''}):`,
				'',
				table(
					[
						'what',
						'runs',
						'SQLite mode median / p99',
						'PostgreSQL mode (index) median / p99',
						'index vs file (median / p99)',
						...(withFts ? ['PostgreSQL FTS median / p99'] : [])
					],
					results.map((r) => [
						r.what,
						r.lite.runs,
						`${fmt(r.lite.median)} / ${fmt(r.lite.p99)}`,
						`${fmt(r.index.median)} / ${fmt(r.index.p99)}`,
						ratio(r.index, r.lite),
						...(r.fts ? [`${fmt(r.fts.median)} / ${fmt(r.fts.p99)}`] : [])
					])
				),
				'',
				`Worst PostgreSQL-mode p99 above: ${fmt(worst)} ms (target < 50 ms).`,
				'',
				table(
					['search-index.ts in PostgreSQL mode', 'value'],
					[
						['start: load from PostgreSQL (read, write with FTS5)', `${indexLoad.toFixed(1)} s`],
						['memory: RSS growth of the process for the loaded index', `${indexMb.toFixed(0)} MB`],
						[
							'of which the SQLite pages: all / records JSON / FTS5',
							`${allMb.toFixed(0)} / ${recordsMb.toFixed(0)} / ${ftsMb.toFixed(0)} MB`
						],
						['republish one project on PostgreSQL + refresh, median / p99', `${fmt(republished.median)} / ${fmt(republished.p99)} ms`],
						['refresh, nothing new (the poll), median / p99', `${fmt(quietRefresh.median)} / ${fmt(quietRefresh.p99)} ms`],
						[
							'words + country + start year after a change (facet index rebuilt on the first), median / p99',
							`${fmt(afterChange.median)} / ${fmt(afterChange.p99)} ms`
						]
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
