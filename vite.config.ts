import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vitest/config';
import { samlaSync } from './server/sync/vite-plugin';

/**
 * Three test projects, chosen by where a file lives, so a new test lands in the right one:
 * - unit: pure and fast, no database file, server or browser: tests beside the code
 *   (src/**), the record model's and the extractor's folders, and any *.unit.spec.ts;
 * - browser: tests/e2e/**, real Chromium against the real built server;
 * - integration: every other tests/**: real SQLite files, real servers, the real CLI; suites
 *   made with describeEachDialect run on PostgreSQL as well when the cluster services are set;
 * - cluster: tests/cluster/** and tests/scaleout/** (real `samla start` processes), real
 *   PostgreSQL and Redis, run when SAMLA_TEST_DATABASE_URL and SAMLA_TEST_REDIS_URL are set
 *   (`npm run test:cluster`, CI) and skipped otherwise.
 * The last two need the build (global-setup makes it when stale); unit tests never wait for it.
 */
const UNIT = ['src/**/*.spec.ts', 'tests/collab/**/*.spec.ts', 'tests/extract/**/*.spec.ts', 'tests/**/*.unit.spec.ts'];
const BROWSER = ['tests/e2e/**/*.spec.ts'];
/** PostgreSQL + Redis (tests/helpers/cluster.ts): skipped, and said so once, unless `npm run test:cluster` or CI sets the services. */
const CLUSTER = ['tests/cluster/**/*.spec.ts', 'tests/scaleout/**/*.spec.ts'];

export default defineConfig({
	plugins: [tailwindcss(), sveltekit(), samlaSync()],
	test: {
		environment: 'node',
		expect: { requireAssertions: true },
		testTimeout: 30_000,
		hookTimeout: 180_000,
		projects: [
			{ extends: true, test: { name: 'unit', include: UNIT } },
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/**/*.spec.ts'],
					exclude: [...UNIT, ...BROWSER, ...CLUSTER],
					// Suites made with describeEachDialect (tests/helpers/dialects.ts) also run on PostgreSQL when the cluster services are set.
					globalSetup: ['tests/global-setup.ts', 'tests/cluster-setup.ts']
				}
			},
			{
				extends: true,
				// The build, for tests/scaleout/'s real servers.
				test: { name: 'cluster', include: CLUSTER, exclude: UNIT, globalSetup: ['tests/global-setup.ts', 'tests/cluster-setup.ts'] }
			},
			{
				extends: true,
				test: {
					name: 'browser',
					include: BROWSER,
					// Suites made with describeServerEachDialect (tests/helpers/dialect-server.ts) also run on PostgreSQL when the cluster services are set.
					globalSetup: ['tests/global-setup.ts', 'tests/cluster-setup.ts'],
					// A poll waits for a condition in another browser or process, not for a deadline:
					// vitest's 1 s default turned "live" into a timing assertion under CI load.
					expect: { requireAssertions: true, poll: { timeout: 10_000 } }
				}
			}
		]
	}
});
