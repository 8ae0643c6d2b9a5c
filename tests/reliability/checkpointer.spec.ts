import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyRecord } from '../../src/lib/records/fields';
import { startCheckpointer } from '../../src/lib/server/db/checkpointer';
import { SqlitePersistence } from '../../src/lib/server/docs/sqlite-persistence';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { createDraft } from '../helpers/records';

const walBytes = (t: TempDatabase) => statSync(`${t.path}-wal`).size;
const autocheckpoint = (t: TempDatabase) => t.db.$client.pragma('wal_autocheckpoint', { simple: true });
const until = async (ok: () => boolean, ms = 5000) => {
	const end = Date.now() + ms;
	while (!ok()) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 20));
	}
};

/** Appends like the sync endpoint does, 4 KiB updates, with pauses that let the worker run. */
async function write(t: TempDatabase, recordId: string, megabytes: number): Promise<number> {
	const log = new SqlitePersistence(t.db);
	const update = new Uint8Array(4096).fill(7);
	for (let i = 0; i < megabytes * 256; i++) {
		await log.append(recordId, update);
		if (i % 64 === 0) await new Promise((r) => setTimeout(r, 5));
	}
	return megabytes * 256;
}

/**
 * Another connection, on a thread of its own so that it reads while this one writes, that
 * holds a read transaction (one snapshot) from `hold` until `release`, as a long report or
 * a backup would.
 */
function snapshotReader(path: string) {
	const worker = new Worker(
		`
const { parentPort, workerData } = require('node:worker_threads');
const db = new (require(workerData.driver))(workerData.path);
parentPort.on('message', (m) => {
	if (m === 'hold') {
		db.exec('BEGIN');
		db.prepare('SELECT count(*) FROM yjs_updates').get();
	} else db.exec('COMMIT');
	parentPort.postMessage(m);
});
`,
		{ eval: true, execArgv: [], workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), path } }
	);
	const ask = (m: 'hold' | 'release') =>
		new Promise<void>((resolve) => {
			worker.once('message', () => resolve());
			worker.postMessage(m);
		});
	return { hold: () => ask('hold'), release: () => ask('release'), stop: () => worker.terminate() };
}

describe('WAL checkpoints on their own thread', () => {
	let t: TempDatabase;
	afterEach(() => t?.cleanup());

	it('keeps the WAL from growing without the connection ever checkpointing itself', async () => {
		t = tempDatabase();
		const id = createDraft(t.db, emptyRecord('Checkpointed'));
		const checkpoints = startCheckpointer(t.db, t.path, { intervalMs: 20, truncateAboveBytes: 512 * 1024 });
		expect(autocheckpoint(t)).toBe(0);
		await write(t, id, 8);
		await until(() => walBytes(t) < 1024 * 1024);
		await checkpoints.stop();
		expect(autocheckpoint(t)).toBe(1000);
		expect(t.db.$client.prepare('SELECT count(*) AS n FROM yjs_updates').get()).toEqual({ n: 8 * 256 });
		expect(t.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
	});

	it('never holds the writer back until it fails, while a reader pins an old snapshot', async () => {
		t = tempDatabase();
		const id = createDraft(t.db, emptyRecord('Read while written'));
		// Checking often, as a busy server's worker would keep finding the WAL too large.
		const checkpoints = startCheckpointer(t.db, t.path, { intervalMs: 5, truncateAboveBytes: 512 * 1024 });
		const reader = snapshotReader(t.path);
		let appended = 0;
		try {
			for (let round = 0; round < 2; round++) {
				await reader.hold();
				// Any append would throw SQLITE_BUSY ("database is locked") if the checkpoint
				// thread held the writer lock past the connection's 5 s busy timeout.
				while (walBytes(t) < 16 * 1024 * 1024) appended += await write(t, id, 1);
				await reader.release();
				// Still writing, the WAL is truncated once the checkpoints have caught up.
				const before = appended;
				while (walBytes(t) >= 1024 * 1024 && appended - before < 64 * 256) appended += await write(t, id, 1 / 16);
				expect(walBytes(t)).toBeLessThan(1024 * 1024);
			}
		} finally {
			await reader.stop();
			await checkpoints.stop();
		}
		expect(t.db.$client.prepare('SELECT count(*) AS n FROM yjs_updates').get()).toEqual({ n: appended });
		expect(t.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
	}, 120_000);

	it('without it, the same writes leave the WAL growing (what the thread is there for)', async () => {
		t = tempDatabase();
		const id = createDraft(t.db, emptyRecord('Not checkpointed'));
		t.db.$client.pragma('wal_autocheckpoint = 0');
		await write(t, id, 8);
		expect(walBytes(t)).toBeGreaterThan(8 * 1024 * 1024);
	});

	it('hands checkpointing back to the connection when the thread cannot work', async () => {
		t = tempDatabase();
		const lines: string[] = [];
		// A folder is not a database file: the worker fails on opening it.
		startCheckpointer(t.db, t.dir, { log: (line) => lines.push(line) });
		await until(() => autocheckpoint(t) === 1000);
		expect(lines.join('\n')).toMatch(/checkpoint thread stopped/);
	});
});
