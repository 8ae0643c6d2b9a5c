/** Reads of records for the workspace and the CLI. */
import { and, asc, desc, eq, isNotNull, isNull, ne, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db/client';
import { documents, fieldProvenance, records, type Document, type FieldProvenanceRow, type RecordRow } from '../db/schema';
import type { ReviewState } from '../../records/review';

export interface RecordFilter {
	/** Matches title, owner or the source document's title, case-insensitively. */
	q?: string;
	status?: ReviewState;
	documentId?: string;
	funder?: string;
	country?: string;
	/** Approved once and edited since: the public sees an older version than the draft. */
	changedSinceApproved?: boolean;
	/** Rejected records leave the queue unless asked for by status. */
	includeRejected?: boolean;
}

export interface RecordListItem {
	id: string;
	title: string;
	status: ReviewState;
	owner: string | null;
	amount: RecordRow['draft']['amount'];
	documentId: string;
	documentTitle: string;
	sameAsId: string | null;
	approvedVersion: number | null;
	funder: string | null;
	country: string | null;
	updatedAt: Date;
}

/** Case-insensitive substring match; % and _ typed by the user are matched literally. */
function contains(column: SQLWrapper, needle: string): SQL {
	const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

export function listRecords(db: Db, filter: RecordFilter): RecordListItem[] {
	// A merged record is closed; it lives on in the record it was merged into.
	const where: SQL[] = [isNull(records.mergedIntoId)];
	const q = filter.q?.trim();
	if (q) {
		const text = or(contains(records.title, q), contains(records.draft, q), contains(documents.title, q));
		if (text) where.push(text);
	}
	if (filter.status) where.push(eq(records.status, filter.status));
	else if (!filter.includeRejected) where.push(ne(records.status, 'rejected'));
	if (filter.documentId) where.push(eq(records.documentId, filter.documentId));
	if (filter.funder) where.push(sql`json_extract(${records.draft}, '$.funder') = ${filter.funder}`);
	if (filter.country) where.push(sql`json_extract(${records.draft}, '$.country') = ${filter.country}`);
	if (filter.changedSinceApproved) {
		where.push(and(isNotNull(records.approvedVersion), ne(records.status, 'approved'), ne(records.status, 'rejected'))!);
	}
	return db
		.select({
			id: records.id,
			title: records.title,
			status: records.status,
			draft: records.draft,
			documentId: records.documentId,
			documentTitle: documents.title,
			sameAsId: records.sameAsId,
			approvedVersion: records.approvedVersion,
			updatedAt: records.updatedAt
		})
		.from(records)
		.innerJoin(documents, eq(documents.id, records.documentId))
		.where(and(...where))
		.orderBy(desc(records.createdAt), asc(records.title))
		.all()
		.map(({ draft, ...r }) => ({
			...r,
			owner: draft.owner,
			amount: draft.amount,
			funder: draft.funder,
			country: draft.country
		}));
}

export interface QueueFacets {
	funders: string[];
	countries: string[];
	documents: { id: string; title: string }[];
}

/** The values the queue's filters offer: what the records actually hold. */
export function queueFacets(db: Db): QueueFacets {
	const distinct = (path: string) =>
		db
			.all<{ v: string }>(sql`SELECT DISTINCT json_extract(draft, ${path}) AS v FROM records WHERE v IS NOT NULL AND v <> '' ORDER BY v`)
			.map((r) => r.v);
	return {
		funders: distinct('$.funder'),
		countries: distinct('$.country'),
		documents: db
			.selectDistinct({ id: documents.id, title: documents.title })
			.from(documents)
			.innerJoin(records, eq(records.documentId, documents.id))
			.orderBy(asc(documents.title))
			.all()
	};
}

export interface RecordDetail {
	record: RecordRow;
	document: Document;
	provenance: FieldProvenanceRow[];
}

export function getRecord(db: Db, id: string): RecordDetail | null {
	const record = db.select().from(records).where(eq(records.id, id)).get();
	if (!record) return null;
	const document = db.select().from(documents).where(eq(documents.id, record.documentId)).get();
	if (!document) return null;
	const provenance = db.select().from(fieldProvenance).where(eq(fieldProvenance.recordId, id)).orderBy(asc(fieldProvenance.start)).all();
	return { record, document, provenance };
}
