/**
 * Draft records through the dialect-neutral handle, for suites that run on SQLite and
 * PostgreSQL (describeEachDialect): the same rows tests/helpers/records.ts writes synchronously.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Sql } from '../../src/lib/server/db/sql';
import type { ProjectRecord } from '../../src/lib/records/fields';
import { norm as normaliseTitle } from '../../src/lib/server/ingest/extract/text';
import { clearAuthTables } from './auth-tables';
import { validRecord } from './records';

export async function draftRecord(sql: Sql, record: ProjectRecord = validRecord()): Promise<string> {
	const { documents, records } = sql.t;
	const now = new Date();
	const documentId = randomUUID();
	const content = `${record.title}\n\nTestdokument ${documentId}`;
	await sql.db
		.insert(documents)
		.values({ id: documentId, contentHash: documentId, content, language: 'sv', title: record.title, ingestedAt: now });
	const id = randomUUID();
	await sql.db.insert(records).values({
		id,
		title: record.title,
		status: 'draft',
		documentId,
		draft: record,
		matchKey: normaliseTitle(record.title),
		reference: record.reference,
		createdAt: now,
		updatedAt: now
	});
	return id;
}

/** A span of the record's source document behind one of its fields, as the extractor (or, with setById, a person) gives it. */
export async function addSpan(
	sql: Sql,
	recordId: string,
	{ field = 'owner', confidence = 0.9, setById = null }: { field?: string; confidence?: number; setById?: string | null } = {}
): Promise<void> {
	const { fieldProvenance, records } = sql.t;
	const [record] = await sql.db.select({ documentId: records.documentId }).from(records).where(eq(records.id, recordId));
	await sql.db
		.insert(fieldProvenance)
		.values({ recordId, field, documentId: record.documentId, start: 0, end: 4, snippet: 'text', rule: 'test', confidence, setById });
}

/** For suites sharing one database per dialect: no records, comments or saved views, and what clearAuthTables empties. */
export async function clearRecordTables(sql: Sql): Promise<void> {
	const { commentMentions, comments, documents, fieldProvenance, records, savedViews } = sql.t;
	await sql.db.delete(fieldProvenance);
	await sql.db.delete(commentMentions);
	await sql.db.delete(comments);
	await sql.db.delete(savedViews);
	await sql.db.delete(records);
	await sql.db.delete(documents);
	await clearAuthTables(sql);
}
