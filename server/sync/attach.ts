/** The sync endpoint with the app's store, sessions and origin, on the app's HTTP server. */
import type { Server } from 'node:http';
import type { AppContext } from '../../src/lib/server/context';
import { metrics } from '../../src/lib/server/ops/metrics';
import { sessionAuthenticator } from './session-auth';
import { SyncServer } from './sync-server';
import { refuse } from './upgrade';

export function createAppSync(ctx: AppContext): SyncServer {
	const sync = new SyncServer({
		store: ctx.docs,
		authenticate: sessionAuthenticator(ctx.sql),
		origin: ctx.config.origin,
		sessionRecheckMs: ctx.config.sync.sessionRecheckMs,
		maxSocketsPerUser: ctx.config.sync.maxSocketsPerUser
	});
	metrics().sources.syncConnections = () => sync.connectionCount;
	return sync;
}

/** The production server has no other WebSocket endpoint, so any other upgrade is answered 404. */
export function attachSync(server: Server, ctx: AppContext): SyncServer {
	const sync = createAppSync(ctx);
	server.on('upgrade', (req, socket, head) => {
		if (!sync.handleUpgrade(req, socket, head)) refuse(socket, 404, 'No WebSocket endpoint here.');
	});
	return sync;
}
