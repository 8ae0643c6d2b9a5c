import { parseArgs } from 'node:util';
import { readConfig } from '../../src/lib/server/config';
import { claimDatabase } from '../backup';
import { ensureBuilt } from '../build';
import { announceDatabase } from '../database-name';
import { startServer } from '../start';
import type { Command } from './command';

/** A second signal, or a supervisor's SIGKILL, usually follows within a few seconds more. */
const SHUTDOWN_LIMIT_MS = 4500;

export const startCommand: Command = {
	name: 'start',
	summary: 'build if needed, migrate the database, ingest seeds/ on first start, and serve',
	help: `Usage: samla start [--demo]

Builds the app if the build is missing or stale, applies database migrations, ingests
seeds/ on the first start of a database, and serves on PORT (default 3000).

  --demo   on the first start of a database, also approve the seed records, so the
           public pages show them at once (same as SAMLA_DEMO=1)

Environment: PORT, HOST, DATABASE_PATH (default data/samla.db), ORIGIN, SEEDS_DIR, SAMLA_DEMO,
and adapter-node's PROTOCOL_HEADER, HOST_HEADER, PORT_HEADER, ADDRESS_HEADER, XFF_DEPTH.`,
	async run(args) {
		const { values } = parseArgs({ args, options: { demo: { type: 'boolean' } } });
		const cfg = { ...readConfig(), ...(values.demo ? { demo: true } : {}) };
		announceDatabase(cfg.databasePath);
		ensureBuilt(console.log);
		const running = await startServer(cfg);
		const release = claimDatabase(cfg.databasePath);
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
