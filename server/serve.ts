/**
 * The production server's start, run inside the SvelteKit bundle by its init hook
 * (hooks.server.ts) on the HTTP server `samla start` offered (host.ts): the app's pages, its
 * sync socket and the services both use are one module graph, so no service exists twice
 * in the process. `vite dev` offers nothing and opens its services in startAppContext().
 */
import { setAppContext, type AppContext } from '../src/lib/server/context';
import { openAppServices } from '../src/lib/server/app-services';
import { backfillOrganisations } from '../src/lib/server/public/index-organisations';
import { setOwnPort } from '../src/lib/server/self-address';
import { startTeamWork, type TeamWork } from '../src/lib/server/team-work';
import type { Config } from '../src/lib/server/config';
import { approveSeedsForDemo } from './demo';
import { ensureFirstAdmin } from './first-admin';
import { takeHost } from './host';
import { seedOnFirstStart } from './seed';
import { attachSync } from './sync/attach';
import type { SyncServer } from './sync/sync-server';

/** Serves on the offered HTTP server, if `samla start` offered one; false under `vite dev`. */
export async function serveOffered(): Promise<boolean> {
	const host = takeHost();
	if (!host) return false;
	const { server, cfg, log } = host;
	const services = await openAppServices(cfg, host.migrations);
	const { ctx } = services;
	setAppContext(ctx);
	if (services.pg) {
		const { processId, migrationsApplied } = services.pg;
		log(`PostgreSQL + Redis mode: process ${processId}; migrations applied by this process: ${migrationsApplied}`);
	}
	let sync: SyncServer;
	try {
		await firstStart(ctx, cfg, log);
		sync = attachSync(server, ctx);
	} catch (err) {
		// PostgreSQL mode's open connections (the pool, Redis, the heartbeat) would keep a process that cannot start running.
		await services.close();
		throw err;
	}
	let team: TeamWork | undefined;
	host.served = {
		listening(port) {
			setOwnPort(port);
			// After listening: the webhook guard needs the real port, and deliveries queued before a restart go out now.
			team = startTeamWork(ctx.sql, cfg);
		},
		close: async () => {
			// Stop accepting first: no new connection, so no new request or sync socket. Then
			// the sync sockets (1001: clients reconnect to the next server and re-send anything
			// unstored) while requests already under way get a moment to finish; then the
			// store's last writes, projections and compactions; then (PostgreSQL mode) the
			// Redis services; then the database.
			const drained = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeIdleConnections();
			await sync.close();
			await team?.stop();
			await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
			server.closeAllConnections();
			await drained;
			await services.close();
		}
	};
	return true;
}

/**
 * On every start the organisation index is filled if it is empty (a database from before it
 * existed); on a new database's first start the seeds are ingested; then the first admin, and
 * with --demo the seeds approved. Processes starting together do each once (each takes a lock).
 */
async function firstStart(ctx: AppContext, cfg: Config, log: (line: string) => void): Promise<void> {
	await backfillOrganisations(ctx.sql);
	const seeded = await seedOnFirstStart(ctx.sql, cfg, log);
	await ensureFirstAdmin(ctx.sql, cfg, log);
	if (cfg.demo) await approveSeedsForDemo(ctx, { seeded, adminEmail: cfg.adminEmail }, log);
}
