/** A record's stored Yjs document through the dialect-neutral handle, for suites that run on SQLite and PostgreSQL. */
import { asc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Sql } from '../../src/lib/server/db/sql';

/** The record's update log folded row by row in one transaction, as the store loads it on a restart. */
export async function storedDocSql(sql: Sql, recordId: string): Promise<Y.Doc> {
	const { yjsUpdates } = sql.t;
	const rows = await sql.db
		.select({ data: yjsUpdates.data })
		.from(yjsUpdates)
		.where(eq(yjsUpdates.recordId, recordId))
		.orderBy(asc(yjsUpdates.id));
	const doc = new Y.Doc();
	doc.transact(() => {
		for (const r of rows) Y.applyUpdate(doc, new Uint8Array(r.data));
	});
	return doc;
}
