/**
 * The public index of a SQLite database, published there through publishVersion, copied into
 * a PostgreSQL database with its tsvector search rows: the same projects with the same ids on
 * both sides, for comparing the two searches (tests/cluster/pg-search.spec.ts) and for the
 * bench. publishVersion writes PostgreSQL's public tables too, but not this tsvector table,
 * which the app does not search (docs/deploy.md); its writer is the bench's
 * (bench/pg-search-query.ts), which this uses.
 */
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type { PublicRecord } from '../../src/lib/records/public-record';
import type { PgDb } from '../../src/lib/server/db/pg-client';
import { searchDocument } from '../../bench/pg-search-query';

const BATCH = 2000;

/** Rows in batches of rowid order; `map` turns a SQLite row into the PostgreSQL row's JSON. */
async function copyTable(
	sqlite: Database.Database,
	client: { query(text: string, values: unknown[]): Promise<unknown> },
	table: string,
	map: (row: Record<string, unknown>) => Record<string, unknown> = (row) => row
): Promise<void> {
	const read = sqlite.prepare(`SELECT rowid AS _rowid, * FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT ${BATCH}`);
	for (let after = -1; ;) {
		const rows = read.all(after) as Record<string, unknown>[];
		if (!rows.length) return;
		const last = rows[rows.length - 1]._rowid as number;
		for (const row of rows) delete row._rowid;
		// json_populate_recordset reads each value with its column type's input function: one statement a batch.
		await client.query(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(null::${table}, $1::json)`, [
			JSON.stringify(rows.map(map))
		]);
		after = last;
	}
}

/**
 * Copies public_projects, public_project_records, public_project_facet_values and
 * public_state, and writes public_search from each record. The records the projects belong
 * to are not copied: the foreign keys are not checked during the copy (session_replication_role),
 * and are again afterwards, so a deleted project still takes its search row with it.
 */
export async function copyPublicToPg(sqlite: Database.Database, pg: PgDb): Promise<void> {
	const client = await pg.$client.connect();
	try {
		await client.query('BEGIN');
		await client.query('SET LOCAL session_replication_role = replica');
		await copyTable(sqlite, client, 'public_projects', (row) => ({
			...row,
			approved_at: new Date(row.approved_at as number).toISOString()
		}));
		await copyTable(sqlite, client, 'public_project_records', (row) => ({
			project_id: row.project_id,
			record: JSON.parse(row.record as string),
			sources: JSON.parse(row.sources as string)
		}));
		await copyTable(sqlite, client, 'public_project_facet_values');
		const read = sqlite.prepare(
			`SELECT project_id, record FROM public_project_records WHERE project_id > ? ORDER BY project_id LIMIT ${BATCH}`
		);
		for (let after = -1; ;) {
			const rows = read.all(after) as { project_id: number; record: string }[];
			if (!rows.length) break;
			await client.query('INSERT INTO public_search SELECT * FROM json_populate_recordset(null::public_search, $1::json)', [
				JSON.stringify(rows.map((r) => ({ project_id: r.project_id, document: searchDocument(JSON.parse(r.record) as PublicRecord) })))
			]);
			after = rows[rows.length - 1].project_id;
		}
		const state = sqlite.prepare('SELECT generation, changed_at FROM public_state WHERE id = 1').get() as
			{ generation: number; changed_at: number } | undefined;
		if (state)
			await client.query(
				'INSERT INTO public_state (id, generation, changed_at) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET generation = excluded.generation, changed_at = excluded.changed_at',
				[state.generation, new Date(state.changed_at)]
			);
		await client.query(`SELECT setval('public_projects_id_seq', greatest(1, (SELECT max(id) FROM public_projects)))`);
		await client.query('COMMIT');
	} catch (err) {
		await client.query('ROLLBACK');
		throw err;
	} finally {
		client.release();
	}
	await pg.execute(sql`ANALYZE public_projects, public_project_records, public_project_facet_values, public_search`);
}
