/**
 * The production HTTP entry: SvelteKit's adapter-node handler on a server of our own, so the
 * sync socket shares its port. This edge runs under tsx and opens nothing itself: it offers
 * the server to the bundle (host.ts), whose init hook starts the services and the sync socket
 * on it from the bundle's own modules (serve.ts), then listens.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, type Config } from '../src/lib/server/config';
import { raiseBodyLimitForUploads } from '../src/lib/server/api/upload-body-limit';
import { offerHost } from './host';
import { MissingBuildError } from './build';
import { BUILD_DIR, MIGRATIONS_DIR, PG_MIGRATIONS_DIR } from './paths';

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
	const server = createServer();
	const host = offerHost({ server, cfg, migrations: { sqlite: MIGRATIONS_DIR, pg: PG_MIGRATIONS_DIR }, log });
	// Importing the handler runs the bundle's init hook, which serves on the offer (or throws why it cannot).
	const handler = await loadHandler(cfg).catch((err: unknown) => {
		// The build's own ConfigError class is not this one: carried over, so the command line says it as a configuration error.
		throw err instanceof Error && err.name === 'ConfigError' ? new ConfigError(err.message) : err;
	});
	const served = host.served;
	// A build made before the start moved into it serves itself (and may have opened the database): refused, and the process ends (commands/start.ts).
	if (!served)
		throw new MissingBuildError(`the build in ${BUILD_DIR} is older than this samla start and cannot serve with it: run npm run build`);
	server.on('request', handler);
	try {
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(cfg.port, cfg.host, () => resolve());
		});
	} catch (err) {
		await served.close();
		throw err;
	}
	const { port } = server.address() as AddressInfo;
	served.listening(port);
	const shownHost = cfg.host === '0.0.0.0' || cfg.host === '::' ? 'localhost' : cfg.host;
	const url = `http://${shownHost}:${port}`;
	log(`Samla is listening on ${url}${cfg.origin ? ` (public origin ${cfg.origin})` : ''}`);
	return { server, url, close: () => served.close() };
}
