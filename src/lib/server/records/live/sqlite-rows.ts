/** The records row in SQLite, for the record extensions (rows.ts). */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { records } from '../../db/schema';
import { sqliteSql, type Sql } from '../../db/sql';
import { writeRecordStatus } from '../status';
import type { RecordProjection, RecordRows, RecordSeed } from './rows';

export class SqliteRecordRows implements RecordRows {
	/**
	 * Prepared once, and plain SQL: every busy record is projected every few seconds, and
	 * building the query through the ORM cost more than running it.
	 */
	private readonly projectStatement;
	private readonly sql: Sql;

	constructor(private readonly db: Db) {
		this.sql = sqliteSql(db);
		this.projectStatement = db.$client.prepare<[string, string, number, string]>(
			'UPDATE records SET title = ?, draft = ?, updated_at = ? WHERE id = ?'
		);
	}

	async seed(recordId: string): Promise<RecordSeed | null> {
		return this.db.select({ draft: records.draft, status: records.status }).from(records).where(eq(records.id, recordId)).get() ?? null;
	}

	async project(recordId: string, { title, draft, status, updatedAt }: RecordProjection): Promise<void> {
		const write = () => this.projectStatement.run(title, JSON.stringify(draft), updatedAt.getTime(), recordId);
		if (!status) {
			write();
			return;
		}
		await this.sql.tx(async (tx) => {
			write();
			await writeRecordStatus(this.sql, tx, recordId, status, updatedAt);
		});
	}
}
