/** The records row in SQLite, for the record extensions (rows.ts). */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { records } from '../../db/schema';
import { writeRecordStatus } from '../status';
import type { RecordProjection, RecordRows, RecordSeed } from './rows';

export class SqliteRecordRows implements RecordRows {
	constructor(private readonly db: Db) {}

	async seed(recordId: string): Promise<RecordSeed | null> {
		return this.db.select({ draft: records.draft, status: records.status }).from(records).where(eq(records.id, recordId)).get() ?? null;
	}

	async project(recordId: string, { title, draft, status, updatedAt }: RecordProjection): Promise<void> {
		const write = (db: Pick<Db, 'update'>) => {
			db.update(records).set({ title, draft, updatedAt }).where(eq(records.id, recordId)).run();
			if (status) writeRecordStatus(db, recordId, status, updatedAt);
		};
		if (status) this.db.transaction(write, { behavior: 'immediate' });
		else write(this.db);
	}
}
