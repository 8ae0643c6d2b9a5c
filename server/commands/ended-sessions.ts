import { randomBytes } from 'node:crypto';
import { readConfig } from '../../src/lib/server/config';

/**
 * On PostgreSQL, a command that ends sessions (`samla user disable`, `passwd`, `set-role`)
 * tells the running `samla start` processes over Redis, as a sign-out on one of them does,
 * so the person's sync sockets close at once instead of at each process's periodic re-check.
 * With SQLite there is no Redis, and the server's periodic re-check is the bound.
 */
export async function announceEndedSessions(command: string): Promise<{ close(): Promise<void> }> {
	const cfg = readConfig();
	const quiet = { close: async () => {} };
	if (cfg.database.kind !== 'postgres') return quiet;
	// Loaded only on PostgreSQL, the one mode that talks to Redis.
	const { startSessionFanout } = await import('../../src/lib/server/cluster/session-fanout');
	try {
		return await startSessionFanout({
			redisUrl: cfg.database.redisUrl,
			prefix: cfg.database.redisPrefix,
			processId: `${command}-${randomBytes(4).toString('hex')}`
		});
	} catch (err) {
		// The change itself is the database's; only its haste depends on Redis.
		console.error(
			`samla ${command}: Redis cannot be reached (${(err as Error).message}); open sync sockets close at their periodic session re-check`
		);
		return quiet;
	}
}
