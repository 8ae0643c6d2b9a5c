import { parseArgs } from 'node:util';
import { readConfig } from '../../src/lib/server/config';
import { claimDatabase } from '../backup';
import { requireBuild } from '../build';
import { announceDatabase } from '../database-name';
import { startServer } from '../start';
import type { Command } from './command';

/** A second signal, or a supervisor's SIGKILL, usually follows within a few seconds more. */
export const SHUTDOWN_LIMIT_MS = 4500;

export const startCommand: Command = {
	name: 'start',
	summary: 'serve the build: migrate the database, ingest seeds/ on first start (with --demo, approve them), and serve',
	help: `Usage: samla start [--demo]

Serves the build in build/ (made by "npm run build"; this command never builds, and
without a build it stops and says so), applies database migrations, ingests seeds/ on
the first start of a database, and serves the app and its /sync socket on PORT
(default 3000). "node build" runs this same command.

  --demo   on the first start of a database, also approve the seed records, so the
           public pages show them at once (same as SAMLA_DEMO=1)

With DATABASE_URL (PostgreSQL) and REDIS_URL set, any number of processes serve one
database (docs/deploy.md); they migrate it, ingest seeds/ and make the first admin once
between them.

Environment: PORT, HOST, DATABASE_PATH (default data/samla.db), DATABASE_URL, REDIS_URL,
REDIS_PREFIX, ORIGIN, SEEDS_DIR, SAMLA_DEMO, and adapter-node's PROTOCOL_HEADER,
HOST_HEADER, PORT_HEADER, ADDRESS_HEADER, XFF_DEPTH.`,
	async run(args) {
		const { values } = parseArgs({ args, options: { demo: { type: 'boolean' } } });
		const cfg = { ...readConfig(), ...(values.demo ? { demo: true } : {}) };
		announceDatabase(cfg.database);
		requireBuild();
		const running = await startServer(cfg).catch((err: unknown) => {
			// What a start that failed half-way left open (PostgreSQL's pool, Redis, a build's own
			// services) would keep the process alive, never serving: it ends once the error is said.
			setTimeout(() => process.exit(1), 1000).unref();
			throw err;
		});
		// The pid file tells `samla restore` that the SQLite file is in use; PostgreSQL has no file to claim.
		const release = cfg.database.kind === 'sqlite' ? claimDatabase(cfg.database.path) : () => {};
		await new Promise<void>((resolve) => {
			const stop = (signal: string) => {
				console.log(`${signal} received: closing connections and the database…`);
				// Whatever hangs, the process is gone within 5 s (a supervisor's patience). Every
				// stored update is committed as it is made, so leaving early is no worse than a crash.
				setTimeout(() => {
					console.error(`samla: the shutdown did not finish within ${SHUTDOWN_LIMIT_MS / 1000} s; exiting anyway`);
					process.exit(1);
				}, SHUTDOWN_LIMIT_MS).unref();
				running.close().then(
					() => {
						release();
						resolve();
					},
					(err: unknown) => {
						console.error(`samla: the shutdown failed: ${(err as Error).stack ?? err}`);
						release();
						process.exitCode = 1;
						resolve();
					}
				);
			};
			process.once('SIGINT', () => stop('SIGINT'));
			process.once('SIGTERM', () => stop('SIGTERM'));
		});
		return 0;
	}
};
