/**
 * The process-wide services. `samla start` opens them inside the SvelteKit bundle, the app
 * and its sync socket one module graph (server/serve.ts). They live on globalThis rather
 * than in this module because `vite dev` runs a server module again when one of its files
 * changes, while the sync server it started keeps the modules it first had: globalThis keeps
 * one instance per process, whoever starts first creating it. The other process-wide
 * singletons (the metrics, the logger, the event listeners) are kept there for this reason.
 */
import { resolve } from 'node:path';
import type { ApiLimits } from './api/rate-limit';
import { openPgServices, openSqliteServices, type MigrationDirs } from './app-services';
import { config, type Config } from './config';
import type { Sql } from './db/sql';
import type { RecordStore } from './records/live';
import { startTeamWork } from './team-work';
import { backfillOrganisations } from './public/index-organisations';
import { logger } from './ops/log';

export interface AppContext {
	config: Config;
	/** The dialect-neutral async handle (db/sql.ts), on SQLite or PostgreSQL. */
	sql: Sql;
	/** The one owner of live record documents; see docs/store.ts and records/live/. */
	docs: RecordStore;
	/** API rate limits shared by every process (Redis, cluster/services.ts); counted in this process when absent. */
	apiLimits?: ApiLimits;
}

const KEY = Symbol.for('samla.context');
const STARTING = Symbol.for('samla.context.starting');
type WithContext = typeof globalThis & { [KEY]?: AppContext; [STARTING]?: Promise<AppContext> };

/** `vite dev` runs from the project folder. */
const devMigrations = (): MigrationDirs => ({ sqlite: resolve('drizzle'), pg: resolve('drizzle/pg') });

export function setAppContext(ctx: AppContext): void {
	(globalThis as WithContext)[KEY] = ctx;
}

/**
 * In `vite dev` nothing has started the services yet: open and migrate here. SQLite opens
 * on first use; PostgreSQL opens asynchronously, in startAppContext() (hooks.server.ts's
 * init and the sync endpoint call it before anything asks for the context).
 */
export function appContext(): AppContext {
	const g = globalThis as WithContext;
	if (!g[KEY]) {
		const cfg = config();
		if (cfg.database.kind === 'postgres') {
			throw new Error('PostgreSQL mode: the app context is opened by samla start or startAppContext(), and neither has finished yet');
		}
		const ctx = (g[KEY] = openSqliteServices(cfg, cfg.database.path, devMigrations(), { checkpointer: false }).ctx);
		startTeamWork(ctx.sql, cfg);
		// samla start does this before it listens; here the first request must not wait for it.
		backfillOrganisations(ctx.sql).catch((err: Error) => logger().error({ err }, 'filling the organisation index failed'));
	}
	return g[KEY];
}

/** The context, opened for `vite dev` when nothing has yet (under `samla start`, server/serve.ts sets it as the build starts). */
export function startAppContext(): Promise<AppContext> {
	const g = globalThis as WithContext;
	if (g[KEY]) return Promise.resolve(g[KEY]);
	const cfg = config();
	if (cfg.database.kind !== 'postgres') return Promise.resolve(appContext());
	const database = cfg.database;
	g[STARTING] ??= openPgServices(cfg, database, devMigrations()).then(({ ctx }) => {
		g[KEY] = ctx;
		startTeamWork(ctx.sql, cfg);
		return ctx;
	});
	return g[STARTING];
}

export const sql = (): Sql => appContext().sql;
export const docs = (): RecordStore => appContext().docs;
/** The licence the public data is published under (SAMLA_DATA_LICENCE). */
export const dataLicence = () => appContext().config.dataLicence;
