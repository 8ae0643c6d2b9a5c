/** The document store for a suite's database (describeEachDialect), as the server builds it for that dialect. */
import type { PgDb } from '../../src/lib/server/db/pg-client';
import { InProcessAnnouncer, type Announcer } from '../../src/lib/server/docs/announcer';
import { recordDocStore, recordStore, type RecordStoreOptions } from '../../src/lib/server/docs/create';
import { pgRecordStore } from '../../src/lib/server/docs/create-pg';
import type { DocPersistence } from '../../src/lib/server/docs/persistence';
import { PgPersistence } from '../../src/lib/server/docs/pg-persistence';
import { SqlitePersistence } from '../../src/lib/server/docs/sqlite-persistence';
import type { RecordStore } from '../../src/lib/server/records/live';
import { PgRecordRows } from '../../src/lib/server/records/live/pg-rows';
import type { DialectDatabase } from './dialects';

export function dialectRecordStore(
	database: DialectDatabase,
	{ persistence, announcer, ...opts }: Omit<RecordStoreOptions, 'announcer'> & { announcer?: Announcer } = {}
): RecordStore {
	if (database.sqlite) return recordStore(database.sqlite, { persistence, announcer, ...opts });
	const db = database.sql.db as unknown as PgDb;
	// A single process: nobody to announce to.
	const heard = announcer ?? new InProcessAnnouncer();
	if (!persistence) return pgRecordStore(db, heard, opts);
	// A log the test wraps (a slow append): pgRecordStore's own, with that log instead of PgPersistence.
	const { provenance, ...rest } = opts;
	// On PostgreSQL spans are cleared by the log's own appends (PgPersistence.clearSpans), which a wrapped log does not make.
	if (provenance) throw new Error('provenance needs the store’s own PostgreSQL log');
	return recordDocStore({ ...rest, announcer: heard, persistence, rows: new PgRecordRows(db) });
}

/** The document log of that dialect, as the store keeps it. */
export function dialectPersistence(database: DialectDatabase): DocPersistence {
	return database.sqlite ? new SqlitePersistence(database.sqlite) : new PgPersistence(database.sql.db as unknown as PgDb);
}
