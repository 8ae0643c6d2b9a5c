/**
 * Under `samla start` the app, the sync server and the services they share are one module
 * graph, the build's (docs/coediting.md, "One module graph"): the command line, which tsx
 * runs from source, hands its HTTP server to the build and loads none of the modules that
 * open the services or serve /sync, nor @sveltejs/kit, a dev dependency that a production
 * install (`npm ci --omit=dev`) leaves out. The server runs with a preload that lists every
 * module the process loads.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer } from '../helpers/server';

const ROOT = pathToFileURL(join(import.meta.dirname, '../..')).href;
// A URL: NODE_OPTIONS splits at spaces, which a checkout's path may hold.
const LIST_LOADED = pathToFileURL(join(import.meta.dirname, 'fixtures/list-loaded-modules.mjs')).href;
const dir = mkdtempSync(join(tmpdir(), 'samla-one-graph-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The status an upgrade to `url` is answered with: the sync server refuses one without a session. */
function upgradeStatus(url: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url);
		ws.once('unexpected-response', (_req, res) => {
			resolve(res.statusCode ?? 0);
			ws.terminate();
		});
		ws.once('open', () => reject(new Error(`${url} accepted a socket without a session`)));
		ws.once('error', reject);
	});
}

it(
	'serves the pages and /sync from the build, with the start-up and sync modules never loaded from source',
	{ timeout: 120_000 },
	async () => {
		const out = join(dir, 'loaded');
		const server = await startTestServer({
			dir,
			env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${LIST_LOADED}`.trim(), SAMLA_TEST_LOADED_MODULES: out }
		});
		try {
			expect((await fetch(`${server.url}/login`)).status).toBe(200);
			const ws = server.url.replace(/^http/, 'ws');
			expect(await upgradeStatus(`${ws}/sync/no-such-record`)).toBe(401);
			expect(await upgradeStatus(`${ws}/elsewhere`)).toBe(404);
		} finally {
			await server.stop();
		}
		const loaded = readFileSync(out, 'utf8').trim().split('\n');
		// The list is of this process: the command line's own entry and the build's hooks are in it.
		expect(loaded).toContain(`${ROOT}/server/start.ts`);
		expect(loaded.some((url) => url.startsWith(`${ROOT}/build/server/`) && url.includes('hooks.server'))).toBe(true);
		const fromSource = loaded.filter((url) => url.startsWith(`${ROOT}/src/`) || url.startsWith(`${ROOT}/server/`));
		const serving = /\/(src\/lib\/server\/(context|app-services)|server\/(serve|seed|first-admin|demo|sync\/[^/]+))\.ts$/;
		expect(fromSource.filter((url) => serving.test(url))).toEqual([]);
		expect(loaded.filter((url) => url.includes('/node_modules/@sveltejs/kit/'))).toEqual([]);
	}
);
