/**
 * What a Samla process opens before it serves and closes after, in either mode
 * (docs/deploy.md): `samla start` (server/serve.ts, in the build) and `vite dev`
 * (context.ts) open it here.
 *
 * - SQLite: the file, migrated, its checkpointer, the store over it.
 * - PostgreSQL + Redis: the pool; drizzle/pg/ applied under pg_advisory_lock (processes
 *   starting together migrate once); the cluster services (the store's Redis announcer,
 *   ended sessions across processes, the shared API limits) started before the store that
 *   announces through them. Only this mode loads them, and with them the Redis client.
 *
 * The context holds only the async `sql`; the SQLite `Db` stays here, for the checkpointer.
 */
import { redact, type Config } from './config';
import type { AppContext } from './context';
import { startCheckpointer } from './db/checkpointer';
import { migrateDatabase, openDatabase } from './db/client';
import { migratePgDatabase, openPgDatabase } from './db/pg-client';
import { pgSql, sqliteSql } from './db/sql';
import { createDocStore } from './docs/create';
import { createPgDocStore } from './docs/create-pg';
import { openSearchIndex } from './public/search-index';

export interface AppServices {
	ctx: AppContext;
	/** PostgreSQL mode: this process's name in Redis (fan-out, heartbeats) and the migrations it applied itself; null on SQLite. */
	pg: { processId: string; migrationsApplied: number } | null;
	/** The store's last writes, then the Redis services, then the database. Close the sync sockets and team work first. */
	close(): Promise<void>;
}

export interface MigrationDirs {
	/** drizzle/ */
	sqlite: string;
	/** drizzle/pg/ */
	pg: string;
}

/**
 * Synchronous, so `vite dev` can still open SQLite on first use. `checkpointer`: WAL
 * checkpoints on a worker thread (`samla start`); `vite dev` leaves them to the connection.
 */
export function openSqliteServices(
	cfg: Config,
	path: string,
	dirs: Pick<MigrationDirs, 'sqlite'>,
	{ checkpointer = true }: { checkpointer?: boolean } = {}
): AppServices {
	const db = openDatabase(path);
	migrateDatabase(db, dirs.sqlite);
	const checkpoints = checkpointer ? startCheckpointer(db, path) : null;
	const docs = createDocStore(db, cfg);
	return {
		ctx: { config: cfg, sql: sqliteSql(db), docs },
		pg: null,
		async close() {
			await docs.close();
			await checkpoints?.stop();
			db.$client.close();
		}
	};
}

export async function openPgServices(
	cfg: Config,
	database: Extract<Config['database'], { kind: 'postgres' }>,
	dirs: MigrationDirs
): Promise<AppServices> {
	const { applied } = await migratePgDatabase(database.url, dirs.pg).catch((err: Error) => {
		throw new Error(`PostgreSQL at ${redact(database.url)} could not be migrated: ${err.message}`, { cause: err });
	});
	// Loaded here, not at the top: SQLite mode never talks to Redis, so it never loads the client.
	const { startClusterServices } = await import('./cluster/services');
	const db = openPgDatabase(database.url);
	let cluster;
	try {
		cluster = await startClusterServices({
			redisUrl: database.redisUrl,
			prefix: database.redisPrefix,
			apiRatePerMinute: cfg.apiRatePerMinute
		});
	} catch (err) {
		await db.$client.end();
		throw new Error(`Redis at ${redact(database.redisUrl)} could not be reached: ${(err as Error).message}`, { cause: err });
	}
	const sql = pgSql(db);
	// The public search runs on this process's own index, kept at the database's generation (public/search-index.ts).
	await openSearchIndex(sql, dirs.sqlite);
	const docs = createPgDocStore(db, cluster.announcer, { sync: cfg.sync, database });
	const services = cluster;
	return {
		ctx: { config: cfg, sql, docs, apiLimits: cluster.apiLimits },
		pg: { processId: cluster.processId, migrationsApplied: applied },
		async close() {
			await docs.close();
			await services.close();
			await db.$client.end();
		}
	};
}

export async function openAppServices(cfg: Config, dirs: MigrationDirs): Promise<AppServices> {
	return cfg.database.kind === 'postgres' ? openPgServices(cfg, cfg.database, dirs) : openSqliteServices(cfg, cfg.database.path, dirs);
}
