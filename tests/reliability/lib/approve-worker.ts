/**
 * Child process of approval-crash.spec.ts: approves new versions of the given records
 * as fast as it can, printing `ok <recordId> <version>` after each commit returns (what
 * an approver's browser would be told), until it is killed.
 * Usage: node --import tsx approve-worker.ts <databasePath> <approverId> <seed> <recordId>...
 */
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../../src/lib/server/db/client';
import { sqliteSql } from '../../../src/lib/server/db/sql';
import { records } from '../../../src/lib/server/db/schema';
import { commitApproval } from '../../../src/lib/server/records/approve';
import { validRecord } from '../../helpers/records';
import { seededRng } from './common';

const [databasePath, approverId, seed, ...ids] = process.argv.slice(2);
const db = openDatabase(databasePath);
const sql = sqliteSql(db);
const rng = seededRng(Number(seed));
let n = 0;
const loop = async () => {
	for (let i = 0; i < 20; i++) {
		const recordId = ids[Math.floor(rng() * ids.length)];
		const current = db.select({ v: records.approvedVersion }).from(records).where(eq(records.id, recordId)).get()!.v;
		const outcome = await commitApproval(sql, {
			recordId,
			expectedVersion: current,
			record: validRecord({ title: `Approved ${seed}.${++n}`, summary: 'x'.repeat(Math.floor(rng() * 4000)) }),
			review: 'in_review',
			stateVector: new Uint8Array([n % 256]),
			approverId
		});
		if (!outcome.ok) throw new Error(`approval refused: ${outcome.message}`);
		process.stdout.write(`ok ${recordId} ${outcome.version}\n`);
	}
	setImmediate(() => void loop());
};
process.stdout.write('ready\n');
void loop();
