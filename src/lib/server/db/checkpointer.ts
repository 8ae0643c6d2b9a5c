/**
 * WAL checkpoints on a thread of their own. By default SQLite checkpoints inside the
 * commit that fills the WAL past 1,000 pages: copying those pages into the database file
 * and waiting for the disk (synchronous=NORMAL syncs at checkpoints, not at commits)
 * then stalls the event loop, and with it every live edit waiting to be sent on. Here the
 * server's connection never checkpoints; a worker thread with its own connection runs
 * PASSIVE checkpoints, which copy what they can without blocking the writer.
 *
 * A passive checkpoint that never catches up with a busy writer lets the WAL grow, so
 * past a size the worker asks for a TRUNCATE checkpoint. That one holds the writer lock
 * from start to end: while it waits for readers (its busy timeout), while it copies what
 * the passive one left and while it syncs. Asked for whenever the WAL was large, it held
 * writers long enough to fail them: a reader pinning an old snapshot made every attempt
 * wait out its timeout and give up, and attempts back to back left the writer's busy
 * handler (polling every 100 ms at most) no gap to get in for its 5 s; when the reader let
 * go during an attempt, that attempt copied the whole backlog under the lock. So a
 * TRUNCATE is asked for only once passive passes have copied all but a little of the WAL
 * (no reader pins much of it, and the writer added little during the last pass), and at
 * most once a second: writers are then held for its wait (50 ms at most), that little
 * copy, two syncs and the file's truncation, with most of every second free. A reader
 * that holds an old snapshot still lets the WAL grow (nothing may be copied past what it
 * reads); once it lets go, the passive passes catch up and the TRUNCATE follows. If the
 * worker stops for any reason, the connection goes back to checkpointing itself.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './client';

export interface CheckpointerOptions {
	/** How often to checkpoint. */
	intervalMs?: number;
	/** A WAL larger than this is truncated even if that briefly holds writers back. */
	truncateAboveBytes?: number;
	log?: (line: string) => void;
}

export interface Checkpointer {
	/** Stops the worker; the connection checkpoints by itself again (and on close). */
	stop(): Promise<void>;
}

/** What SQLite does by default, restored when the worker is gone. */
const DEFAULT_AUTOCHECKPOINT = 1000;

/** CommonJS run by the worker: the module graph of the app is not loaded into it. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
// How long a TRUNCATE may wait for readers while it holds writers back (they wait 5 s).
db.pragma('busy_timeout = 50');
const pageSize = db.pragma('page_size', { simple: true });
// What a TRUNCATE may have to copy while it holds writers back, and how often it may try.
const COPY_UNDER_LOCK_BYTES = 1024 * 1024;
const TRUNCATE_EVERY_MS = 1000;
let nextTruncate = 0;
const passive = () => db.pragma('wal_checkpoint(PASSIVE)')[0];
const checkpoint = () => {
	try {
		let { log, checkpointed } = passive();
		if (log * pageSize <= workerData.truncateAboveBytes || Date.now() < nextTruncate) return;
		// A long copy lets the writer append a long tail meanwhile: copy that too, outside
		// the lock, until a pass finds little new.
		for (let pass = 0; pass < 4; pass++) {
			// More left than that: a reader holds an older snapshot, and the TRUNCATE would
			// wait for it and then copy the backlog, all while holding writers back.
			if ((log - checkpointed) * pageSize > COPY_UNDER_LOCK_BYTES) return;
			const before = log;
			({ log, checkpointed } = passive());
			if ((log - before) * pageSize <= COPY_UNDER_LOCK_BYTES && (log - checkpointed) * pageSize <= COPY_UNDER_LOCK_BYTES) {
				nextTruncate = Date.now() + TRUNCATE_EVERY_MS;
				db.pragma('wal_checkpoint(TRUNCATE)');
				return;
			}
		}
	} catch (err) {
		if (err.code !== 'SQLITE_BUSY') throw err;
	}
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
	clearInterval(timer);
	db.close();
	parentPort.close();
});
`;

export function startCheckpointer(db: Db, path: string, opts: CheckpointerOptions = {}): Checkpointer {
	const log = opts.log ?? ((line) => console.error(line));
	const worker = new Worker(WORKER, {
		eval: true,
		// Not the parent's flags: `--input-type=module` (a bench's `node -e`) would make this
		// CommonJS an ES module, and a loader such as tsx has nothing to compile here.
		execArgv: [],
		workerData: {
			driver: createRequire(import.meta.url).resolve('better-sqlite3'),
			path,
			intervalMs: opts.intervalMs ?? 1000,
			truncateAboveBytes: opts.truncateAboveBytes ?? 64 * 1024 * 1024
		}
	});
	worker.unref();
	db.$client.pragma('wal_autocheckpoint = 0');
	let stopping = false;
	const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
	worker.once('error', (err) => {
		if (!stopping) log(`samla: the WAL checkpoint thread stopped (${err.message}); checkpointing on the main thread again`);
	});
	void exited.then(() => {
		if (db.$client.open) db.$client.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
	});
	return {
		async stop() {
			stopping = true;
			// Unreferenced, the worker would let the process end before it has closed its connection.
			worker.ref();
			worker.postMessage('stop');
			await exited;
		}
	};
}
