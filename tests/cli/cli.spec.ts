import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
let dir: string;
let env: NodeJS.ProcessEnv;

function samla(args: string[], input?: string) {
	const r = spawnSync(process.execPath, [join(ROOT, 'bin/samla.js'), ...args], { cwd: dir, env, input, encoding: 'utf8' });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'samla-cli-'));
	env = { ...process.env, DATABASE_PATH: join(dir, 'db', 'samla.db') };
	mkdirSync(join(dir, 'docs/nested'), { recursive: true });
	copyFileSync(join(ROOT, 'seeds/001_eb5f08e581a28cbb.txt'), join(dir, 'docs/compcor.txt'));
	copyFileSync(join(ROOT, 'seeds/003_526b8efec8d43795.txt'), join(dir, 'docs/nested/innovasjon.md'));
	writeFileSync(join(dir, 'docs/empty.txt'), '');
	writeFileSync(join(dir, 'docs/binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
	writeFileSync(join(dir, 'docs/ignored.pdf'), 'not read: folders yield only .txt, .md and .html');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('samla CLI', () => {
	it('prints help for the CLI and for every command', () => {
		const top = samla(['--help']);
		expect(top.code).toBe(0);
		for (const cmd of ['start', 'ingest', 'extract', 'records']) {
			expect(top.stdout).toContain(cmd);
			const help = samla([cmd, '--help']);
			expect(help.code).toBe(0);
			expect(help.stdout).toContain(`Usage: samla ${cmd}`);
		}
		expect(samla(['frobnicate']).code).toBe(2);
	});

	it('ingests a folder, reports unreadable files by name, goes on, and exits non-zero', () => {
		const r = samla(['ingest', join(dir, 'docs'), join(dir, 'missing.txt')]);
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/empty\.txt: empty document/);
		expect(r.stderr).toMatch(/binary\.txt: binary file/);
		expect(r.stderr).toMatch(/missing\.txt: no such file or folder/);
		expect(r.stdout).not.toContain('ignored.pdf');
		expect(r.stdout).toMatch(/Documents: 2 new, 0 skipped \(already stored\), 3 failed\. Records created: (\d+)\./);
		const created = Number(/Records created: (\d+)/.exec(r.stdout)![1]);
		expect(created).toBeGreaterThanOrEqual(11);
	});

	it('skips documents it already stored', () => {
		const r = samla(['ingest', join(dir, 'docs/compcor.txt')]);
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/skipped .*compcor\.txt: already stored/);
		expect(r.stdout).toContain('Documents: 0 new, 1 skipped (already stored), 0 failed. Records created: 0.');
	});

	it('lists records as JSON', () => {
		const r = samla(['records', '--json']);
		expect(r.code).toBe(0);
		const rows = JSON.parse(r.stdout) as { id: string; title: string; status: string; document: string }[];
		expect(rows.map((x) => x.title)).toContain('CompCor');
		expect(rows.every((x) => x.status === 'draft' && x.id && x.document)).toBe(true);
	});

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
	});

	it('rejects unknown options with a pointer to help', () => {
		const r = samla(['records', '--frob']);
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/Unknown option '--frob'/);
		expect(r.stderr).toContain('samla records --help');
	});
});
