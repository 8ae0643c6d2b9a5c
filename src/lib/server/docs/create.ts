/** The app's document store over its SQLite database, as server/start.ts and `vite dev` create it. */
import type { Config } from '../config';
import type { Db } from '../db/client';
import { emitEvent } from '../events';
import { timedPersistence } from '../ops/timed-persistence';
import { clearProvenance, FROM_SOURCE } from '../records/source-provenance';
import { InProcessAnnouncer } from './announcer';
import { SqlitePersistence } from './sqlite-persistence';
import { DocStore } from './store';

export function createDocStore(db: Db, cfg: Pick<Config, 'sync'>): DocStore {
	return new DocStore({
		persistence: timedPersistence(new SqlitePersistence(db)),
		announcer: new InProcessAnnouncer(),
		compactAfter: cfg.sync.compactAfter,
		idleUnloadMs: cfg.sync.idleUnloadMs,
		// A value typed by hand is no longer the one a span in the source states.
		onPersonChange: (recordId, origin, fields) => {
			if (origin.label !== FROM_SOURCE) clearProvenance(db, recordId, fields);
		},
		onProjected: (recordId) => emitEvent('record.changed', { recordId, at: new Date() })
	});
}
