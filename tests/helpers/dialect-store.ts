/** The document store for a suite's database (describeEachDialect), as the server builds it for that dialect. */
import type { PgDb } from '../../src/lib/server/db/pg-client';
import { InProcessAnnouncer } from '../../src/lib/server/docs/announcer';
import { recordStore, type RecordStoreOptions } from '../../src/lib/server/docs/create';
import { pgRecordStore } from '../../src/lib/server/docs/create-pg';
import type { RecordStore } from '../../src/lib/server/records/live';
import type { DialectDatabase } from './dialects';

export function dialectRecordStore(
	database: DialectDatabase,
	opts: Omit<RecordStoreOptions, 'persistence' | 'announcer'> = {}
): RecordStore {
	if (database.sqlite) return recordStore(database.sqlite, opts);
	// A single process: nobody to announce to.
	return pgRecordStore(database.sql.db as unknown as PgDb, new InProcessAnnouncer(), opts);
}
