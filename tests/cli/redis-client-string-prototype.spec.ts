/**
 * Loading ioredis turns V8's String.prototype into a dictionary-mode object, which made the
 * extractor 1.25-1.4x slower in the whole process; the cluster modules import the client from
 * src/lib/server/cluster/ioredis.ts, which makes the prototype fast again. Each case asks V8
 * itself (`%HasFastProperties`, behind --allow-natives-syntax) in a fresh process, through the
 * source (tsx) and through the built server's chunk, as `samla start` loads it.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const IOREDIS = createRequire(import.meta.url).resolve('ioredis');

function stringPrototypeIsFastAfter(module: string, loader: string[] = []): boolean {
	const script = `await import(${JSON.stringify(pathToFileURL(module).href)}); console.log(%HasFastProperties(String.prototype));`;
	const run = spawnSync(process.execPath, ['--allow-natives-syntax', ...loader, '--input-type=module', '-e', script], {
		cwd: ROOT,
		encoding: 'utf8'
	});
	expect(run.stderr).toBe('');
	return JSON.parse(run.stdout.trim().split('\n').at(-1)!);
}

/** The built chunk that holds the cluster's Redis client module (its function names survive the build). */
function builtChunk(): string {
	const dir = join(ROOT, 'build/server/chunks');
	const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
	const chunk = files.find((f) => readFileSync(join(dir, f), 'utf8').includes('function loadThroughStringPrototype'));
	if (!chunk) throw new Error(`no chunk under ${dir} holds the cluster's Redis client module`);
	return join(dir, chunk);
}

describe('the Redis client and String.prototype', { timeout: 60_000 }, () => {
	it('ioredis alone leaves String.prototype slow (what the module repairs)', () => {
		expect(stringPrototypeIsFastAfter(IOREDIS)).toBe(false);
	});

	it('the cluster services, from the source, leave it fast', () => {
		expect(stringPrototypeIsFastAfter(join(ROOT, 'src/lib/server/cluster/services.ts'), ['--import', 'tsx'])).toBe(true);
	});

	it('the built server chunk that holds them leaves it fast', () => {
		expect(stringPrototypeIsFastAfter(builtChunk())).toBe(true);
	});
});
