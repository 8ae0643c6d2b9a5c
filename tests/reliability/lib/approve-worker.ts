/**
 * Child process of approval-crash.spec.ts: approves new versions of the given records
 * as fast as it can, printing `ok <recordId> <version>` after each commit returns (what
 * an approver's browser would be told), until it is killed.
 * Usage: node --import tsx approve-worker.ts <database> <approverId> <seed> <recordId>...
 * where <database> is a SQLite file's path or a postgres:// URL.
 */
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../../src/lib/server/db/client';
import { openPgDatabase } from '../../../src/lib/server/db/pg-client';
import { pgSql, sqliteSql } from '../../../src/lib/server/db/sql';
import { commitApproval } from '../../../src/lib/server/records/approve';
import { validRecord } from '../../helpers/records';
import { seededRng } from './common';

const [database, approverId, seed, ...ids] = process.argv.slice(2);
const sql = /^postgres(ql)?:\/\//.test(database) ? pgSql(openPgDatabase(database)) : sqliteSql(openDatabase(database));
const { records } = sql.t;
const rng = seededRng(Number(seed));
let n = 0;
const loop = async () => {
	for (let i = 0; i < 20; i++) {
		const recordId = ids[Math.floor(rng() * ids.length)];
		const [{ v: current }] = await sql.db.select({ v: records.approvedVersion }).from(records).where(eq(records.id, recordId));
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
void loop();
