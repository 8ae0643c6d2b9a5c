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
import { openDatabase } from '../../src/lib/server/db/client';
import { auditLog, records, recordVersions } from '../../src/lib/server/db/schema';
import { DEMO_APPROVER_EMAIL, DEMO_NOTE } from '../../server/demo';
import { startTestServer, type TestServer } from '../helpers/server';
import { asSql } from '../helpers/users';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEEDS = join(ROOT, 'seeds');
const DEFAULT_DB = join(ROOT, 'data', 'samla.db');

const servers: TestServer[] = [];
afterAll(async () => {
	for (const s of servers) await s.dispose();
});
async function start(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
	const s = await startTestServer(...args);
	servers.push(s);
	return s;
}

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

describe('samla start output', () => {
	it('prints only what the person needs: database, seeds, first-admin step, address', async () => {
		const server = await start({ seedsDir: SEEDS });
		const out = server.output();
		expect(out).not.toMatch(/preview|tsconfig|warning/i);
		const lines = out.trimEnd().split('\n');
		expect(lines[0]).toBe(`samla: database ${server.databasePath}`);
		expect(out).toMatch(/^First start: ingested 5 seed documents from /m);
		expect(out).toMatch(/^Samla is listening on http:\/\/127\.0\.0\.1:\d+$/m);
		expect(lines.length).toBeLessThanOrEqual(6);
	});

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
});

describe('the first-admin hint', () => {
	it('prints the exact command for the database in use, and that command writes there', async () => {
		const dir = mkdtempSync(join(tmpdir(), "samla dir with 'quotes' "));
		try {
			const databasePath = join(dir, 'x.db');
			const server = await start({ env: { DATABASE_PATH: databasePath } });
			const line = server
				.output()
				.split('\n')
				.find((l) => l.includes('samla user add'))!;
			const command = line.trim();
			expect(command).toMatch(/^DATABASE_PATH=.+ npx samla user add --email you@example\.org --role admin$/);

			const defaultBefore = existsSync(DEFAULT_DB) ? statSync(DEFAULT_DB).mtimeMs : null;
			const env = { ...process.env };
			delete env.DATABASE_PATH;
			const result = await sh(`${command} --password-stdin`, 'a long enough passphrase', env);
			expect(result.stderr).toBe(`samla: database ${databasePath}\n`);
			expect(result.code).toBe(0);
			const db = openDatabase(databasePath);
			try {
				expect((await findUserByEmail(asSql(db), 'you@example.org'))?.role).toBe('admin');
			} finally {
				db.$client.close();
			}
			expect(existsSync(DEFAULT_DB) ? statSync(DEFAULT_DB).mtimeMs : null).toBe(defaultBefore);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('samla start --demo', () => {
	it('approves the seed records of a new database through the approval service, and only then', async () => {
		const plain = await start({ seedsDir: SEEDS });
		expect(await publicCount(plain)).toBe(0);

		const demo = await start({ seedsDir: SEEDS, args: ['--demo'] });
		const m = /^Demo: approved (\d+) of (\d+) seed records/m.exec(demo.output());
		expect(m).not.toBeNull();
		const approved = Number(m![1]);
		expect(approved).toBeGreaterThan(0);
		expect(await publicCount(demo)).toBe(approved);
		// Nobody can sign in yet, so the first-admin step is still explained.
		expect(demo.output()).toContain('npx samla user add');

		const db = openDatabase(demo.databasePath);
		try {
			const approver = (await findUserByEmail(asSql(db), DEMO_APPROVER_EMAIL))!;
			expect(approver.disabledAt).not.toBeNull();
			const versions = db.select().from(recordVersions).all();
			expect(versions).toHaveLength(approved);
			expect(versions.every((v) => v.approvedBy === approver.id && v.note === DEMO_NOTE && v.version === 1)).toBe(true);
			expect(db.select().from(auditLog).where(eq(auditLog.action, 'record.approved')).all()).toHaveLength(approved);
			expect(db.select().from(records).where(eq(records.status, 'approved')).all()).toHaveLength(approved);
		} finally {
			db.$client.close();
		}

		// A later start of the same database approves nothing more, and says why.
		await demo.stop();
		const again = await start({ dir: demo.dir, seedsDir: SEEDS, env: { SAMLA_DEMO: '1' } });
		expect(again.output()).toMatch(/Demo: this database was started before/);
		expect(await publicCount(again)).toBe(approved);
	});

	it('is also turned on by SAMLA_DEMO=1, with the first admin from the environment as approver', async () => {
		const server = await start({
			seedsDir: SEEDS,
			env: { SAMLA_DEMO: '1', SAMLA_ADMIN_EMAIL: 'admin@example.org', SAMLA_ADMIN_PASSWORD: 'a long enough passphrase' }
		});
		expect(await publicCount(server)).toBeGreaterThan(0);
		const db = openDatabase(server.databasePath);
		try {
			const admin = (await findUserByEmail(asSql(db), 'admin@example.org'))!;
			expect(
				new Set(
					db
						.select()
						.from(recordVersions)
						.all()
						.map((v) => v.approvedBy)
				)
			).toEqual(new Set([admin.id]));
			expect(await findUserByEmail(asSql(db), DEMO_APPROVER_EMAIL)).toBeUndefined();
		} finally {
			db.$client.close();
		}
	});

	it('refuses a SAMLA_DEMO that is neither 1 nor 0, naming it', async () => {
		await expect(startTestServer({ env: { SAMLA_DEMO: 'yes please' } })).rejects.toThrow(/SAMLA_DEMO must be 1 or 0/);
	});
});
