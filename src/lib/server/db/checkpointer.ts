/**
 * WAL checkpoints on a thread of their own. By default SQLite checkpoints inside the
 * commit that fills the WAL past 1,000 pages: copying those pages into the database file
 * and waiting for the disk (synchronous=NORMAL syncs at checkpoints, not at commits)
 * then stalls the event loop, and with it every live edit waiting to be sent on. Here the
 * server's connection never checkpoints; a worker thread with its own connection runs
 * PASSIVE checkpoints, which copy what they can without blocking the writer.
 *
 * A passive checkpoint that never catches up with a busy writer lets the WAL grow, so
 * past a size the worker asks for a TRUNCATE checkpoint, which briefly holds writers
 * back; its short busy timeout makes it give up and retry rather than wait. If the worker
 * stops for any reason, the connection goes back to checkpointing itself.
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
db.pragma('busy_timeout = 50');
const pageSize = db.pragma('page_size', { simple: true });
const checkpoint = () => {
	try {
		const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
		if (log * pageSize > workerData.truncateAboveBytes) db.pragma('wal_checkpoint(TRUNCATE)');
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
