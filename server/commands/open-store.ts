/**
 * The database and the live record store, as a server process has them, for commands that
 * change records' documents (`samla reextract`). On PostgreSQL the command's store joins the
 * running servers over Redis, so their open records hear its edits as they hear each other's.
 */
import { randomBytes } from 'node:crypto';
import { readConfig } from '../../src/lib/server/config';
import type { Db } from '../../src/lib/server/db/client';
import type { PgDb } from '../../src/lib/server/db/pg-client';
import type { Sql } from '../../src/lib/server/db/sql';
import { createDocStore } from '../../src/lib/server/docs/create';
import { pgRecordStore } from '../../src/lib/server/docs/create-pg';
import type { RecordStore } from '../../src/lib/server/records/live';
import { openConfiguredSql } from './open-db';

export async function openConfiguredStore(command: string): Promise<{ sql: Sql; docs: RecordStore; close(): Promise<void> }> {
	const cfg = readConfig();
	const opened = await openConfiguredSql();
	const { sql } = opened;
	if (cfg.database.kind === 'sqlite') {
		// sql.db is the Drizzle connection the store takes (sql.ts casts it the other way).
		const docs = createDocStore(sql.db as unknown as Db, cfg);
		return { sql, docs, close: async () => (await docs.close(), await opened.close()) };
	}
	const log = (line: string) => console.error(line);
	// Loaded only on PostgreSQL, the one mode that talks to Redis.
	const { FanoutAnnouncer } = await import('../../src/lib/server/cluster/fanout-announcer');
	const announcer = await FanoutAnnouncer.start({
		redisUrl: cfg.database.redisUrl,
		prefix: cfg.database.redisPrefix,
		processId: `${command.replace(/\W+/g, '-')}-${randomBytes(4).toString('hex')}`,
		log
	}).catch(async (err: unknown) => {
		await opened.close();
		throw err;
	});
	const docs = pgRecordStore(sql.db as unknown as PgDb, announcer, { compactAfter: cfg.sync.compactAfter, log });
	return {
		sql,
		docs,
		async close() {
			await docs.close();
			await announcer.close();
			await opened.close();
		}
	};
}
