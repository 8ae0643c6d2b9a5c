import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vitest/config';
import { samlaSync } from './server/sync/vite-plugin';

export default defineConfig({
	plugins: [tailwindcss(), sveltekit(), samlaSync()],
	test: {
		include: ['src/**/*.spec.ts', 'tests/**/*.spec.ts'],
		environment: 'node',
		globalSetup: ['tests/global-setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 180_000
	}
});
