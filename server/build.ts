/**
 * The build is made once (`npm run build`, or `npm start`'s `prestart` step when it is
 * missing or older than the sources) and served many times: `samla start` and `node build`
 * only check that it is there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR, ROOT_DIR } from './paths';

// server/ too: the bundle's init hook runs the production start from it (serve.ts), sync socket included.
const SOURCES = ['src', 'server', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
	if (!existsSync(path)) return 0;
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let newest = st.mtimeMs;
	// Unit tests beside the code are not part of the build.
	for (const entry of readdirSync(path)) {
		if (!entry.endsWith('.spec.ts')) newest = Math.max(newest, newestMtime(join(path, entry)));
	}
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

export class MissingBuildError extends Error {}

export function hasBuild(dir = BUILD_DIR): boolean {
	return existsSync(join(dir, 'handler.js'));
}

/** The serving side never builds: without a build it stops and says what to run. */
export function requireBuild(dir = BUILD_DIR): void {
	if (hasBuild(dir)) return;
	throw new MissingBuildError(
		`there is no build in ${dir}. Run "npm run build" first (with the dev dependencies installed: "npm ci"), then start again.`
	);
}

const VITE = join(ROOT_DIR, 'node_modules', 'vite', 'bin', 'vite.js');

/** A production install (`npm ci --omit=dev`) has no Vite: it serves the build it was given. */
export function canBuild(): boolean {
	return existsSync(VITE);
}

export function ensureBuilt(log: (line: string) => void): void {
	if (buildIsCurrent()) return;
	withBuildLock(() => {
		if (buildIsCurrent()) return;
		log('Building the app (no build yet, or sources changed)…');
		const vite = VITE;
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
