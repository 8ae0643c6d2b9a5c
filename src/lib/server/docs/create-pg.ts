/**
 * The document store in PostgreSQL mode (issue 13): the log and the records rows in
 * PostgreSQL, edits announced to the other processes over Redis.
 */
import type { Config } from '../config';
import type { PgDb } from '../db/pg-client';
import { emitEvent } from '../events';
import { timedPersistence } from '../ops/timed-persistence';
import type { RecordStore } from '../records/live';
import { PgRecordRows } from '../records/live/pg-rows';
import type { Announcer } from './announcer';
import { recordDocStore, type RecordStoreOptions } from './create';
import { PgPersistence } from './pg-persistence';

export function pgRecordStore(
	db: PgDb,
	announcer: Announcer,
	{ now, provenance, ...opts }: Omit<RecordStoreOptions, 'persistence' | 'announcer'> = {}
): RecordStore {
	const persistence = new PgPersistence(db, now);
	return recordDocStore({
		...opts,
		now,
		announcer,
		persistence,
		rows: new PgRecordRows(db),
		clearProvenance: provenance ? (recordId, fields) => persistence.clearSpans(recordId, fields) : undefined
	});
}

/** The app's store on PostgreSQL, as `samla start` builds it: createDocStore's twin. */
export function createPgDocStore(
	db: PgDb,
	announcer: Announcer,
	cfg: Pick<Config, 'sync'> & { database: Extract<Config['database'], { kind: 'postgres' }> }
): RecordStore {
	const persistence = new PgPersistence(db, undefined, { durable: cfg.database.durableEdits });
	return recordDocStore({
		announcer,
		persistence: timedPersistence(persistence),
		rows: new PgRecordRows(db),
		clearProvenance: (recordId, fields) => persistence.clearSpans(recordId, fields),
		compactAfter: cfg.sync.compactAfter,
		idleUnloadMs: cfg.sync.idleUnloadMs,
		catchUpEveryMs: cfg.sync.catchUpMs,
		// Open lists (the live queue) in this process reload a record's row once it is written here.
		more: [{ name: 'record-changed-event', project: async ({ name }) => emitEvent('record.changed', { recordId: name, at: new Date() }) }]
	});
}
