import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordVersions, records } from '../../src/lib/server/db/schema';
import { commitApproval } from '../../src/lib/server/records/approve';
import { backupDatabase, BackupError, claimDatabase, restoreDatabase, verifyDatabaseFile } from '../../server/backup';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { createDraft, validRecord } from '../helpers/records';
import { createTestUser } from '../helpers/users';
import { sqliteSql } from '../../src/lib/server/db/sql';

const ROOT = join(import.meta.dirname, '../..');
let t: TempDatabase;
beforeEach(() => {
	t = tempDatabase();
});
afterEach(() => t.cleanup());

describe('backup and restore', () => {
	it('takes a consistent copy under write load that restores every approved version', async () => {
		const approver = await createTestUser(t.db, { role: 'approver' });
		const ids = Array.from({ length: 20 }, () => createDraft(t.db));
		for (const id of ids) {
			await commitApproval(sqliteSql(t.db), {
				recordId: id,
				expectedVersion: null,
				record: validRecord(),
				stateVector: new Uint8Array([1]),
				approverId: approver.id
			});
		}
		// Keep writing from this process while the backup copies page by page.
		let writing = true;
		let written = 0;
		const writer = (async () => {
			while (writing) {
				createDraft(t.db, validRecord({ summary: 'x'.repeat(4000) }));
				written++;
				await new Promise((r) => setImmediate(r));
			}
		})();
		const target = join(t.dir, 'backup.db');
		await backupDatabase(t.path, target);
		writing = false;
		await writer;
		expect(written).toBeGreaterThan(0);

		const restoredPath = join(t.dir, 'restored', 'samla.db');
		restoreDatabase(target, restoredPath);
		verifyDatabaseFile(restoredPath);
		const restored = new Database(restoredPath, { readonly: true });
		try {
			const versions = restored.prepare('SELECT record_id, version FROM record_versions ORDER BY record_id').all();
			expect(versions).toEqual(
				t.db
					.select({ record_id: recordVersions.recordId, version: recordVersions.version })
					.from(recordVersions)
					.orderBy(recordVersions.recordId)
					.all()
			);
			const count = restored.prepare('SELECT count(*) AS n FROM records').get() as { n: number };
			expect(count.n).toBeGreaterThanOrEqual(ids.length);
			expect(count.n).toBeLessThanOrEqual(t.db.select().from(records).all().length);
		} finally {
			restored.close();
		}
	});

	it('refuses to overwrite a file, to restore a corrupt or foreign file, and to restore under a running server', async () => {
		const target = join(t.dir, 'b.db');
		await backupDatabase(t.path, target);
		await expect(backupDatabase(t.path, target)).rejects.toThrow(/exists already/);

		const garbage = join(t.dir, 'garbage.db');
		writeFileSync(garbage, 'SQLite format 3\0 but not really'.repeat(100));
		expect(() => restoreDatabase(garbage, join(t.dir, 'x.db'))).toThrow(BackupError);
		const foreign = join(t.dir, 'foreign.db');
		new Database(foreign).exec('CREATE TABLE t (x)');
		expect(() => restoreDatabase(foreign, join(t.dir, 'x.db'))).toThrow(/not a Samla database/);
		expect(existsSync(join(t.dir, 'x.db'))).toBe(false);

		const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
		try {
			writeFileSync(`${t.path}.pid`, String(sleeper.pid));
			expect(() => restoreDatabase(target, t.path)).toThrow(new RegExp(`pid ${sleeper.pid}.*stop it before restoring`));
		} finally {
			sleeper.kill();
		}
		const release = claimDatabase(join(t.dir, 'other.db'));
		release();
		expect(existsSync(join(t.dir, 'other.db.pid'))).toBe(false);
	});

	it('is reachable from the CLI', async () => {
		const env = { ...process.env, DATABASE_PATH: t.path };
		const target = join(t.dir, 'cli-backup.db');
		const run = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/samla.js'), ...args], { env, encoding: 'utf8' });
		const b = run(['backup', target]);
		expect(b.status).toBe(0);
		expect(b.stdout).toContain('integrity ok');
		const again = run(['backup', target]);
		expect(again.status).toBe(1);
		expect(again.stderr).toContain('exists already');
		const r = run(['restore', target]);
		expect(r.stdout + r.stderr).toContain('Restored');
		expect(r.status).toBe(0);
	});
});
