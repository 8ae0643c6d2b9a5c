/**
 * The public search's index in this process: an in-memory SQLite database holding the public
 * projects, their FTS5 rows and facet values, on which `searchProjects` runs unchanged. It is
 * what PostgreSQL mode searches (PostgreSQL's own full-text search missed the p99 target:
 * BENCHMARKS.md "pg-search"); it loads from any `Sql`, so it runs the same over a SQLite file.
 *
 * It knows the generation of public_state it has seen, G. `refresh` brings it to the
 * database's: the projects logged in public_changes after G (triggers on public_projects log
 * every insert, update and delete at the generation its transaction commits with) are read
 * again and replaced, and nothing else. The facet index on top is rebuilt when the generation
 * moves, as on a SQLite file; the replacements are logged in its own public_changes, as on a file.
 */
import { and, asc, between, eq, gt, inArray, lte } from 'drizzle-orm';
import { SEARCH_FIELDS } from '../../records/fields';
import { migrateDatabase, openDatabase, type Db } from '../db/client';
import * as schema from '../db/schema';
import type { Sql } from '../db/sql';
import { searchText } from './index-projects';
import { candidates } from './candidates';
import { facetIndex } from './facet-index';
import { ftsQuery } from './fold';
import type { PublicFilters, PublicQuery } from './query';
import { searchProjects, type SearchResult } from './search';
import { publicVersion, type PublicVersion } from './state';
import { textMatch } from './text-match';

/** As the migration's triggers drop them: an index further behind than this loads afresh. */
const KEPT_GENERATIONS = 10_000;
const BATCH = 2000;
/** How often a search asks the database for its generation: another process's publication shows within this. */
const POLL_MS = 1000;

type Project = typeof schema.publicProjects.$inferInsert;
type FacetValue = typeof schema.publicProjectFacetValues.$inferInsert;

interface Rows {
	projects: Project[];
	records: Map<number, typeof schema.publicProjectRecords.$inferSelect.record>;
	facets: FacetValue[];
}

async function databaseGeneration(sql: Sql): Promise<number> {
	const { publicState } = sql.t;
	const [row] = await sql.db.select({ generation: publicState.generation }).from(publicState).where(eq(publicState.id, 1));
	return row?.generation ?? 0;
}

/** The projects with ids in `ids` (ascending), or from `from` to `to`, with their records and facet values. */
async function readProjects(sql: Sql, where: { ids: number[] } | { from: number; limit: number }): Promise<Rows> {
	const { publicProjects, publicProjectRecords, publicProjectFacetValues } = sql.t;
	const projects =
		'ids' in where
			? await sql.db.select().from(publicProjects).where(inArray(publicProjects.id, where.ids))
			: await sql.db
					.select()
					.from(publicProjects)
					.where(gt(publicProjects.id, where.from))
					.orderBy(asc(publicProjects.id))
					.limit(where.limit);
	if (!projects.length) return { projects, records: new Map(), facets: [] };
	const ids = projects.map((p) => p.id);
	const range =
		'ids' in where ? inArray(publicProjectRecords.projectId, ids) : between(publicProjectRecords.projectId, ids[0], ids[ids.length - 1]);
	const records = await sql.db
		.select({ projectId: publicProjectRecords.projectId, record: publicProjectRecords.record })
		.from(publicProjectRecords)
		.where(range);
	const facets = await sql.db
		.select()
		.from(publicProjectFacetValues)
		.where(
			'ids' in where
				? inArray(publicProjectFacetValues.projectId, ids)
				: between(publicProjectFacetValues.projectId, ids[0], ids[ids.length - 1])
		);
	return { projects, records: new Map(records.map((r) => [r.projectId, r.record])), facets };
}

export class SearchIndex {
	private polled = 0;
	private pending: Promise<unknown> | null = null;

	private constructor(
		private current: Db,
		private seen: number,
		private readonly migrations: string
	) {}

	/** The in-memory database `searchProjects` runs on; a reload replaces it whole, so read it per search. */
	get db(): Db {
		return this.current;
	}

	/** The generation of public_state this index holds. */
	get generation(): number {
		return this.seen;
	}

	/** A new index with every public project; `migrations` is the SQLite migrations folder, which gives it the tables of a SQLite file. */
	static async load(sql: Sql, migrations: string): Promise<SearchIndex> {
		const { db, generation } = await filled(sql, migrations);
		return new SearchIndex(db, generation, migrations);
	}

	/**
	 * Brings the index to the database's generation, reading only the projects changed since
	 * its own; everything when it is too far behind for the change log. Answers how many
	 * projects it read (0 when nothing changed).
	 */
	async refresh(sql: Sql): Promise<number> {
		const target = await databaseGeneration(sql);
		if (target === this.seen) return 0;
		if (target < this.seen || target - this.seen >= KEPT_GENERATIONS) return this.reload(sql);
		const { publicChanges } = sql.t;
		// Every change logged at or below `target` is committed: the trigger logs under public_state's row lock.
		const changed = await sql.db
			.selectDistinct({ id: publicChanges.projectId })
			.from(publicChanges)
			.where(and(gt(publicChanges.generation, this.seen), lte(publicChanges.generation, target)));
		// Publications past KEPT_GENERATIONS since `target` was read may have dropped some of those rows.
		if ((await databaseGeneration(sql)) - this.seen >= KEPT_GENERATIONS) return this.reload(sql);
		const ids = changed.map((c) => c.id).sort((a, b) => a - b);
		const rows: Rows = { projects: [], records: new Map(), facets: [] };
		for (let i = 0; i < ids.length; i += BATCH) {
			const read = await readProjects(sql, { ids: ids.slice(i, i + BATCH) });
			rows.projects.push(...read.projects);
			for (const [id, record] of read.records) rows.records.set(id, record);
			rows.facets.push(...read.facets);
		}
		// Applied at once, after every read: a search between two awaits sees the index as it was.
		apply(this.current, ids, rows, target);
		this.seen = target;
		return rows.projects.length;
	}

	/**
	 * `refresh`, at most every `interval` ms, shared by the searches that ask meanwhile: what a
	 * search calls first, so a quiet index costs one primary-key read a second.
	 */
	async fresh(sql: Sql, interval = POLL_MS): Promise<void> {
		if (this.pending) {
			await this.pending;
			return;
		}
		const now = Date.now();
		if (now - this.polled < interval) return;
		this.polled = now;
		this.pending = this.refresh(sql).finally(() => (this.pending = null));
		await this.pending;
	}

	/** A new database, filled while the old one still answers, then swapped in. */
	private async reload(sql: Sql): Promise<number> {
		const { db, generation, read } = await filled(sql, this.migrations);
		const old = this.current;
		this.current = db;
		this.seen = generation;
		old.$client.close();
		return read;
	}
}

async function filled(sql: Sql, migrations: string): Promise<{ db: Db; generation: number; read: number }> {
	const db = openDatabase(':memory:');
	migrateDatabase(db, migrations);
	// Only the public tables are filled: no records for the foreign keys to point at.
	db.$client.pragma('foreign_keys = OFF');
	// Its own change log starts after the fill: kept-counts.ts brings its counts forward by it.
	const logging = db.$client
		.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'public_projects_log_%'")
		.all() as {
		name: string;
		sql: string;
	}[];
	for (const { name } of logging) db.$client.exec(`DROP TRIGGER ${name}`);
	// Read before the rows: a project changed meanwhile is read newer than `generation`, and again at the next refresh.
	const generation = await databaseGeneration(sql);
	let read = 0;
	for (let from = 0; ;) {
		const rows = await readProjects(sql, { from, limit: BATCH });
		if (!rows.projects.length) break;
		apply(db, [], rows, null);
		read += rows.projects.length;
		from = rows.projects[rows.projects.length - 1].id!;
	}
	apply(db, [], { projects: [], records: new Map(), facets: [] }, generation);
	for (const { sql } of logging) db.$client.exec(sql);
	return { db, generation, read };
}

/** Replaces the projects `removed` with `rows` (a project gone from the database is not among them), in one transaction. */
function apply(db: Db, removed: number[], rows: Rows, generation: number | null): void {
	const { publicProjects, publicProjectRecords, publicProjectFacetValues, publicState } = schema;
	const search = db.$client.prepare(
		`INSERT INTO public_search (rowid, ${SEARCH_FIELDS.map((f) => f.key).join(', ')}) VALUES (?, ${SEARCH_FIELDS.map(() => '?').join(', ')})`
	);
	// The search reads only the record: the sources stay in the database.
	const insertRecord = db.$client.prepare("INSERT INTO public_project_records (project_id, record, sources) VALUES (?, ?, '[]')");
	db.transaction((tx) => {
		for (let i = 0; i < removed.length; i += 5000) {
			const ids = removed.slice(i, i + 5000);
			// The FTS row goes with the project, by the migration's trigger.
			tx.delete(publicProjectFacetValues).where(inArray(publicProjectFacetValues.projectId, ids)).run();
			tx.delete(publicProjectRecords).where(inArray(publicProjectRecords.projectId, ids)).run();
			tx.delete(publicProjects).where(inArray(publicProjects.id, ids)).run();
		}
		for (let i = 0; i < rows.projects.length; i += 500)
			tx.insert(publicProjects)
				.values(rows.projects.slice(i, i + 500))
				.run();
		for (const p of rows.projects) {
			const record = rows.records.get(p.id!)!;
			insertRecord.run(p.id, JSON.stringify(record));
			search.run(p.id, ...SEARCH_FIELDS.map((f) => searchText(record, f)));
		}
		for (let i = 0; i < rows.facets.length; i += 5000)
			tx.insert(publicProjectFacetValues)
				.values(rows.facets.slice(i, i + 5000))
				.run();
		if (generation !== null)
			tx.insert(publicState)
				.values({ id: 1, generation, changedAt: new Date() })
				.onConflictDoUpdate({ target: publicState.id, set: { generation } })
				.run();
	});
}

/**
 * The index of each handle. On globalThis, like the app context, for the reason context.ts
 * gives: the index loaded at start must be the one a reloaded copy of this module finds.
 */
const INDEXES = Symbol.for('samla.search-indexes');
const indexes: WeakMap<Sql, SearchIndex> = ((globalThis as { [INDEXES]?: WeakMap<Sql, SearchIndex> })[INDEXES] ??= new WeakMap());

/** Loads this process's index from `sql` and makes it the one `publicSearch` on that handle uses: at start, in PostgreSQL mode. */
export async function openSearchIndex(sql: Sql, migrations: string): Promise<SearchIndex> {
	const index = await SearchIndex.load(sql, migrations);
	indexes.set(sql, index);
	return index;
}

/**
 * The SQLite database this process searches on `sql`: its index, brought up to date first (at
 * most a poll a second). A SQLite file without one is searched directly: it is its own index.
 */
async function searchDatabase(sql: Sql): Promise<Db> {
	const index = indexes.get(sql);
	if (index) {
		await index.fresh(sql);
		return index.db;
	}
	// In SQLite mode the handle is the file's Drizzle instance (db/sql.ts casts it, no more).
	if (sql.dialect === 'sqlite') return sql.db as unknown as Db;
	throw new Error('PostgreSQL mode searches the index openSearchIndex loads at start');
}

/** The public search page's query on this process's index. */
export async function publicSearch(sql: Sql, query: PublicQuery): Promise<SearchResult> {
	return searchProjects(await searchDatabase(sql), query);
}

/**
 * The public data's version, for an answer (an ETag) whose body may search this process's
 * index: the database's, with the index brought at least that far first, whatever the poll
 * interval. Labelled with a version its body is older than, the answer would be what a client
 * revalidating it keeps getting (304) until the next publication. The second refresh covers
 * one already under way that read the database before this version was read.
 */
export async function searchedVersion(sql: Sql): Promise<PublicVersion> {
	const version = await publicVersion(sql);
	const index = indexes.get(sql);
	for (let tries = 0; index && index.generation < version.generation && tries < 2; tries++) await index.fresh(sql, 0);
	return version;
}

/** The ids of the public projects the filters select, words included, ascending: for the API and the exports. */
export async function matchingIds(sql: Sql, filters: PublicFilters): Promise<Int32Array> {
	const client = (await searchDatabase(sql)).$client;
	const index = facetIndex(client);
	const match = ftsQuery(filters.q);
	return candidates(index, match ? textMatch(client, index, match).ids : index.all, filters);
}
