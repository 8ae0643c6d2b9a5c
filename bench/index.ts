/**
 * `npm run bench`: each suite measures itself against a baseline run in the same
 * process (machines are shared and noisy, so ratios travel better than seconds)
 * and prints a Markdown section for BENCHMARKS.md. Pass suite names to run only some.
 */
import type { BenchSuite } from './suite';

/**
 * Each suite is imported just before it runs: a suite's dependencies can slow another's
 * code in the same process (with ioredis loaded, which the cluster and sync suites import,
 * the extractor ran 1.25-1.4x slower; see BENCHMARKS.md), and one suite needs only its own.
 */
const SUITES: Record<string, () => Promise<BenchSuite>> = {
	extraction: async () => (await import('./extraction')).extractionBench,
	formats: async () => (await import('./formats')).formatsBench,
	public: async () => (await import('./public')).publicBench,
	'pg-search': async () => (await import('./pg-search')).pgSearchBench,
	sync: async () => (await import('./sync')).syncBench,
	approval: async () => (await import('./approval')).approvalBench,
	cluster: async () => (await import('./cluster')).clusterBench,
	connections: async () => (await import('./connections')).connectionsBench
};

const names = Object.keys(SUITES);
const wanted = process.argv.slice(2);
const chosen = wanted.length ? names.filter((n) => wanted.includes(n)) : names;
if (!chosen.length) {
	console.error(`unknown suite; choose from: ${names.join(', ')}`);
	process.exit(2);
}
console.log(`# Samla benchmarks\n\nRun ${new Date().toISOString()} on Node ${process.version}, ${process.platform}/${process.arch}.\n`);
for (const name of chosen) {
	const suite = await SUITES[name]();
	console.log(`## ${suite.title}\n`);
	console.log(await suite.run());
	console.log('');
}
