/**
 * `npx tsx bench/extract-ab.ts [rev] [rounds] [MB]`: the extractor of this work tree against the one
 * of a git revision (default HEAD), alternately in one process over the extraction bench's
 * corpus (the seeds repeated to 10 MB), so that both see the same machine load. Prints
 * documents per second of each and their ratio per round, on wall-clock and CPU time, and the
 * ratio of the fastest rounds (on a shared machine, those least disturbed by other work).
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const EXTRACT = 'src/lib/server/ingest/extract';
const rev = process.argv[2] ?? 'HEAD';
const rounds = Number(process.argv[3] ?? 9);
const megabytes = Number(process.argv[4] ?? 10);

type Extract = (text: string) => { records: unknown[] };
const dir = mkdtempSync(join(tmpdir(), 'samla-extract-ab-'));
let baseline: Extract;
try {
	execSync(`git archive ${rev} ${EXTRACT} | tar -x -C ${dir}`, { cwd: ROOT });
	baseline = (await import(pathToFileURL(join(dir, EXTRACT, 'index.ts')).href)).extractDocument;
} finally {
	rmSync(dir, { recursive: true, force: true });
}
const current: Extract = (await import('../src/lib/server/ingest/extract')).extractDocument;

// The corpus of bench/extraction.ts.
const seeds = readdirSync(join(ROOT, 'seeds'))
	.filter((f) => f.endsWith('.txt'))
	.map((f) => readFileSync(join(ROOT, 'seeds', f), 'utf8'));
const docs: string[] = [];
for (let i = 0, bytes = 0; bytes < megabytes * 1024 * 1024; i++) {
	const doc = `${seeds[i % seeds.length]}\n\nDokument ${i}`;
	docs.push(doc);
	bytes += Buffer.byteLength(doc);
}

let sink = 0;
function run(extract: Extract): { wall: number; cpu: number } {
	const c0 = process.cpuUsage();
	const t0 = process.hrtime.bigint();
	for (const d of docs) sink += extract(d).records.length;
	const wall = Number(process.hrtime.bigint() - t0) / 1e9;
	const c = process.cpuUsage(c0);
	return { wall, cpu: (c.user + c.system) / 1e6 };
}

for (const d of docs.slice(0, 300)) sink += baseline(d).records.length + current(d).records.length; // warm-up
const rate = (s: number) => Math.round(docs.length / s);
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
console.log(`${docs.length} documents; ${rev} vs this work tree\n`);
console.log('| round | before docs/s (wall) | after docs/s (wall) | ratio (wall) | ratio (CPU) |\n|---|---|---|---|---|');
const before: { wall: number; cpu: number }[] = [];
const after: { wall: number; cpu: number }[] = [];
for (let r = 1; r <= rounds; r++) {
	// Alternate which goes first, so that neither always follows the other's garbage.
	if (r % 2) {
		before.push(run(baseline));
		after.push(run(current));
	} else {
		after.push(run(current));
		before.push(run(baseline));
	}
	const [a, b] = [before[r - 1], after[r - 1]];
	console.log(`| ${r} | ${rate(a.wall)} | ${rate(b.wall)} | ${(a.wall / b.wall).toFixed(2)}x | ${(a.cpu / b.cpu).toFixed(2)}x |`);
}
// On a shared machine the fastest round of each is the one least disturbed by others.
const best = (xs: { wall: number }[]) => Math.min(...xs.map((x) => x.wall));
console.log(
	`\nfastest rounds: ${rate(best(before))} and ${rate(best(after))} documents/s, ratio ${(best(before) / best(after)).toFixed(2)}x; ` +
		`median ratio ${median(before.map((b, i) => b.wall / after[i].wall)).toFixed(2)}x wall, ${median(before.map((b, i) => b.cpu / after[i].cpu)).toFixed(2)}x CPU`
);
if (sink < 0) console.log(sink);
