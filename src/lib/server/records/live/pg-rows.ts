/** The records row in PostgreSQL, for the record extensions (rows.ts); the twin of sqlite-rows.ts. */
import { eq } from 'drizzle-orm';
import type { PgDb } from '../../db/pg-client';
import { records } from '../../db/schema-pg';
import { pgSql, type Sql } from '../../db/sql';
import { withoutNul } from '../../db/without-nul';
import { writeRecordStatus } from '../status';
import type { RecordProjection, RecordRows, RecordSeed } from './rows';

export class PgRecordRows implements RecordRows {
	private readonly sql: Sql;

	constructor(private readonly db: PgDb) {
		this.sql = pgSql(db);
	}

	async seed(recordId: string): Promise<RecordSeed | null> {
		const [row] = await this.db.select({ draft: records.draft, status: records.status }).from(records).where(eq(records.id, recordId));
		return row ?? null;
	}

	async project(recordId: string, { title, draft, status, updatedAt }: RecordProjection): Promise<void> {
		const write = (db: Pick<PgDb, 'update'>) =>
			db
				.update(records)
				// The document keeps what was typed; its row's copy cannot hold U+0000 on PostgreSQL.
				.set({ title: withoutNul(title), draft: withoutNul(draft), updatedAt })
				.where(eq(records.id, recordId));
		if (!status) {
			await write(this.db);
			return;
		}
		await this.sql.tx(async (tx) => {
			await write(tx);
			await writeRecordStatus(this.sql, tx, recordId, status, updatedAt);
		});
	}
}
