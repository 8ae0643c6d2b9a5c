/**
 * `vite dev` serves the sync endpoint on its own HTTP server, as `npm start` does. Only
 * /sync/… upgrades are taken; Vite's HMR socket (and any other) is left to Vite.
 * The endpoint is loaded through Vite's SSR loader on first use, so it shares the app
 * context (database, document store) with the SvelteKit pages.
 */
import type { Plugin } from 'vite';
import type { SyncServer } from './sync-server';
import { recordIdFromUrl } from './upgrade';

export function samlaSync(): Plugin {
	return {
		name: 'samla-sync',
		apply: 'serve',
		configureServer(vite) {
			const http = vite.httpServer;
			if (!http) return;
			let sync: Promise<SyncServer> | undefined;
			const load = async () => {
				const { startAppContext } = (await vite.ssrLoadModule(
					'/src/lib/server/context.ts'
				)) as typeof import('../../src/lib/server/context');
				const { createAppSync } = (await vite.ssrLoadModule('/server/sync/attach.ts')) as typeof import('./attach');
				return createAppSync(await startAppContext());
			};
			http.on('upgrade', (req, socket, head) => {
				if (recordIdFromUrl(req.url) === undefined) return;
				sync ??= load();
				sync.then(
					(s) => s.handleUpgrade(req, socket, head),
					(err: unknown) => {
						vite.config.logger.error(`samla: the sync endpoint failed to load: ${(err as Error).stack ?? err}`);
						socket.destroy();
					}
				);
			});
			http.once('close', () => void sync?.then((s) => s.close()));
		}
	};
}
