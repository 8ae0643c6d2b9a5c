/** The app's document store over its SQLite database, as server/start.ts and `vite dev` create it. */
import type { Config } from '../config';
import type { Db } from '../db/client';
import { timedPersistence } from '../ops/timed-persistence';
import { InProcessAnnouncer } from './announcer';
import { SqlitePersistence } from './sqlite-persistence';
import { DocStore } from './store';

export function createDocStore(db: Db, cfg: Pick<Config, 'sync'>): DocStore {
	return new DocStore({
		persistence: timedPersistence(new SqlitePersistence(db)),
		announcer: new InProcessAnnouncer(),
		compactAfter: cfg.sync.compactAfter,
		idleUnloadMs: cfg.sync.idleUnloadMs
	});
}
