/** `npm start` builds when the build is missing or older than the sources it came from. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR, ROOT_DIR } from './paths';

const SOURCES = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
	if (!existsSync(path)) return 0;
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let newest = st.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

export function buildIsCurrent(): boolean {
	const handler = join(BUILD_DIR, 'handler.js');
	if (!existsSync(handler)) return false;
	const built = statSync(handler).mtimeMs;
	return SOURCES.every((s) => newestMtime(join(ROOT_DIR, s)) <= built);
}

const LOCK = join(ROOT_DIR, '.svelte-kit', 'samla-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

/** Two processes starting at once (parallel test files, a CLI beside the server) build once, not into each other. */
function withBuildLock(fn: () => void): void {
	mkdirSync(join(ROOT_DIR, '.svelte-kit'), { recursive: true });
	const waitUntil = Date.now() + STALE_LOCK_MS;
	for (;;) {
		try {
			mkdirSync(LOCK);
			break;
		} catch {
			if (Date.now() > waitUntil) rmSync(LOCK, { recursive: true, force: true });
			else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
		}
	}
	try {
		fn();
	} finally {
		rmSync(LOCK, { recursive: true, force: true });
	}
}

export function ensureBuilt(log: (line: string) => void): void {
	if (buildIsCurrent()) return;
	withBuildLock(() => {
		if (buildIsCurrent()) return;
		log('Building the app (first start or sources changed)…');
		const vite = join(ROOT_DIR, 'node_modules', 'vite', 'bin', 'vite.js');
		// A test runner's NODE_ENV=test would otherwise make Svelte compile in dev mode.
		runQuietly(process.execPath, [vite, 'build', '--logLevel', 'warn'], { ...process.env, NODE_ENV: 'production' });
		log('Built.');
	});
}

/**
 * Runs a build step and shows its output only if it fails: on success the tools' own
 * chatter (a missing generated tsconfig before the first sync, SvelteKit's hint to run a
 * `preview` script this project does not have) means nothing to the person starting Samla.
 */
export function runQuietly(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
	const result = spawnSync(command, args, { cwd: ROOT_DIR, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
	if (result.status === 0) return;
	process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
	throw new Error(result.error ? `the build could not run: ${result.error.message}` : 'the build failed; see the messages above');
}
