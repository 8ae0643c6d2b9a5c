/**
 * `npm run eval`: scores the extractor on the shared development set (SAMLA_EVAL_DIR,
 * default ../shared/eval/dev) per field and per language, with the scoring rules of the
 * shared evaluation. The documents are read in place, never copied into the repository.
 *
 * `--split` scores the tuning part and the held-out part apart: rules are written while
 * looking at the tuning part only, and the held-out part says whether they generalise.
 * `--verbose` prints every miss; `--docs a,b` restricts to documents whose name starts so.
 */
import { extractDocument } from '../src/lib/server/ingest/extract';
import { DEV_CORPUS, readCorpus, type CorpusDoc } from '../tests/extract/corpus';
import { f1, score, SCORED_FIELDS, type Counts } from '../tests/extract/score';

/** Held out from tuning: spread over the four languages and the document shapes. */
const HELD_OUT = ['001_', '101_', '106_', '110_', '004_', '113_', '117_', '119_', '121_'];

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const only = args.includes('--docs') ? args[args.indexOf('--docs') + 1].split(',') : null;

const corpus = readCorpus(DEV_CORPUS).filter((d) => d.truth && (!only || only.some((p) => d.name.startsWith(p))));
if (!corpus.length) {
	console.log(`No evaluation set at ${DEV_CORPUS} (set SAMLA_EVAL_DIR); nothing scored.`);
	process.exit(0);
}

const fmt = (c: Counts) => f1(c).toFixed(3);
const languageOf = (d: CorpusDoc) => d.truth!.language ?? 'unknown';

function report(label: string, docs: CorpusDoc[]) {
	if (!docs.length) return;
	const predicted = new Map(docs.map((d) => [d.truth!.document, extractDocument(d.text).records.map((r) => r.record)]));
	const run = (subset: CorpusDoc[]) =>
		score(
			subset.map((d) => d.truth!),
			predicted
		);
	const all = run(docs);
	console.log(`\n### ${label} (${docs.length} documents)\n`);
	console.log('| field | precision | recall | F1 | tp | fp | fn |\n|---|---|---|---|---|---|---|');
	const row = (name: string, c: Counts) => {
		const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
		const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
		console.log(`| ${name} | ${p.toFixed(3)} | ${r.toFixed(3)} | ${fmt(c)} | ${c.tp} | ${c.fp} | ${c.fn} |`);
	};
	for (const f of SCORED_FIELDS) row(f, all.fields[f]);
	row('**records**', all.records);
	row('**overall**', all.overall);
	const languages = [...new Set(docs.map(languageOf))].sort();
	console.log(`\n| language | documents | records F1 | overall F1 |\n|---|---|---|---|`);
	for (const lang of languages) {
		const subset = docs.filter((d) => languageOf(d) === lang);
		const s = run(subset);
		console.log(`| ${lang} | ${subset.length} | ${fmt(s.records)} | ${fmt(s.overall)} |`);
	}
	if (verbose) console.log('\n' + all.log.join('\n'));
}

console.log(`Extractor scored on ${DEV_CORPUS}`);
if (args.includes('--split')) {
	const heldOut = (d: CorpusDoc) => HELD_OUT.some((p) => d.name.startsWith(p));
	report(
		'tuning part',
		corpus.filter((d) => !heldOut(d))
	);
	report('held-out part', corpus.filter(heldOut));
}
report('all documents', corpus);
