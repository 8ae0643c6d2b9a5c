/**
 * `samla db migrate` on PostgreSQL: processes that start together migrate once (an advisory
 * lock), and what the migrations build is what schema-pg/ describes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { is } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { redact } from '../../src/lib/server/config';
import { MIGRATION_LOCK_KEY } from '../../src/lib/server/db/pg-client';
import * as pgSchema from '../../src/lib/server/db/schema-pg';
import { createTestDatabase, describeCluster, useTestRedis, type TestDatabase } from '../helpers/cluster';

const ROOT = join(import.meta.dirname, '../..');
const JOURNAL = JSON.parse(readFileSync(join(ROOT, 'drizzle/pg/meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
const dir = mkdtempSync(join(tmpdir(), 'samla-pg-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
	code: number | null;
	stdout: string;
	stderr: string;
}

function samla(args: string[], env: NodeJS.ProcessEnv): { exited: Promise<Run>; done: () => boolean } {
	const child = spawn(process.execPath, [join(ROOT, 'bin/samla.js'), ...args], {
		cwd: dir,
		env: { ...process.env, DATABASE_PATH: join(dir, 'unused.db'), ...env }
	});
	let stdout = '';
	let stderr = '';
	let finished = false;
	child.stdout.on('data', (d: Buffer) => (stdout += d));
	child.stderr.on('data', (d: Buffer) => (stderr += d));
	const exited = new Promise<Run>((resolve) =>
		child.on('close', (code) => {
			finished = true;
			resolve({ code, stdout, stderr });
		})
	);
	return { exited, done: () => finished };
}

async function connect(url: string): Promise<pg.Client> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	return client;
}

describeCluster('samla db migrate on PostgreSQL', { timeout: 120_000 }, () => {
	const redis = useTestRedis();
	const databases: TestDatabase[] = [];
	afterAll(async () => {
		for (const d of databases) await d.drop();
	});

	it('three processes migrating one empty database at once apply each migration exactly once', async () => {
		const database = await createTestDatabase();
		databases.push(database);
		const env = { DATABASE_URL: database.url, REDIS_URL: redis.url };
		// Hold the lock while the three start, so none can begin before the others are
		// waiting for it too: then all three reach the migrations together.
		const holder = await connect(database.url);
		try {
			await holder.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
			const runs = [1, 2, 3].map(() => samla(['db', 'migrate'], env));
			for (;;) {
				const { rows } = await holder.query<{ n: string }>(
					"SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
				);
				if (Number(rows[0].n) === 3) break;
				if (runs.some((r) => r.done())) break; // one finished without waiting: the assertions below say how
				await new Promise((r) => setTimeout(r, 50));
			}
			await holder.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
			const results = await Promise.all(runs.map((r) => r.exited));
			for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
			expect(results.filter((r) => new RegExp(`^Applied ${JOURNAL.entries.length} migrations to `, 'm').test(r.stdout))).toHaveLength(1);
			expect(results.filter((r) => / was up to date\.$/m.test(r.stdout))).toHaveLength(2);
			for (const r of results) expect(r.stderr).toContain(`samla: database ${redact(database.url)} (PostgreSQL)`);

			const { rows } = await holder.query<{ hash: string; n: string }>(
				'SELECT hash, count(*) AS n FROM drizzle.__drizzle_migrations GROUP BY hash'
			);
			expect(rows).toHaveLength(JOURNAL.entries.length);
			expect(rows.every((r) => r.n === '1')).toBe(true);
		} finally {
			await holder.end();
		}
	});

	it('builds exactly the tables and columns schema-pg describes, and the search index', async () => {
		const database = await createTestDatabase();
		databases.push(database);
		const run = await samla(['db', 'migrate'], { DATABASE_URL: database.url, REDIS_URL: redis.url }).exited;
		expect(run.code, run.stderr).toBe(0);
		const client = await connect(database.url);
		const { rows } = await client.query<{ table_name: string; column_name: string; is_nullable: string }>(
			"SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'"
		);
		const indexes = await client.query<{ indexdef: string }>(
			"SELECT indexdef FROM pg_indexes WHERE indexname = 'public_search_document_idx'"
		);
		await client.end();
		const built = rows.map((r) => `${r.table_name}.${r.column_name}${r.is_nullable === 'NO' ? ' not null' : ''}`).sort();
		const described = Object.values(pgSchema)
			.filter((v) => is(v, PgTable))
			.flatMap((t) => {
				const c = getTableConfig(t as PgTable);
				return c.columns.map((col) => `${c.name}.${col.name}${col.notNull ? ' not null' : ''}`);
			});
		// public_search is the one table outside the drizzle schema (a custom migration, as FTS5 is on SQLite).
		expect(built).toEqual([...described, 'public_search.document not null', 'public_search.project_id not null'].sort());
		expect(indexes.rows[0]?.indexdef).toMatch(/USING gin \(document\)/);
	});
});
