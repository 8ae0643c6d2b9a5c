/**
 * The hand-over between `samla start`'s edge and the SvelteKit bundle (issue 13: one module
 * graph). The edge (start.ts, under tsx) makes the HTTP server and offers it here before it
 * imports build/handler.js; importing the handler runs the bundle's init hook, which takes
 * the offer and starts everything on it from the bundle's own modules (serve.ts): the
 * services, the first-start work and the sync socket, so the app and the sync server share
 * one copy of each. The offer is the one thing that crosses between the two module graphs,
 * so it lives on globalThis, under a key both copies of this module agree on.
 */
import type { Server } from 'node:http';
import type { MigrationDirs } from '../src/lib/server/app-services';
import type { Config } from '../src/lib/server/config';

export interface Served {
	/** Once the server listens: the port is known, so the work that needs it starts. */
	listening(port: number): void;
	/** Stops the sockets, the workers and the services, in that order (start.ts's close). */
	close(): Promise<void>;
}

export interface HostOffer {
	server: Server;
	cfg: Config;
	migrations: MigrationDirs;
	log(line: string): void;
	/** Set by the bundle once it serves on `server`. */
	served?: Served;
}

const KEY = Symbol.for('samla.host');
type WithHost = typeof globalThis & { [KEY]?: HostOffer };

export function offerHost(offer: HostOffer): HostOffer {
	(globalThis as WithHost)[KEY] = offer;
	return offer;
}

/** The offer, once: a second init (there is none in a built server) finds nothing to take. */
export function takeHost(): HostOffer | undefined {
	const g = globalThis as WithHost;
	const offer = g[KEY];
	delete g[KEY];
	return offer;
}
