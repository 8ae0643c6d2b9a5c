/**
 * The document store in PostgreSQL mode (issue 13): the log and the records rows in
 * PostgreSQL, edits announced to the other processes over Redis. Not used by the server
 * yet (it still refuses to start on PostgreSQL); tests/cluster/ runs it.
 */
import type { Announcer } from './announcer';
import type { PgDb } from '../db/pg-client';
import type { RecordStore } from '../records/live';
import { PgRecordRows } from '../records/live/pg-rows';
import { recordDocStore, type RecordStoreOptions } from './create';
import { PgPersistence } from './pg-persistence';

export function pgRecordStore(
	db: PgDb,
	announcer: Announcer,
	{ now, ...opts }: Omit<RecordStoreOptions, 'persistence' | 'announcer' | 'provenance'> = {}
): RecordStore {
	return recordDocStore({ ...opts, now, announcer, persistence: new PgPersistence(db, now), rows: new PgRecordRows(db) });
}
