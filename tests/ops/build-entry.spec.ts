/** The built tree serves the whole app however it is started: `node build` is `samla start`, /sync included. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import { MissingBuildError, requireBuild } from '../../server/build';
import { createDraft } from '../helpers/records';
import { connect, person, raw } from '../sync/harness';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('node build', () => {
	it('migrates, serves the pages and the /sync socket on one port', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'samla-node-build-'));
		const child = spawn(process.execPath, ['build'], {
			cwd: ROOT,
			env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'samla.db'), SEEDS_DIR: join(dir, 'none') },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const exited = new Promise((resolve) => child.once('exit', resolve));
		try {
			let output = '';
			const url = await new Promise<string>((resolve, reject) => {
				const onData = (chunk: Buffer) => {
					output += chunk.toString();
					const m = /listening on (http:\/\/[^\s;]+)/.exec(output);
					if (m) resolve(m[1]);
				};
				child.stdout.on('data', onData);
				child.stderr.on('data', onData);
				child.once('exit', (code) => reject(new Error(`node build exited with ${code}:\n${output}`)));
			});
			expect((await fetch(`${url}/healthz`)).status).toBe(200);
			expect((await fetch(`${url}/readyz`)).status).toBe(200);
			expect((await fetch(`${url}/`)).status).toBe(200);

			const db = openDatabase(join(dir, 'samla.db'));
			try {
				const recordId = createDraft(db);
				const sync = `${url.replace('http', 'ws')}/sync`;
				// Signed out: the sync endpoint itself refuses (an unknown endpoint would answer 404).
				expect(await raw(`${sync}/${recordId}`, {})).toMatchObject({ status: 401 });
				const client = connect(sync, recordId, await person(db, 'editor'));
				try {
					await client.synced;
					expect(client.doc.getMap('fields').size).toBeGreaterThan(0);
				} finally {
					client.destroy();
				}
			} finally {
				db.$client.close();
			}
		} finally {
			child.kill('SIGTERM');
			await exited;
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('samla start without a build', () => {
	it('refuses to start and says what to run, rather than building', () => {
		const empty = mkdtempSync(join(tmpdir(), 'samla-no-build-'));
		try {
			expect(() => requireBuild(empty)).toThrow(MissingBuildError);
			expect(() => requireBuild(empty)).toThrow(/Run "npm run build" first/);
			expect(() => requireBuild(join(ROOT, 'build'))).not.toThrow();
		} finally {
			rmSync(empty, { recursive: true, force: true });
		}
	});
});
