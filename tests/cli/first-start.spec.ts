/**
 * The first start as a newcomer meets it: what `samla start` prints, the first-admin
 * command that must reach the database in use, and `--demo` / SAMLA_DEMO=1 approving the
 * seeds of a new database through the one approval service.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../src/lib/server/auth/users';
import { redact } from '../../src/lib/server/config';
import { openDatabase } from '../../src/lib/server/db/client';
import { openPgDatabase } from '../../src/lib/server/db/pg-client';
import { pgSql, sqliteSql, type Dialect, type Sql } from '../../src/lib/server/db/sql';
import { DEMO_APPROVER_EMAIL, DEMO_NOTE } from '../../server/demo';
import { clearRedisPrefix, clusterServices, createTestDatabase, newRedisPrefix } from '../helpers/cluster';
import { startTestServer, type TestServer, type TestServerOptions } from '../helpers/server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEEDS = join(ROOT, 'seeds');
const DEFAULT_DB = join(ROOT, 'data', 'samla.db');
/** A test here starts one to three servers on new databases, each migrating and seeding: more than the default timeout under load. */
const SERVER_TIMEOUT = 180_000;

const servers: TestServer[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
	for (const s of servers) await s.dispose();
	for (const cleanup of cleanups) await cleanup();
});
async function start(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
	const s = await startTestServer(...args);
	servers.push(s);
	return s;
}

/**
 * A new, empty database of the dialect, as a first start meets it: on SQLite the server's own
 * new file (no variables needed); on PostgreSQL a new database and Redis prefix, which the
 * server migrates and seeds itself. `env` reaches it; `label` is how commands name it.
 */
async function newDatabase(dialect: Dialect): Promise<{ env: Record<string, string>; label(server: TestServer): string }> {
	if (dialect === 'sqlite') return { env: {}, label: (server) => server.databasePath };
	const database = await createTestDatabase();
	const prefix = newRedisPrefix();
	cleanups.push(async () => {
		await database.drop();
		await clearRedisPrefix(prefix);
	});
	return {
		env: { DATABASE_URL: database.url, REDIS_URL: clusterServices()!.redisUrl, REDIS_PREFIX: prefix },
		// Without its password, as every log line shows a URL (CI's has one).
		label: () => `${redact(database.url)} (PostgreSQL)`
	};
}

/** The test's own handle on a server's database (DATABASE_URL, else its SQLite file), closed when `use` is done. */
async function withSql<T>(databasePath: string, env: Record<string, string>, use: (sql: Sql) => Promise<T>): Promise<T> {
	if (env.DATABASE_URL) {
		const db = openPgDatabase(env.DATABASE_URL);
		try {
			return await use(pgSql(db));
		} finally {
			await db.$client.end();
		}
	}
	const db = openDatabase(databasePath);
	try {
		return await use(sqliteSql(db));
	} finally {
		db.$client.close();
	}
}

const onDatabase = (options: TestServerOptions, env: Record<string, string>): TestServerOptions => ({
	...options,
	env: { ...options.env, ...env }
});

function sh(command: string, stdin: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn('sh', ['-c', command], { cwd: ROOT, env });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
		child.stdin.end(stdin);
	});
}

async function publicCount(server: TestServer): Promise<number> {
	const res = await fetch(`${server.url}/api/projects?limit=100`);
	expect(res.status).toBe(200);
	return ((await res.json()) as { total: number }).total;
}

describe('samla start, whatever the database', () => {
	it('shows build output only when the build fails', async () => {
		const script = `
			import { runQuietly } from './server/build.ts';
			runQuietly(process.execPath, ['-e', 'console.log("Run npm run preview to preview"); process.exit(Number(process.argv[1]))', process.argv[1]]);
		`;
		const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
		const ok = await sh(`${tsx} -e '${script.replace(/'/g, `'\\''`)}' 0`, '', process.env);
		expect(ok).toMatchObject({ code: 0, stdout: '', stderr: '' });
		const failed = await sh(`${tsx} -e '${script.replace(/'/g, `'\\''`)}' 3`, '', process.env);
		expect(failed.code).not.toBe(0);
		expect(failed.stderr).toContain('Run npm run preview to preview');
		expect(failed.stderr).toContain('the build failed');
	});

	it('refuses a SAMLA_DEMO that is neither 1 nor 0, naming it', async () => {
		await expect(startTestServer({ env: { SAMLA_DEMO: 'yes please' } })).rejects.toThrow(/SAMLA_DEMO must be 1 or 0/);
	});
});

for (const dialect of ['sqlite', 'pg'] as const) {
	describe.skipIf(dialect === 'pg' && clusterServices() === null)(`the first start [${dialect}]`, () => {
		describe('samla start output', () => {
			it(
				'prints only what the person needs: database, seeds, first-admin step, address',
				async () => {
					const database = await newDatabase(dialect);
					const server = await start(onDatabase({ seedsDir: SEEDS }, database.env));
					const out = server.output();
					expect(out).not.toMatch(/preview|tsconfig|warning/i);
					const lines = out.trimEnd().split('\n');
					expect(lines[0]).toBe(`samla: database ${database.label(server)}`);
					// On PostgreSQL one line more names this process among the others sharing the database.
					const mode = /^PostgreSQL \+ Redis mode: process \w+; migrations applied by this process: \d+$/;
					if (dialect === 'pg') expect(lines[1]).toMatch(mode);
					expect(out).toMatch(/^First start: ingested 5 seed documents from /m);
					expect(out).toMatch(/^Samla is listening on http:\/\/127\.0\.0\.1:\d+$/m);
					expect(lines.filter((line) => !mode.test(line)).length).toBeLessThanOrEqual(6);
				},
				SERVER_TIMEOUT
			);
		});

		describe('the first-admin hint', () => {
			it(
				'prints the exact command for the database in use, and that command writes there',
				async () => {
					const dir = mkdtempSync(join(tmpdir(), "samla dir with 'quotes' "));
					try {
						const databasePath = join(dir, 'x.db');
						const database = await newDatabase(dialect);
						const server = await start({ env: { DATABASE_PATH: databasePath, ...database.env } });
						const line = server
							.output()
							.split('\n')
							.find((l) => l.includes('samla user add'))!;
						const command = line.trim();
						// On PostgreSQL the database is named by DATABASE_URL, which the operator's shell already holds.
						expect(command).toMatch(
							dialect === 'sqlite'
								? /^DATABASE_PATH=.+ npx samla user add --email you@example\.org --role admin$/
								: /^npx samla user add --email you@example\.org --role admin$/
						);

						const defaultBefore = existsSync(DEFAULT_DB) ? statSync(DEFAULT_DB).mtimeMs : null;
						const env = { ...process.env, ...database.env };
						delete env.DATABASE_PATH;
						const result = await sh(`${command} --password-stdin`, 'a long enough passphrase', env);
						expect(result.stderr).toBe(`samla: database ${dialect === 'sqlite' ? databasePath : database.label(server)}\n`);
						expect(result.code).toBe(0);
						await withSql(databasePath, database.env, async (sql) =>
							expect((await findUserByEmail(sql, 'you@example.org'))?.role).toBe('admin')
						);
						expect(existsSync(DEFAULT_DB) ? statSync(DEFAULT_DB).mtimeMs : null).toBe(defaultBefore);
					} finally {
						rmSync(dir, { recursive: true, force: true });
					}
				},
				SERVER_TIMEOUT
			);
		});

		describe('samla start --demo', () => {
			it(
				'approves the seed records of a new database through the approval service, and only then',
				async () => {
					const plain = await start(onDatabase({ seedsDir: SEEDS }, (await newDatabase(dialect)).env));
					expect(await publicCount(plain)).toBe(0);

					const { env } = await newDatabase(dialect);
					const demo = await start(onDatabase({ seedsDir: SEEDS, args: ['--demo'] }, env));
					const m = /^Demo: approved (\d+) of (\d+) seed records/m.exec(demo.output());
					expect(m).not.toBeNull();
					const approved = Number(m![1]);
					expect(approved).toBeGreaterThan(0);
					expect(await publicCount(demo)).toBe(approved);
					// Nobody can sign in yet, so the first-admin step is still explained.
					expect(demo.output()).toContain('npx samla user add');

					await withSql(demo.databasePath, env, async (sql) => {
						const { db, t } = sql;
						const approver = (await findUserByEmail(sql, DEMO_APPROVER_EMAIL))!;
						expect(approver.disabledAt).not.toBeNull();
						const versions = await db.select().from(t.recordVersions);
						expect(versions).toHaveLength(approved);
						expect(versions.every((v) => v.approvedBy === approver.id && v.note === DEMO_NOTE && v.version === 1)).toBe(true);
						expect(await db.select().from(t.auditLog).where(eq(t.auditLog.action, 'record.approved'))).toHaveLength(approved);
						expect(await db.select().from(t.records).where(eq(t.records.status, 'approved'))).toHaveLength(approved);
					});

					// A later start of the same database approves nothing more, and says why.
					await demo.stop();
					const again = await start(onDatabase({ dir: demo.dir, seedsDir: SEEDS, env: { SAMLA_DEMO: '1' } }, env));
					expect(again.output()).toMatch(/Demo: this database was started before/);
					expect(await publicCount(again)).toBe(approved);
				},
				SERVER_TIMEOUT
			);

			it(
				'is also turned on by SAMLA_DEMO=1, with the first admin from the environment as approver',
				async () => {
					const { env } = await newDatabase(dialect);
					const server = await start(
						onDatabase(
							{
								seedsDir: SEEDS,
								env: { SAMLA_DEMO: '1', SAMLA_ADMIN_EMAIL: 'admin@example.org', SAMLA_ADMIN_PASSWORD: 'a long enough passphrase' }
							},
							env
						)
					);
					expect(await publicCount(server)).toBeGreaterThan(0);
					await withSql(server.databasePath, env, async (sql) => {
						const admin = (await findUserByEmail(sql, 'admin@example.org'))!;
						expect(new Set((await sql.db.select().from(sql.t.recordVersions)).map((v) => v.approvedBy))).toEqual(new Set([admin.id]));
						expect(await findUserByEmail(sql, DEMO_APPROVER_EMAIL)).toBeUndefined();
					});
				},
				SERVER_TIMEOUT
			);
		});
	});
}
