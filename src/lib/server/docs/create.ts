/** The app's document store over its SQLite database, as `samla start` (server/serve.ts) and `vite dev` create it. */
import { readRecordDoc } from '../../records/ydoc';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { emitEvent } from '../events';
import { timedPersistence } from '../ops/timed-persistence';
import { recordExtensions, type RecordExtensionOptions, type RecordStore } from '../records/live';
import { SqliteRecordRows } from '../records/live/sqlite-rows';
import { clearProvenance } from '../records/source-provenance';
import type { DocExtension } from './extension';
import type { DocPersistence } from './persistence';
import { SqlitePersistence } from './sqlite-persistence';
import { DocStore, type DocStoreOptions } from './store';

export interface RecordStoreOptions extends Omit<DocStoreOptions, 'persistence' | 'extensions' | 'view'> {
	/** The log; SQLite in the same database by default. */
	persistence?: DocPersistence;
	now?: () => Date;
	/** Clear source provenance of fields a person types in, as the app does. */
	provenance?: boolean;
	/** More extensions after the record ones (they see the records row already written). */
	more?: DocExtension[];
}

/** A store of record documents over `db`: the generic store with the record extensions. */
export function recordStore(db: Db, { persistence, provenance, ...opts }: RecordStoreOptions = {}): RecordStore {
	return recordDocStore({
		...opts,
		persistence: persistence ?? new SqlitePersistence(db),
		rows: new SqliteRecordRows(db),
		clearProvenance: provenance ? (recordId, fields) => clearProvenance(db, recordId, fields) : undefined
	});
}

/** The generic store with the record extensions over any log and records rows (SQLite, PostgreSQL). */
export function recordDocStore({
	persistence,
	rows,
	clearProvenance,
	now = () => new Date(),
	more = [],
	...opts
}: Omit<RecordStoreOptions, 'provenance'> &
	Pick<RecordExtensionOptions, 'rows' | 'clearProvenance'> & { persistence: DocPersistence }): RecordStore {
	const log = opts.log ?? ((line: string) => console.error(line));
	return new DocStore({
		...opts,
		log,
		persistence,
		view: readRecordDoc,
		extensions: recordExtensions({ rows, now, log, clearProvenance }).concat(more)
	});
}

export function createDocStore(db: Db, cfg: Pick<Config, 'sync'>): RecordStore {
	return recordStore(db, {
		persistence: timedPersistence(new SqlitePersistence(db)),
		compactAfter: cfg.sync.compactAfter,
		idleUnloadMs: cfg.sync.idleUnloadMs,
		provenance: true,
		// Open lists (the live queue) reload a record's row once it is written.
		more: [{ name: 'record-changed-event', project: async ({ name }) => emitEvent('record.changed', { recordId: name, at: new Date() }) }]
	});
}
