/**
 * With DATABASE_URL set, commands that do not run on PostgreSQL yet stop and say so, and
 * never quietly open the SQLite file instead; without REDIS_URL nothing starts at all.
 * The commands converted to the dialect-neutral handle (user, token, records, ingest,
 * reextract) run on a real PostgreSQL database when the cluster services are set.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migratePgDatabase, openPgDatabase } from '../../src/lib/server/db/pg-client';
import { pgSql } from '../../src/lib/server/db/sql';
import { documents, records } from '../../src/lib/server/db/schema-pg';
import { describeCluster, useTestDatabase, useTestRedis } from '../helpers/cluster';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'samla-mode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sqliteFile = join(dir, 'samla.db');
const PG = { DATABASE_URL: 'postgres://samla:s3cret@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1' };

function samla(args: string[], env: NodeJS.ProcessEnv, input?: string) {
	const r = spawnSync(process.execPath, [join(ROOT, 'bin/samla.js'), ...args], {
		cwd: dir,
		env: { ...process.env, DATABASE_PATH: sqliteFile, ...env },
		encoding: 'utf8',
		input
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Each test starts the CLI (tsx compiling it) one to four times: slow on a loaded machine.
describe('samla with DATABASE_URL', { timeout: 120_000 }, () => {
	it.each([['backup', join(dir, 'copy.db')]])(
		'"samla %s" names the database and refuses: PostgreSQL mode is not complete yet',
		(...args) => {
			const r = samla(args, PG);
			expect(r.code, r.stderr).toBe(1);
			expect(r.stderr).toContain('samla: database postgres://samla:***@127.0.0.1:1/none (PostgreSQL)');
			expect(r.stderr).toMatch(/configuration error: PostgreSQL mode is not complete yet: .* still runs on SQLite only/);
			expect(r.stderr).not.toContain('s3cret');
			expect(existsSync(sqliteFile)).toBe(false);
		}
	);

	it('"samla start" serves on PostgreSQL: one that cannot be reached stops it, named without its password', () => {
		const r = samla(['start'], PG);
		expect(r.code, r.stderr).toBe(1);
		expect(r.stderr).toContain('samla: database postgres://samla:***@127.0.0.1:1/none (PostgreSQL)');
		expect(r.stderr).toContain('PostgreSQL at postgres://samla:***@127.0.0.1:1/none could not be migrated: connect ECONNREFUSED');
		expect(r.stderr).not.toContain('s3cret');
		expect(existsSync(sqliteFile)).toBe(false);
	});

	it('refuses to start at all without REDIS_URL, naming it', () => {
		const r = samla(['db', 'migrate'], { DATABASE_URL: PG.DATABASE_URL, REDIS_URL: '' });
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('samla: configuration error: REDIS_URL is required when DATABASE_URL selects PostgreSQL');
		expect(existsSync(sqliteFile)).toBe(false);
	});

	it('"samla db migrate" migrates the SQLite file without DATABASE_URL, once', () => {
		const first = samla(['db', 'migrate'], {});
		expect(first.code, first.stderr).toBe(0);
		expect(first.stdout).toMatch(/^Applied \d+ migrations to .*samla\.db\.$/m);
		expect(samla(['db', 'migrate'], {}).stdout).toMatch(/samla\.db was up to date\.$/m);
		expect(samla(['db', 'nonsense'], {}).code).toBe(2);
	});
});

describeCluster('samla user, token and records on PostgreSQL', { timeout: 120_000 }, () => {
	const database = useTestDatabase();
	const redis = useTestRedis();
	const unused = join(dir, 'pg-mode.db');
	const env = () => ({ DATABASE_URL: database.url, REDIS_URL: redis.url, DATABASE_PATH: unused });

	it('adds and lists users and makes and revokes a token in the PostgreSQL database, never in the SQLite file', () => {
		const added = samla(
			['user', 'add', '--email', 'Root@Example.org', '--role', 'admin', '--password-stdin'],
			env(),
			'a long enough passphrase\n'
		);
		expect(added.code, added.stderr).toBe(0);
		expect(added.stderr).toContain('(PostgreSQL)');
		const users = JSON.parse(samla(['user', 'list', '--json'], env()).stdout) as { email: string; role: string }[];
		expect(users).toMatchObject([{ email: 'root@example.org', role: 'admin' }]);
		expect(
			samla(['user', 'add', '--email', 'root@example.org', '--role', 'viewer', '--password-stdin'], env(), 'another passphrase!').code
		).toBe(1);

		const made = samla(['token', 'create', '--email', 'root@example.org', '--name', 'nightly'], env());
		expect(made.code, made.stderr).toBe(0);
		const tokens = JSON.parse(samla(['token', 'list', '--json'], env()).stdout) as { id: string; revokedAt: string | null }[];
		expect(tokens).toMatchObject([{ revokedAt: null }]);
		expect(samla(['token', 'revoke', tokens[0].id], env()).code).toBe(0);
		expect(samla(['token', 'revoke', tokens[0].id], env()).code).toBe(1);
		expect(existsSync(unused)).toBe(false);
	});

	it('disables a user when Redis cannot be reached, saying the running servers hear of it only at their re-check', () => {
		const email = 'away@example.org';
		const away = { ...env(), REDIS_URL: 'redis://127.0.0.1:1' };
		// Adding, listing and enabling end no session: they never open Redis, so its absence goes unmentioned.
		const added = samla(['user', 'add', '--email', email, '--role', 'editor', '--password-stdin'], away, 'a long enough passphrase');
		expect(added.code, added.stderr).toBe(0);
		expect(added.stderr).not.toContain('Redis');
		const r = samla(['user', 'disable', '--email', email], away);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stderr).toContain('Redis cannot be reached');
		expect(r.stderr).toContain('periodic session re-check');
		const listed = samla(['user', 'list', '--json'], away);
		expect(listed.stderr).not.toContain('Redis');
		const users = JSON.parse(listed.stdout) as { email: string; disabled: boolean }[];
		expect(users.find((u) => u.email === email)).toMatchObject({ disabled: true });
		const enabled = samla(['user', 'enable', '--email', email], away);
		expect(enabled.code, enabled.stderr).toBe(0);
		expect(enabled.stderr).not.toContain('Redis');
	});

	it('lists the records of the PostgreSQL database, never opening the SQLite file', async () => {
		const db = openPgDatabase(database.url);
		try {
			await migratePgDatabase(database.url, join(ROOT, 'drizzle/pg'));
			const id = await draftRecord(pgSql(db), validRecord({ title: 'Projekt i PostgreSQL' }));
			const listed = samla(['records', '--json'], env());
			expect(listed.code, listed.stderr).toBe(0);
			expect(JSON.parse(listed.stdout)).toMatchObject([{ id, title: 'Projekt i PostgreSQL', status: 'draft' }]);
		} finally {
			await db.$client.end();
		}
		expect(existsSync(unused)).toBe(false);
	});
});

/** `samla` as a process of its own, answering when it exits: for several at once. */
function samlaAsync(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [join(ROOT, 'bin/samla.js'), ...args], {
			cwd: dir,
			env: { ...process.env, DATABASE_PATH: sqliteFile, ...env }
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
		child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

describeCluster('samla ingest and samla reextract on PostgreSQL', { timeout: 180_000 }, () => {
	const database = useTestDatabase();
	const redis = useTestRedis();
	const unused = join(dir, 'pg-ingest.db');
	const env = () => ({ DATABASE_URL: database.url, REDIS_URL: redis.url, DATABASE_PATH: unused });
	const docsDir = join(dir, 'pg-docs');
	mkdirSync(docsDir, { recursive: true });
	copyFileSync(join(ROOT, 'seeds/001_eb5f08e581a28cbb.txt'), join(docsDir, 'compcor.txt'));
	copyFileSync(join(ROOT, 'seeds/003_526b8efec8d43795.txt'), join(docsDir, 'innovasjon.md'));

	async function stored() {
		const db = openPgDatabase(database.url);
		try {
			return { documents: await db.select().from(documents), records: await db.select().from(records) };
		} finally {
			await db.$client.end();
		}
	}

	it('stores a file two processes ingest at once as one document, then skips it, never touching the SQLite file', async () => {
		const both = await Promise.all([samlaAsync(['ingest', docsDir], env()), samlaAsync(['ingest', docsDir], env())]);
		for (const r of both) {
			expect(r.code, r.stderr).toBe(0);
			expect(r.stderr).toContain('(PostgreSQL)');
		}
		// Each file is new in exactly one of the two processes, and skipped (not failed) in the other.
		const news = both.flatMap((r) => r.stdout.split('\n').filter((l) => l.startsWith('new ')));
		expect(news).toHaveLength(2);
		expect(both.map((r) => r.stdout).join('\n')).toMatch(/0 failed/);
		const after = await stored();
		expect(after.documents.map((d) => d.fileName).sort()).toEqual(['compcor.txt', 'innovasjon.md']);
		expect(after.records.length).toBeGreaterThanOrEqual(5);

		const again = samla(['ingest', join(docsDir, 'compcor.txt')], env());
		expect(again.code, again.stderr).toBe(0);
		expect(again.stdout).toContain('Documents: 0 new, 1 skipped (already stored), 0 failed. Records created: 0.');
		expect(existsSync(unused)).toBe(false);
	});

	it('re-extracts every stored document, and names an id it does not know', async () => {
		const r = samla(['reextract', '--all'], env());
		expect(r.code, r.stderr).toBe(0);
		const lines = r.stdout.trim().split('\n');
		expect(lines).toHaveLength(2);
		for (const line of lines)
			expect(line).toMatch(/: 0 record\(s\) updated, 0 value\(s\) offered beside a person's, 0 new draft\(s\), 0 not found any more/);
		const unknown = samla(['reextract', 'no-such-id'], env());
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toContain('no document with id no-such-id');
		expect(existsSync(unused)).toBe(false);
	});

	it("announces on the deployment's REDIS_PREFIX, where its `samla start` processes listen", async () => {
		// MONITOR sees every command any client sends: the announcer's heartbeat keys and channels.
		const monitor = await redis.connect().monitor();
		const keys: string[] = [];
		monitor.on('monitor', (_time: string, args: string[]) => keys.push(...args.slice(1).filter((a) => a.includes(':'))));
		try {
			const r = await samlaAsync(['reextract', '--all'], { ...env(), REDIS_PREFIX: redis.prefix });
			expect(r.code, r.stderr).toBe(0);
		} finally {
			monitor.disconnect();
		}
		expect(keys.filter((k) => k.startsWith(redis.prefix)).length).toBeGreaterThan(0);
		expect(keys.filter((k) => k.startsWith('samla:'))).toEqual([]);
	});
});
