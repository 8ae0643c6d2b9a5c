/**
 * Two approvers in two processes approve the same record at the same moment, on one
 * SQLite file: one version is written, and the other approver is told which. The same race
 * on PostgreSQL, over two pools, is in approve.spec.ts.
 */
import { spawn } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordVersions } from '../../src/lib/server/db/schema';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { createDraft } from '../helpers/records';
import { createTestUser } from '../helpers/users';

const ROOT = join(import.meta.dirname, '../..');
let t: TempDatabase;
beforeEach(() => {
	t = tempDatabase();
});
afterEach(() => t.cleanup());

/** Opens the file itself and approves when the shared start time comes, so both try at once. */
function approver(path: string, recordId: string, userId: string, title: string, startAt: number): Promise<unknown> {
	const script = `
		import { openDatabase } from ${JSON.stringify(join(ROOT, 'src/lib/server/db/client.ts'))};
		import { sqliteSql } from ${JSON.stringify(join(ROOT, 'src/lib/server/db/sql.ts'))};
		import { commitApproval } from ${JSON.stringify(join(ROOT, 'src/lib/server/records/approve.ts'))};
		import { validRecord } from ${JSON.stringify(join(ROOT, 'tests/helpers/records.ts'))};
		const db = openDatabase(${JSON.stringify(path)});
		while (Date.now() < ${startAt}) {}
		const out = await commitApproval(sqliteSql(db), { recordId: ${JSON.stringify(recordId)}, expectedVersion: null,
			record: validRecord({ title: ${JSON.stringify(title)} }), stateVector: new Uint8Array([1]), approverId: ${JSON.stringify(userId)} });
		process.stdout.write(JSON.stringify(out));
		db.$client.close();`;
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT });
		let out = '';
		let err = '';
		child.stdout.on('data', (c) => (out += c));
		child.stderr.on('data', (c) => (err += c));
		child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(err))));
	});
}

describe('approvals racing in two processes', () => {
	it('write one version; the loser learns it was already approved', async () => {
		const [a, b] = await Promise.all([createTestUser(t.db, { role: 'approver' }), createTestUser(t.db, { role: 'approver' })]);
		const id = createDraft(t.db);
		const startAt = Date.now() + 3000;
		const outcomes = await Promise.all([approver(t.path, id, a.id, 'Från A', startAt), approver(t.path, id, b.id, 'Från B', startAt)]);
		expect(outcomes).toContainEqual({ ok: true, version: 1 });
		expect(outcomes).toContainEqual(
			expect.objectContaining({ ok: false, status: 409, code: 'conflict', message: 'Already approved as v1.' })
		);
		expect(t.db.select().from(recordVersions).where(eq(recordVersions.recordId, id)).all()).toHaveLength(1);
	});
});
