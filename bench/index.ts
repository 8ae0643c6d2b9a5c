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
const SUITES: { name: string; load: () => Promise<BenchSuite> }[] = [
	{ name: 'extraction', load: async () => (await import('./extraction')).extractionBench },
	{ name: 'formats', load: async () => (await import('./formats')).formatsBench },
	{ name: 'public', load: async () => (await import('./public')).publicBench },
	{ name: 'pg-search', load: async () => (await import('./pg-search')).pgSearchBench },
	{ name: 'sync', load: async () => (await import('./sync')).syncBench },
	{ name: 'approval', load: async () => (await import('./approval')).approvalBench },
	{ name: 'cluster', load: async () => (await import('./cluster')).clusterBench },
	{ name: 'connections', load: async () => (await import('./connections')).connectionsBench }
];

const wanted = process.argv.slice(2);
const suites = wanted.length ? SUITES.filter((s) => wanted.includes(s.name)) : SUITES;
if (!suites.length) {
	console.error(`unknown suite; choose from: ${SUITES.map((s) => s.name).join(', ')}`);
	process.exit(2);
}
console.log(`# Samla benchmarks\n\nRun ${new Date().toISOString()} on Node ${process.version}, ${process.platform}/${process.arch}.\n`);
for (const entry of suites) {
	const suite = await entry.load();
	console.log(`## ${suite.title}\n`);
	console.log(await suite.run());
	console.log('');
}
