import { readConfig } from '../../src/lib/server/config';
import { claimDatabase } from '../backup';
import { ensureBuilt } from '../build';
import { startServer } from '../start';
import type { Command } from './command';

export const startCommand: Command = {
	name: 'start',
	summary: 'build if needed, migrate the database, ingest seeds/ on first start, and serve',
	help: `Usage: samla start

Builds the app if the build is missing or stale, applies database migrations, ingests
seeds/ on the first start of a database, and serves on PORT (default 3000).

Environment: PORT, HOST, DATABASE_PATH (default data/samla.db), ORIGIN, SEEDS_DIR,
and adapter-node's PROTOCOL_HEADER, HOST_HEADER, PORT_HEADER, ADDRESS_HEADER, XFF_DEPTH.`,
	async run() {
		const cfg = readConfig();
		ensureBuilt(console.log);
		const running = await startServer(cfg);
		const release = claimDatabase(cfg.databasePath);
		await new Promise<void>((resolve) => {
			const stop = (signal: string) => {
				console.log(`${signal} received: closing connections and the database…`);
				running.close().then(() => {
					release();
					resolve();
				});
			};
			process.once('SIGINT', () => stop('SIGINT'));
			process.once('SIGTERM', () => stop('SIGTERM'));
		});
		return 0;
	}
};
