import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { rmSync, writeFileSync } from 'node:fs';

const OUT = 'build';

/**
 * adapter-node's own entry (build/index.js) would serve the pages without the /sync socket,
 * migrations or seeds. Replaced after adapting by one that runs `samla start`, so
 * `node build` and `npm start` are the same server. build/handler.js stays as made.
 */
const ENTRY = `// Written by svelte.config.js in place of adapter-node's entry: \`node build\` is \`samla start\`.
process.argv.splice(2, process.argv.length - 2, 'start');
await import('../bin/samla.js');
`;

/** @returns {import('@sveltejs/kit').Adapter} */
function samlaAdapter() {
	const node = adapter({ out: OUT });
	return {
		...node,
		async adapt(builder) {
			await node.adapt(builder);
			writeFileSync(`${OUT}/index.js`, ENTRY);
			rmSync(`${OUT}/index.js.map`, { force: true });
		}
	};
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: samlaAdapter(),
		// '*' turns SvelteKit's own origin check off: the same check runs in hooks.server.ts
		// (handleFormOrigin), which lets API-token requests through.
		csrf: { trustedOrigins: ['*'] },
		// Scripts only from this origin or hashed/nonced by SvelteKit; the sync socket is same-origin.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'connect-src': ['self'],
				// src/service-worker.ts, which keeps record pages for reopening offline.
				'worker-src': ['self'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
