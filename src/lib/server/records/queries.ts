/** Reads of records for the workspace and the CLI. */
import { and, asc, count, desc, eq, isNotNull, isNull, ne, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db/client';
import { documents, fieldProvenance, records, users, type Document, type FieldProvenanceRow, type RecordRow } from '../db/schema';
import type { QueueQuery, QueueSort } from '../../records/queue';
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
	/** `none` for records assigned to nobody, else the assignee's id. */
	assigned?: string;
}

export interface RecordSort {
	column: QueueSort;
	dir: 'asc' | 'desc';
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
	assigneeId: string | null;
	assigneeName: string | null;
	/** The extractor's confidence in its least sure field still standing (0–1); null when no field is the extractor's. */
	confidence: number | null;
}

/** Case-insensitive substring match; % and _ typed by the user are matched literally. */
function contains(column: SQLWrapper, needle: string): SQL {
	const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

/**
 * How sure the extractor was of the record: its least sure span still standing. A field a
 * person typed or pointed at has no extractor span left (source-provenance.ts clears it).
 */
const confidence = sql<
	number | null
>`(SELECT MIN(fp.confidence) FROM ${fieldProvenance} fp WHERE fp.record_id = ${records.id} AND fp.set_by_id IS NULL)`;

/** Work first: what waits for an approver, then what waits for editors. */
const statusRank = sql`CASE ${records.status} WHEN 'in_review' THEN 0 WHEN 'changes_requested' THEN 1 WHEN 'draft' THEN 2 WHEN 'approved' THEN 3 ELSE 4 END`;

const SORT_COLUMNS: Record<QueueSort, SQLWrapper> = {
	title: sql`${records.title} COLLATE NOCASE`,
	owner: sql`json_extract(${records.draft}, '$.owner') COLLATE NOCASE`,
	amount: sql`json_extract(${records.draft}, '$.amount.value')`,
	status: statusRank,
	assignee: sql`${users.name} COLLATE NOCASE`,
	source: sql`${documents.title} COLLATE NOCASE`,
	confidence,
	updated: records.updatedAt
};

function whereOf(filter: RecordFilter): SQL | undefined {
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
	if (filter.assigned === 'none') where.push(isNull(records.assigneeId));
	else if (filter.assigned) where.push(eq(records.assigneeId, filter.assigned));
	return and(...where);
}

/** Newest first unless sorted; a sorted column puts empty values last either way. */
export function listRecords(db: Db, filter: RecordFilter, sort?: RecordSort | null): RecordListItem[] {
	const order: SQL[] = [];
	if (sort) {
		const column = SORT_COLUMNS[sort.column];
		order.push(sql`${column} IS NULL`, sort.dir === 'asc' ? asc(column) : desc(column));
	}
	order.push(desc(records.createdAt), asc(records.title));
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
			updatedAt: records.updatedAt,
			assigneeId: records.assigneeId,
			assigneeName: users.name,
			confidence
		})
		.from(records)
		.innerJoin(documents, eq(documents.id, records.documentId))
		.leftJoin(users, eq(users.id, records.assigneeId))
		.where(whereOf(filter))
		.orderBy(...order)
		.all()
		.map(({ draft, ...r }) => ({
			...r,
			owner: draft.owner,
			amount: draft.amount,
			funder: draft.funder,
			country: draft.country
		}));
}

/** How many records the filter matches (a saved view's count). */
export function countRecords(db: Db, filter: RecordFilter): number {
	return (
		db.select({ n: count() }).from(records).innerJoin(documents, eq(documents.id, records.documentId)).where(whereOf(filter)).get()?.n ?? 0
	);
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

/** The queue's query as a filter and sort for the person looking (`assigned=me` is them). */
export function queueFilter(query: QueueQuery, viewerId: string): { filter: RecordFilter; sort: RecordSort | null } {
	return {
		filter: {
			q: query.q,
			status: query.status ?? undefined,
			documentId: query.document ?? undefined,
			funder: query.funder ?? undefined,
			country: query.country ?? undefined,
			changedSinceApproved: query.changed,
			assigned: query.assigned === 'me' ? viewerId : (query.assigned ?? undefined)
		},
		sort: query.sort ? { column: query.sort, dir: query.dir } : null
	};
}
