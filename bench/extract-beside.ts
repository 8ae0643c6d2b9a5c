/**
 * `npx tsx bench/extract-beside.ts <rounds> <variant>...`: how fast the extractor runs in a
 * process that has first loaded something else. Each variant runs in a fresh process, the
 * variants taking turns round by round so that all see the same machine load; each process
 * extracts the extraction bench's corpus (the seeds repeated, here to 5 MB, some 2,000
 * documents) once to let V8 compile, then three more times over unseen copies. Prints
 * documents per second of CPU time and of wall time (the median of the three) per process,
 * and each variant's median against the first variant's.
 *
 * A variant is
 * - `none`: nothing loaded first;
 * - `app@<rev>`: the app services of git revision <rev> opened on a new SQLite file, as `samla
 *   start` opens them, then that revision's extractor (both taken out with git archive);
 * - anything else: a module imported first, resolved from ioredis's folder, so `ioredis`, its
 *   own dependencies (`denque`, `debug`, ...) and its files (`ioredis/built/Command.js`).
 */
import { execSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const EXTRACTOR = 'src/lib/server/ingest/extract/index.ts';
const WARM_PASSES = 3;

type Extract = (text: string) => { records: unknown[] };
/** Documents per second of wall time, and per second of the process's CPU time (less disturbed by neighbours). */
type Rate = { wall: number; cpu: number };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Loads what the variant names and returns the extractor to time; `scratch` is a folder for the variant's files. */
async function load(variant: string, tree: string, scratch: string): Promise<Extract> {
	const from = (path: string) => import(pathToFileURL(join(tree, path)).href);
	if (variant.startsWith('app@')) {
		const { readConfig } = await from('src/lib/server/config.ts');
		const { openAppServices } = await from('src/lib/server/app-services.ts');
		const cfg = readConfig({ DATABASE_PATH: join(scratch, 'samla.db') });
		await openAppServices(cfg, { sqlite: join(tree, 'drizzle'), pg: join(tree, 'drizzle/pg') });
	} else if (variant !== 'none') {
		const ioredis = createRequire(import.meta.url).resolve('ioredis');
		await import(pathToFileURL(createRequire(ioredis).resolve(variant)).href);
	}
	return (await from(EXTRACTOR)).extractDocument;
}

function corpus(): string[] {
	const seeds = readdirSync(join(ROOT, 'seeds'))
		.filter((f) => f.endsWith('.txt'))
		.sort()
		.map((f) => readFileSync(join(ROOT, 'seeds', f), 'utf8'));
	const docs: string[] = [];
	for (let i = 0, bytes = 0; bytes < 5 * 1024 * 1024; i++) {
		const doc = `${seeds[i % seeds.length]}\n\nDokument ${i}`;
		docs.push(doc);
		bytes += Buffer.byteLength(doc);
	}
	return docs;
}

/** One process: load, extract, print documents per second as JSON on the last line. */
async function child(variant: string, tree: string): Promise<void> {
	const scratch = mkdtempSync(join(tmpdir(), 'samla-beside-'));
	const extract = await load(variant, tree, scratch);
	const docs = corpus();
	let sink = 0;
	const pass = (suffix: string) => {
		const [t0, c0] = [process.hrtime.bigint(), process.cpuUsage()];
		for (const d of docs) sink += extract(d + suffix).records.length;
		const { user, system } = process.cpuUsage(c0);
		return { wall: docs.length / (Number(process.hrtime.bigint() - t0) / 1e9), cpu: docs.length / ((user + system) / 1e6) };
	};
	pass('');
	const warm = Array.from({ length: WARM_PASSES }, (_, i) => pass(` (${i + 2})`));
	if (sink < 0) console.log(sink);
	const rate: Rate = { wall: median(warm.map((w) => w.wall)), cpu: median(warm.map((w) => w.cpu)) };
	console.log(JSON.stringify(rate));
	rmSync(scratch, { recursive: true, force: true });
	// The app variants' services (a checkpointer thread) would keep the process alive.
	process.exit(0);
}

async function parent(rounds: number, variants: string[]): Promise<void> {
	// Inside the project, so that tsx compiles each revision with the project's tsconfig and packages.
	const trees = new Map<string, string>();
	for (const v of variants.filter((v) => v.startsWith('app@'))) {
		const dir = mkdtempSync(join(ROOT, '.extract-beside-'));
		execSync(`git archive ${v.slice(4)} src drizzle | tar -x -C ${dir}`, { cwd: ROOT });
		trees.set(v, dir);
	}
	try {
		const rates = new Map(variants.map((v) => [v, [] as Rate[]]));
		console.log(
			`documents per CPU second (per wall second)\n\n| round | ${variants.join(' | ')} |\n|---|${variants.map(() => '---|').join('')}`
		);
		for (let r = 1; r <= rounds; r++) {
			// The order rotates too, so no variant always runs just after a given other.
			const order = variants.map((_, i) => variants[(i + r) % variants.length]);
			for (const v of order) {
				const run = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', v, trees.get(v) ?? ROOT], {
					cwd: ROOT,
					encoding: 'utf8'
				});
				if (run.status !== 0) throw new Error(`${v} failed:\n${run.stderr}`);
				rates.get(v)!.push(JSON.parse(run.stdout.trim().split('\n').at(-1)!));
			}
			const cell = (x: Rate) => `${Math.round(x.cpu)} (${Math.round(x.wall)})`;
			console.log(`| ${r} | ${variants.map((v) => cell(rates.get(v)!.at(-1)!)).join(' | ')} |`);
		}
		const of = (v: string, k: keyof Rate) => median(rates.get(v)!.map((x) => x[k]));
		console.log(`\nmedians, and against ${variants[0]} (CPU; wall):`);
		for (const v of variants) {
			const ratio = (k: keyof Rate) => (of(v, k) / of(variants[0], k)).toFixed(2);
			console.log(`  ${v}: ${Math.round(of(v, 'cpu'))}/s (${Math.round(of(v, 'wall'))}/s), ${ratio('cpu')}x; ${ratio('wall')}x`);
		}
	} finally {
		for (const dir of trees.values()) rmSync(dir, { recursive: true, force: true });
	}
}

const args = process.argv.slice(2);
if (args[0] === '--child') await child(args[1], args[2]);
else await parent(Number(args[0]), args.slice(1));
