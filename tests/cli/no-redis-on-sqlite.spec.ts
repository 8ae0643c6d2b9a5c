/**
 * On SQLite a Samla process never loads the Redis client: with ioredis imported, the
 * extractor runs 1.25-1.4x slower in the whole process (BENCHMARKS.md), and only PostgreSQL
 * mode uses it. The served app (`samla start` and its build) and the CLI command that opens
 * the record store run in child processes that list, as they exit, the CommonJS files they
 * loaded; ioredis is CommonJS, so it is listed however it was reached.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server';

const ROOT = join(import.meta.dirname, '../..');
const LIST_LOADED = join(import.meta.dirname, 'fixtures/list-loaded-files.mjs');
const require = createRequire(import.meta.url);
const IOREDIS_DIR = dirname(require.resolve('ioredis/package.json')) + sep;
/** A package the SQLite store does load, so an empty list cannot pass for a clean one. */
const BETTER_SQLITE3 = require.resolve('better-sqlite3');

const dir = mkdtempSync(join(tmpdir(), 'samla-no-redis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const seeds = join(dir, 'seeds');
mkdirSync(seeds);
const seed = readdirSync(join(ROOT, 'seeds')).find((f) => f.endsWith('.txt'))!;
copyFileSync(join(ROOT, 'seeds', seed), join(seeds, seed));

function listing(name: string) {
	const out = join(dir, `${name}.loaded`);
	const env = {
		NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${LIST_LOADED}`.trim(),
		SAMLA_TEST_LOADED_FILES: out
	};
	return { env, loaded: () => readFileSync(out, 'utf8').split('\n') };
}

// Starts the server and then the CLI (tsx compiling them): slow on a loaded machine.
describe('on SQLite', { timeout: 120_000 }, () => {
	it('samla start ingests its seeds and serves pages without loading ioredis', async () => {
		const { env, loaded } = listing('start');
		const server = await startTestServer({ dir, seedsDir: seeds, env });
		try {
			for (const path of ['/', '/login', '/api/projects']) expect((await fetch(server.url + path)).status, path).toBe(200);
		} finally {
			await server.stop();
		}
		expect(server.output()).toMatch(/ingested 1 seed documents?/);
		const files = loaded();
		expect(files).toContain(BETTER_SQLITE3);
		expect(files.filter((f) => f.startsWith(IOREDIS_DIR))).toEqual([]);
	});

	it('samla reextract opens the record store and extracts the seed again without loading ioredis', () => {
		const { env, loaded } = listing('reextract');
		const r = spawnSync(process.execPath, [join(ROOT, 'bin/samla.js'), 'reextract', '--all'], {
			cwd: dir,
			env: { ...process.env, DATABASE_PATH: join(dir, 'samla.db'), ...env },
			encoding: 'utf8'
		});
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toMatch(/record\(s\) updated/);
		const files = loaded();
		expect(files).toContain(BETTER_SQLITE3);
		expect(files.filter((f) => f.startsWith(IOREDIS_DIR))).toEqual([]);
	});
});
