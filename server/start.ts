/** The production HTTP entry: SvelteKit's adapter-node handler on a server of our own, so the sync socket shares its port. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '../src/lib/server/config';
import { setAppContext, type AppContext } from '../src/lib/server/context';
import { openAppServices } from '../src/lib/server/app-services';
import { approveSeedsForDemo } from './demo';
import { raiseBodyLimitForUploads } from '../src/lib/server/api/request-guards';
import { ensureFirstAdmin } from './first-admin';
import { BUILD_DIR, MIGRATIONS_DIR, PG_MIGRATIONS_DIR } from './paths';
import { seedOnFirstStart } from './seed';
import { backfillOrganisations } from '../src/lib/server/public/index-organisations';
import { attachSync } from './sync/attach';
import { setOwnPort } from '../src/lib/server/self-address';
import { startTeamWork } from '../src/lib/server/team-work';

export interface RunningServer {
	server: Server;
	url: string;
	close(): Promise<void>;
}

type NodeHandler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;

const OWN_PROTOCOL_HEADER = 'x-samla-protocol';

/**
 * adapter-node takes a request for https unless ORIGIN or PROTOCOL_HEADER says otherwise,
 * and SvelteKit's CSRF check then refuses every form posted from a plain-http page. When
 * neither is configured this server is reached directly, over http, so say so in a header
 * of our own (overwriting anything a client sent in it). adapter-node reads its
 * environment when handler.js is first imported, hence before the import.
 */
async function loadHandler(cfg: Config): Promise<NodeHandler> {
	// Uploads need more than adapter-node's 512 KB; other paths are held to that in hooks.server.ts.
	raiseBodyLimitForUploads(cfg);
	const direct = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
	if (direct) process.env.PROTOCOL_HEADER = OWN_PROTOCOL_HEADER;
	const { handler } = (await import(pathToFileURL(join(BUILD_DIR, 'handler.js')).href)) as { handler: NodeHandler };
	if (!direct) return handler;
	return (req, res) => {
		req.headers[OWN_PROTOCOL_HEADER] = 'http';
		handler(req, res);
	};
}

export async function startServer(cfg: Config, log: (line: string) => void = console.log): Promise<RunningServer> {
	const services = await openAppServices(cfg, { sqlite: MIGRATIONS_DIR, pg: PG_MIGRATIONS_DIR });
	const { ctx } = services;
	setAppContext(ctx);
	if (services.pg) {
		const { processId, migrationsApplied } = services.pg;
		log(`PostgreSQL + Redis mode: process ${processId}; migrations applied by this process: ${migrationsApplied}`);
	}
	try {
		await firstStart(ctx, cfg, log);
	} catch (err) {
		// PostgreSQL mode's open connections (the pool, Redis, the heartbeat) would keep a process that cannot start running.
		await services.close();
		throw err;
	}

	const handler = await loadHandler(cfg);
	const server = createServer(handler);
	const sync = attachSync(server, ctx);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(cfg.port, cfg.host, () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	setOwnPort(port);
	// After listening: the webhook guard needs the real port, and deliveries queued before a restart go out now.
	const team = startTeamWork(ctx.sql, cfg);
	const shownHost = cfg.host === '0.0.0.0' || cfg.host === '::' ? 'localhost' : cfg.host;
	const url = `http://${shownHost}:${port}`;
	log(`Samla is listening on ${url}${cfg.origin ? ` (public origin ${cfg.origin})` : ''}`);

	return {
		server,
		url,
		close: async () => {
			// Stop accepting first: no new connection, so no new request or sync socket. Then
			// the sync sockets (1001: clients reconnect to the next server and re-send anything
			// unstored) while requests already under way get a moment to finish; then the
			// store's last writes, projections and compactions; then (PostgreSQL mode) the
			// Redis services; then the database.
			const drained = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeIdleConnections();
			await sync.close();
			await team.stop();
			await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
			server.closeAllConnections();
			await drained;
			await services.close();
		}
	};
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
