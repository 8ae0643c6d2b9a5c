/**
 * The process-wide services. The production entry (server/) and the SvelteKit bundle
 * load separate copies of this module, so the one instance lives on globalThis:
 * whoever starts first creates it, everyone else gets the same database connection.
 */
import { resolve } from 'node:path';
import type { ApiLimits } from './api/rate-limit';
import { config, requireSqlite, type Config } from './config';
import { migrateDatabase, openDatabase, type Db } from './db/client';
import { sqliteSql, type Sql } from './db/sql';
import { createDocStore } from './docs/create';
import type { RecordStore } from './records/live';
import { startTeamWork } from './team-work';

export interface AppContext {
	config: Config;
	/** The synchronous SQLite handle, for the code not yet converted to `sql` (docs/database.md). */
	db: Db;
	/** The dialect-neutral async handle (db/sql.ts); in SQLite mode over the same connection as `db`. */
	sql: Sql;
	/** The one owner of live record documents; see docs/store.ts and records/live/. */
	docs: RecordStore;
	/** API rate limits shared by every process (Redis, cluster/services.ts); counted in this process when absent. */
	apiLimits?: ApiLimits;
}

const KEY = Symbol.for('samla.context');
type WithContext = typeof globalThis & { [KEY]?: AppContext };

export function setAppContext(ctx: AppContext): void {
	(globalThis as WithContext)[KEY] = ctx;
}

/** In `vite dev` nothing has started the services yet: open and migrate here. */
export function appContext(): AppContext {
	const g = globalThis as WithContext;
	if (!g[KEY]) {
		const cfg = config();
		const db = openDatabase(requireSqlite(cfg, 'the server (vite dev)'));
		migrateDatabase(db, resolve('drizzle'));
		const ctx = (g[KEY] = { config: cfg, db, sql: sqliteSql(db), docs: createDocStore(db, cfg) });
		startTeamWork(ctx.sql, cfg);
	}
	return g[KEY];
}

export const db = (): Db => appContext().db;
export const sql = (): Sql => appContext().sql;
export const docs = (): RecordStore => appContext().docs;
/** The licence the public data is published under (SAMLA_DATA_LICENCE). */
export const dataLicence = () => appContext().config.dataLicence;
