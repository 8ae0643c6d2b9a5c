/**
 * `npm run bench`: each suite measures itself against a baseline run in the same
 * process (machines are shared and noisy, so ratios travel better than seconds)
 * and prints a Markdown section for BENCHMARKS.md. Pass suite names to run only some.
 */
import { approvalBench } from './approval';
import { clusterBench } from './cluster';
import { connectionsBench } from './connections';
import { extractionBench } from './extraction';
import { formatsBench } from './formats';
import { pgSearchBench } from './pg-search';
import { publicBench } from './public';
import type { BenchSuite } from './suite';
import { syncBench } from './sync';

const SUITES: BenchSuite[] = [
	extractionBench,
	formatsBench,
	publicBench,
	pgSearchBench,
	syncBench,
	approvalBench,
	clusterBench,
	connectionsBench
];

const wanted = process.argv.slice(2);
const suites = wanted.length ? SUITES.filter((s) => wanted.includes(s.name)) : SUITES;
if (!suites.length) {
	console.error(`unknown suite; choose from: ${SUITES.map((s) => s.name).join(', ')}`);
	process.exit(2);
}
console.log(`# Samla benchmarks\n\nRun ${new Date().toISOString()} on Node ${process.version}, ${process.platform}/${process.arch}.\n`);
for (const suite of suites) {
	console.log(`## ${suite.title}\n`);
	console.log(await suite.run());
	console.log('');
}
