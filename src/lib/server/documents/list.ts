/** The workspace's documents: the list with each one's status, one document with its records, its original file. */
import { and, count, desc, eq, sql as rawSql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DocumentFormat } from '../db/schema';
import type { Sql, SqlTables } from '../db/sql';

/** records: the extractor or a person found projects in it; no_project: a person said it holds none; failed: neither. */
export const DOCUMENT_STATUSES = ['records', 'no_project', 'failed'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export interface DocumentListItem {
	id: string;
	/** The file's name as uploaded (the title when it came without one). */
	name: string;
	title: string;
	format: DocumentFormat;
	language: string;
	recordCount: number;
	uploadedBy: string | null;
	ingestedAt: Date;
	status: DocumentStatus;
	noProject: boolean;
}

export interface DocumentFilter {
	/** Matches the name, the title and the text. */
	q?: string;
	status?: DocumentStatus;
	/** From 1. */
	page: number;
	pageSize: number;
}

/** Records of the document that are not merged away into another record. */
const recordCountOf = ({ documents, records }: SqlTables) =>
	rawSql<number>`(SELECT count(*) FROM ${records} WHERE ${records.documentId} = ${documents.id} AND ${records.mergedIntoId} IS NULL)`.mapWith(
		Number
	);

const statusOf = (t: SqlTables) =>
	rawSql<DocumentStatus>`CASE WHEN ${t.documents.noProjectAt} IS NOT NULL THEN 'no_project' WHEN ${recordCountOf(t)} > 0 THEN 'records' ELSE 'failed' END`;

/** Case-insensitive on both dialects (SQLite's LIKE folds ASCII case, PostgreSQL's does not). */
function contains(column: SQLWrapper, needle: string): SQL {
	const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	return rawSql`lower(${column}) LIKE lower(${pattern}) ESCAPE '\\'`;
}

export async function listDocuments(sql: Sql, filter: DocumentFilter): Promise<{ documents: DocumentListItem[]; total: number }> {
	const { documents, users } = sql.t;
	const recordCount = recordCountOf(sql.t);
	const status = statusOf(sql.t);
	const where: SQL[] = [];
	const q = filter.q?.trim();
	if (q)
		where.push(
			rawSql`(${contains(rawSql`coalesce(${documents.fileName}, '')`, q)} OR ${contains(documents.title, q)} OR ${contains(rawSql`${documents.content}`, q)})`
		);
	if (filter.status) where.push(rawSql`${status} = ${filter.status}`);
	const condition = where.length ? and(...where) : undefined;
	const rows = await sql.db
		.select({
			id: documents.id,
			fileName: documents.fileName,
			title: documents.title,
			format: documents.format,
			language: documents.language,
			recordCount,
			uploadedBy: users.name,
			ingestedAt: documents.ingestedAt,
			status,
			noProjectAt: documents.noProjectAt
		})
		.from(documents)
		.leftJoin(users, eq(users.id, documents.uploadedById))
		.where(condition)
		.orderBy(desc(documents.ingestedAt), desc(documents.id))
		.limit(filter.pageSize)
		.offset((Math.max(1, filter.page) - 1) * filter.pageSize);
	const [counted] = await sql.db.select({ n: count() }).from(documents).where(condition);
	const total = counted?.n ?? 0;
	return {
		documents: rows.map(({ fileName, noProjectAt, ...r }) => ({ ...r, name: fileName ?? r.title, noProject: noProjectAt !== null })),
		total
	};
}

export interface DocumentDetail {
	id: string;
	name: string;
	title: string;
	format: DocumentFormat;
	mediaType: string;
	byteSize: number;
	fileHash: string | null;
	language: string;
	/** The stored text every provenance offset points into. */
	text: string;
	ingestedAt: Date;
	uploadedBy: string | null;
	noProject: { at: Date; by: string | null } | null;
	status: DocumentStatus;
	records: { id: string; title: string; status: string; notFoundAt: Date | null }[];
}

export async function getDocument(sql: Sql, id: string): Promise<DocumentDetail | null> {
	const { documents, records, users } = sql.t;
	const noProjectBy = rawSql<string | null>`(SELECT ${users.name} FROM ${users} WHERE ${users.id} = ${documents.noProjectById})`;
	const [row] = await sql.db
		.select({ doc: documents, uploadedBy: users.name, noProjectBy })
		.from(documents)
		.leftJoin(users, eq(users.id, documents.uploadedById))
		.where(eq(documents.id, id));
	if (!row) return null;
	const { doc } = row;
	const found = await sql.db
		.select({ id: records.id, title: records.title, status: records.status, notFoundAt: records.notFoundAt })
		.from(records)
		.where(and(eq(records.documentId, id), rawSql`${records.mergedIntoId} IS NULL`))
		.orderBy(records.createdAt, records.id);
	return {
		id: doc.id,
		name: doc.fileName ?? doc.title,
		title: doc.title,
		format: doc.format,
		mediaType: doc.mediaType,
		byteSize: doc.byteSize,
		fileHash: doc.fileHash,
		language: doc.language,
		text: doc.content,
		ingestedAt: doc.ingestedAt,
		uploadedBy: row.uploadedBy,
		noProject: doc.noProjectAt ? { at: doc.noProjectAt, by: row.noProjectBy } : null,
		status: doc.noProjectAt ? 'no_project' : found.length ? 'records' : 'failed',
		records: found
	};
}

/** The original file; documents stored before files were kept give their text. */
export async function documentFile(sql: Sql, id: string): Promise<{ name: string; mediaType: string; data: Buffer } | null> {
	const { documentFiles, documents } = sql.t;
	const [row] = await sql.db
		.select({
			fileName: documents.fileName,
			title: documents.title,
			mediaType: documents.mediaType,
			content: documents.content,
			data: documentFiles.data
		})
		.from(documents)
		.leftJoin(documentFiles, eq(documentFiles.documentId, documents.id))
		.where(eq(documents.id, id));
	if (!row) return null;
	return {
		name: row.fileName ?? `${row.title.slice(0, 80) || 'document'}.txt`,
		mediaType: row.data ? row.mediaType : 'text/plain; charset=utf-8',
		data: row.data ?? Buffer.from(row.content, 'utf8')
	};
}
