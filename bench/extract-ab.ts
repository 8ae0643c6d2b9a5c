/**
 * `npx tsx bench/extract-ab.ts [rev] [rounds] [MB] [seeds|all]`: the extractor of this work tree
 * against the one of a git revision (default HEAD), in one process over the extraction bench's
 * corpus (the seeds repeated, 10 MB by default), taking turns document by document so that both
 * see the same machine load. Prints documents per second of each and their ratio per round.
 * With `all` the corpus is every document extract-dump.ts reads (own, unseen, development and
 * seed documents, each distinct, repeated to the size): no cache can remember one copy for the next.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const EXTRACT = 'src/lib/server/ingest/extract';
const rev = process.argv[2] ?? 'HEAD';
const rounds = Number(process.argv[3] ?? 9);
const megabytes = Number(process.argv[4] ?? 10);
const corpus = process.argv[5] ?? 'seeds';

type Extract = (text: string) => { records: unknown[] };
// Inside the project, so that tsx compiles the baseline with the project's tsconfig as it does
// this tree: a copy under the system's temporary folder ran 1.06-1.09x slower than the same code here.
const dir = mkdtempSync(join(ROOT, '.extract-ab-'));
let baseline: Extract;
try {
	execSync(`git archive ${rev} ${EXTRACT} | tar -x -C ${dir}`, { cwd: ROOT });
	baseline = (await import(pathToFileURL(join(dir, EXTRACT, 'index.ts')).href)).extractDocument;
} finally {
	rmSync(dir, { recursive: true, force: true });
}
const current: Extract = (await import('../src/lib/server/ingest/extract')).extractDocument;

const texts = (dir: string) =>
	existsSync(dir)
		? readdirSync(dir)
				.filter((f) => f.endsWith('.txt'))
				.sort()
				.map((f) => readFileSync(join(dir, f), 'utf8'))
		: [];
// The corpus of bench/extraction.ts, or every document of bench/extract-dump.ts.
const seeds =
	corpus === 'all'
		? [
				join(ROOT, 'tests/extract/docs'),
				join(ROOT, 'tests/extract/unseen/docs'),
				resolve(ROOT, process.env.SAMLA_EVAL_DIR || '../shared/eval/dev', 'docs'),
				join(ROOT, 'seeds')
			].flatMap(texts)
		: texts(join(ROOT, 'seeds'));
const docs: string[] = [];
for (let i = 0, bytes = 0; bytes < megabytes * 1024 * 1024; i++) {
	const doc = `${seeds[i % seeds.length]}\n\nDokument ${i}`;
	docs.push(doc);
	bytes += Buffer.byteLength(doc);
}

let sink = 0;
/**
 * The fastest time of each seed's copies, before and after: on a shared machine the least
 * disturbed run of a document is the best estimate of its cost.
 */
const fastest = { before: seeds.map(() => Infinity), after: seeds.map(() => Infinity) };
/** Both extractors over the corpus, document by document in turns, so that both see the same load. */
function run(): { before: number; after: number } {
	let before = 0n;
	let after = 0n;
	docs.forEach((d, i) => {
		const first = i % 2 ? current : baseline;
		const second = i % 2 ? baseline : current;
		const t0 = process.hrtime.bigint();
		sink += first(d).records.length;
		const t1 = process.hrtime.bigint();
		sink += second(d).records.length;
		const t2 = process.hrtime.bigint();
		const [b, a] = i % 2 ? [t2 - t1, t1 - t0] : [t1 - t0, t2 - t1];
		before += b;
		after += a;
		const seed = i % seeds.length;
		fastest.before[seed] = Math.min(fastest.before[seed], Number(b) / 1e9);
		fastest.after[seed] = Math.min(fastest.after[seed], Number(a) / 1e9);
	});
	return { before: Number(before) / 1e9, after: Number(after) / 1e9 };
}

for (const d of docs.slice(0, 300)) sink += baseline(d).records.length + current(d).records.length; // warm-up
const rate = (s: number) => Math.round(docs.length / s);
console.log(`${docs.length} documents (${corpus}); ${rev} vs this work tree, in turns document by document\n`);
console.log('| round | before docs/s | after docs/s | ratio |\n|---|---|---|---|');
const ratios: number[] = [];
for (let r = 1; r <= rounds; r++) {
	const { before, after } = run();
	ratios.push(before / after);
	console.log(`| ${r} | ${rate(before)} | ${rate(after)} | ${(before / after).toFixed(2)}x |`);
}
ratios.sort((x, y) => x - y);
const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
const [b, a] = [sum(fastest.before), sum(fastest.after)];
console.log(
	`\nmedian ratio ${ratios[Math.floor(ratios.length / 2)].toFixed(2)}x (${ratios[0].toFixed(2)}–${ratios[ratios.length - 1].toFixed(2)}x); ` +
		`fastest copy of each seed: ${Math.round(seeds.length / b)} and ${Math.round(seeds.length / a)} documents/s, ratio ${(b / a).toFixed(2)}x`
);
if (sink < 0) console.log(sink);
