import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import { openPgDatabase } from '../../src/lib/server/db/pg-client';
import { pgSql, sqliteSql, type Dialect, type Sql } from '../../src/lib/server/db/sql';
import { clearRedisPrefix, clusterServices, createTestDatabase, newRedisPrefix } from '../helpers/cluster';
import { makeDocx, makeEncryptedPdf, makePdf } from '../helpers/documents';

const ROOT = join(import.meta.dirname, '../..');
let dir: string;
let env: NodeJS.ProcessEnv;

const RELEASE = [
	'Nytt projekt för unga i Skåne',
	'',
	'Projektet "Unga vägar" leds av Region Skåne och får 4,5 miljoner kronor från Europeiska socialfonden.',
	'Det pågår från 1 mars 2024 till 28 februari 2026 tillsammans med Malmö stad och Lunds kommun.'
];

function samla(args: string[], input?: string) {
	const r = spawnSync(process.execPath, [join(ROOT, 'bin/samla.js'), ...args], { cwd: dir, env, input, encoding: 'utf8' });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The database the commands use, made by the first command that opens it: a SQLite file in a
 * folder that does not exist yet, or an empty PostgreSQL database (DATABASE_URL). `open` is
 * the test's own handle on it, for fixtures and checks.
 */
interface CliDatabase {
	env: Record<string, string>;
	open(): Promise<{ sql: Sql; close(): Promise<void> }>;
	drop(): Promise<void>;
}

async function cliDatabase(dialect: Dialect): Promise<CliDatabase> {
	if (dialect === 'sqlite') {
		const path = join(dir, 'db', 'samla.db');
		return {
			env: { DATABASE_PATH: path },
			async open() {
				const db = openDatabase(path);
				return { sql: sqliteSql(db), close: async () => void db.$client.close() };
			},
			drop: async () => {}
		};
	}
	const database = await createTestDatabase();
	const prefix = newRedisPrefix();
	return {
		env: { DATABASE_URL: database.url, REDIS_URL: clusterServices()!.redisUrl, REDIS_PREFIX: prefix },
		async open() {
			const db = openPgDatabase(database.url);
			return { sql: pgSql(db), close: () => db.$client.end() };
		},
		async drop() {
			await database.drop();
			await clearRedisPrefix(prefix);
		}
	};
}

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'samla-cli-'));
	env = { ...process.env, DATABASE_PATH: join(dir, 'db', 'samla.db') };
	mkdirSync(join(dir, 'docs/nested'), { recursive: true });
	copyFileSync(join(ROOT, 'seeds/001_eb5f08e581a28cbb.txt'), join(dir, 'docs/compcor.txt'));
	copyFileSync(join(ROOT, 'seeds/003_526b8efec8d43795.txt'), join(dir, 'docs/nested/innovasjon.md'));
	writeFileSync(join(dir, 'docs/empty.txt'), '');
	writeFileSync(join(dir, 'docs/binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
	writeFileSync(join(dir, 'docs/ignored.csv'), 'not read: folders yield only documents (.txt, .md, .html, .pdf, .docx)');
	writeFileSync(join(dir, 'docs/secret.pdf'), makeEncryptedPdf());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('samla CLI', () => {
	it('prints help for the CLI and for every command', () => {
		const top = samla(['--help']);
		expect(top.code).toBe(0);
		for (const cmd of ['start', 'ingest', 'extract', 'records', 'token', 'reextract']) {
			expect(top.stdout).toContain(cmd);
			const help = samla([cmd, '--help']);
			expect(help.code).toBe(0);
			expect(help.stdout).toContain(`Usage: samla ${cmd}`);
		}
		expect(samla(['frobnicate']).code).toBe(2);
	}, 180_000);

	it('rejects unknown options with a pointer to help', () => {
		const r = samla(['records', '--frob']);
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/Unknown option '--frob'/);
		expect(r.stderr).toContain('samla records --help');
	});
});

for (const dialect of ['sqlite', 'pg'] as const) {
	describe.skipIf(dialect === 'pg' && clusterServices() === null)(`samla CLI on a database [${dialect}]`, () => {
		let database: CliDatabase;
		beforeAll(async () => {
			database = await cliDatabase(dialect);
			env = { ...process.env, ...database.env };
		});
		afterAll(async () => {
			await database?.drop();
		});

		it('ingests a folder, reports unreadable files by name, goes on, and exits non-zero', () => {
			const r = samla(['ingest', join(dir, 'docs'), join(dir, 'missing.txt')]);
			expect(r.code).toBe(1);
			expect(r.stderr).toMatch(/empty\.txt: empty file/);
			expect(r.stderr).toMatch(/binary\.txt: unknown type: a PNG image/);
			expect(r.stderr).toMatch(/secret\.pdf: this PDF is encrypted/);
			expect(r.stderr).toMatch(/missing\.txt: no such file or folder/);
			expect(r.stdout + r.stderr).not.toContain('ignored.csv');
			expect(r.stdout).toMatch(/Documents: 2 new, 0 skipped \(already stored\), 4 failed\. Records created: (\d+)\./);
			const created = Number(/Records created: (\d+)/.exec(r.stdout)![1]);
			expect(created).toBeGreaterThanOrEqual(11);
		}, 180_000);

		it('skips documents it already stored', () => {
			const r = samla(['ingest', join(dir, 'docs/compcor.txt')]);
			expect(r.code).toBe(0);
			expect(r.stdout).toMatch(/skipped .*compcor\.txt: already stored/);
			expect(r.stdout).toContain('Documents: 0 new, 1 skipped (already stored), 0 failed. Records created: 0.');
		}, 180_000);

		it('ingests PDF and DOCX files named on the command line', async () => {
			writeFileSync(join(dir, 'release.pdf'), await makePdf([{ lines: RELEASE }]));
			writeFileSync(
				join(dir, 'release.docx'),
				makeDocx(RELEASE.map((paragraph) => ({ paragraph: paragraph.replace('Unga vägar', 'Unga broar') })))
			);
			const r = samla(['ingest', join(dir, 'release.pdf'), join(dir, 'release.docx')]);
			// The one line every command writes: which database it used.
			expect(r.stderr).toMatch(dialect === 'sqlite' ? /^samla: database \S+\n$/ : /^samla: database postgres:\/\/\S+ \(PostgreSQL\)\n$/);
			expect(r.code).toBe(0);
			expect(r.stdout).toMatch(/new +release\.pdf: 1 record/);
			expect(r.stdout).toMatch(/new +release\.docx: 1 record/);
		}, 180_000);

		it('makes, lists and revokes API tokens, printing a new token alone on the last line', async () => {
			const { createTestUser } = await import('../helpers/users');
			const { validateApiToken } = await import('../../src/lib/server/auth/api-tokens');
			const { sql, close } = await database.open();
			try {
				await createTestUser(sql, { role: 'editor', email: 'cli@example.org' });
				const made = samla(['token', 'create', '--email', 'cli@example.org', '--name', 'nightly import']);
				expect(made.code).toBe(0);
				const token = made.stdout.trimEnd().split('\n').at(-1)!;
				expect(token).toMatch(/^samla_[\w-]{43}$/);
				expect((await validateApiToken(sql, token))?.user.email).toBe('cli@example.org');
				const list = samla(['token', 'list', '--json']);
				const rows = JSON.parse(list.stdout) as { id: string; name: string; revokedAt: string | null }[];
				expect(rows).toMatchObject([{ name: 'nightly import', revokedAt: null }]);
				expect(list.stdout).not.toContain(token);
				expect(samla(['token', 'revoke', rows[0].id]).code).toBe(0);
				expect(await validateApiToken(sql, token)).toBeNull();
				expect(samla(['token', 'revoke', rows[0].id]).code).toBe(1);
				expect(samla(['token', 'create', '--email', 'nobody@example.org', '--name', 'x']).stderr).toMatch(/No user/);
				expect(samla(['token', 'create', '--email', 'cli@example.org']).code).toBe(2);
			} finally {
				await close();
			}
		}, 180_000);

		it('re-extracts documents by id or all of them, and says which id is unknown', () => {
			const all = samla(['reextract', '--all']);
			expect(all.code).toBe(0);
			expect(all.stdout).toMatch(/0 record\(s\) updated, 0 value\(s\) offered beside a person's, 0 new draft\(s\), 0 not found any more/);
			const unknown = samla(['reextract', 'no-such-id']);
			expect(unknown.code).toBe(1);
			expect(unknown.stderr).toContain('no document with id no-such-id');
			expect(samla(['reextract']).code).toBe(2);
		}, 180_000);

		it('lists records as JSON', () => {
			const r = samla(['records', '--json']);
			expect(r.code).toBe(0);
			const rows = JSON.parse(r.stdout) as { id: string; title: string; status: string; document: string }[];
			expect(rows.map((x) => x.title)).toContain('CompCor');
			expect(rows.every((x) => x.status === 'draft' && x.id && x.document)).toBe(true);
		}, 180_000);

		it('extracts without writing, in the evaluation format with provenance', () => {
			const before = samla(['records', '--json']).stdout;
			const r = samla(['extract', '--json', join(dir, 'docs/compcor.txt')]);
			expect(r.code).toBe(0);
			const out = JSON.parse(r.stdout);
			expect(out).toHaveLength(1);
			expect(out[0].document).toBe('compcor.txt');
			const rec = out[0].records[0];
			expect(rec.title).toBe('CompCor');
			expect(rec.amount).toEqual({ value: 8800000, currency: 'SEK' });
			expect(rec.provenance.length).toBeGreaterThan(0);
			expect(samla(['records', '--json']).stdout).toBe(before);
		}, 180_000);
	});
}
