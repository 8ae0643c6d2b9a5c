import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vitest/config';
import { samlaSync } from './server/sync/vite-plugin';

/**
 * Three test projects, chosen by where a file lives, so a new test lands in the right one:
 * - unit: pure and fast, no database file, server or browser: tests beside the code
 *   (src/**), the record model's and the extractor's folders, and any *.unit.spec.ts;
 * - browser: tests/e2e/**, real Chromium against the real built server;
 * - integration: every other tests/**: real SQLite files, real servers, the real CLI.
 * The last two need the build (global-setup makes it when stale); unit tests never wait for it.
 */
const UNIT = ['src/**/*.spec.ts', 'tests/collab/**/*.spec.ts', 'tests/extract/**/*.spec.ts', 'tests/**/*.unit.spec.ts'];
const BROWSER = ['tests/e2e/**/*.spec.ts'];

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
					exclude: [...UNIT, ...BROWSER],
					globalSetup: ['tests/global-setup.ts']
				}
			},
			{ extends: true, test: { name: 'browser', include: BROWSER, globalSetup: ['tests/global-setup.ts'] } }
		]
	}
});
