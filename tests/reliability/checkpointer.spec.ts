import { statSync } from 'node:fs';
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
async function write(t: TempDatabase, recordId: string, megabytes: number): Promise<void> {
	const log = new SqlitePersistence(t.db);
	const update = new Uint8Array(4096).fill(7);
	for (let i = 0; i < megabytes * 256; i++) {
		await log.append(recordId, update);
		if (i % 64 === 0) await new Promise((r) => setTimeout(r, 5));
	}
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
