/**
 * `npx tsx bench/extract-dump.ts > out.json`: the extractor's whole output (language, title,
 * records, provenance, warnings) for every document it is tested and scored on — the own
 * grammar documents, the unseen batch, the shared development set when it is there, and the
 * seeds — once without and once with known names (those the first pass read), as stable JSON.
 * A change meant to make the extractor faster must leave this output byte for byte the same.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractDocument, type KnownNames } from '../src/lib/server/ingest/extract';

const ROOT = resolve(import.meta.dirname, '..');
const DIRS = {
	own: join(ROOT, 'tests/extract/docs'),
	unseen: join(ROOT, 'tests/extract/unseen/docs'),
	dev: resolve(ROOT, process.env.SAMLA_EVAL_DIR || '../shared/eval/dev', 'docs'),
	seeds: join(ROOT, 'seeds')
};

const missing = Object.values(DIRS).filter((dir) => !existsSync(dir));
// A work tree beside the others does not find the shared set where the main checkout does.
if (missing.length) console.error(`not found, left out: ${missing.join(', ')} (set SAMLA_EVAL_DIR)`);
const docs = Object.entries(DIRS)
	.filter(([, dir]) => existsSync(dir))
	.flatMap(([set, dir]) =>
		readdirSync(dir)
			.filter((f) => f.endsWith('.txt'))
			.sort()
			.map((f) => ({ name: `${set}/${f}`, text: readFileSync(join(dir, f), 'utf8') }))
	);

const plain = docs.map((d) => ({ name: d.name, out: extractDocument(d.text) }));
const names = (pick: (r: (typeof plain)[number]['out']['records'][number]['record']) => (string | null)[]) =>
	[...new Set(plain.flatMap((p) => p.out.records.flatMap((r) => pick(r.record))).filter((x): x is string => !!x))].sort();
const known: KnownNames = {
	organisations: names((r) => [r.owner, ...r.partners]),
	funders: names((r) => [r.funder]),
	programmes: names((r) => [r.programme])
};
const withKnown = docs.map((d) => ({ name: `${d.name} (known names)`, out: extractDocument(d.text, { known }) }));

process.stdout.write(JSON.stringify([...plain, ...withKnown], null, 1) + '\n');
console.error(`${docs.length} documents, ${plain.length + withKnown.length} extractions`);
