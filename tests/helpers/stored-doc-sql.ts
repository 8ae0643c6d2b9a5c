/**
 * A record's stored Yjs document, as a process loading the record now would serve it: the one
 * reader of the update log for every suite (SQLite or PostgreSQL, in-process or across processes).
 */
import { asc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Sql } from '../../src/lib/server/db/sql';

/**
 * Rows of the update log folded one by one in one transaction, in their stored order, as the
 * store loads them (Y.mergeUpdates can fold some hostile updates differently from how they were
 * applied one by one).
 */
export function foldStoredUpdates(rows: readonly { data: Uint8Array }[]): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		for (const r of rows) Y.applyUpdate(doc, new Uint8Array(r.data));
	});
	return doc;
}

/** The record's whole update log, read through the dialect-neutral handle and folded. */
export async function storedDocSql(sql: Sql, recordId: string): Promise<Y.Doc> {
	const { yjsUpdates } = sql.t;
	const rows = await sql.db
		.select({ data: yjsUpdates.data })
		.from(yjsUpdates)
		.where(eq(yjsUpdates.recordId, recordId))
		.orderBy(asc(yjsUpdates.id));
	return foldStoredUpdates(rows);
}
