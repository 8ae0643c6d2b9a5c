/** Reads of records for the workspace and the CLI. */
import { and, asc, count, desc, eq, isNotNull, isNull, ne, or, sql as rawSql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Document, FieldProvenanceRow, RecordRow } from '../db/schema';
import type { Sql } from '../db/sql';
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

/**
 * The few expressions SQLite and PostgreSQL spell differently: the draft is JSON text in
 * SQLite and jsonb in PostgreSQL, SQLite's LIKE ignores case (ASCII) where PostgreSQL's
 * ILIKE does, and SQLite's NOCASE is PostgreSQL's lower(). Paths are constants, never input.
 */
interface Spelling {
	/** A text field of the draft, e.g. ['owner']. */
	draftText(path: string[]): SQL;
	/** A number in the draft, e.g. ['amount', 'value']. */
	draftNumber(path: string[]): SQL;
	/** Case-insensitive substring match; % and _ typed by the user are matched literally. */
	contains(column: SQLWrapper, needle: string, asText?: boolean): SQL;
	/** For sorting without regard to case. */
	nocase(column: SQLWrapper): SQL;
}

const likePattern = (needle: string) => `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function spelling(sql: Sql): Spelling {
	const { records } = sql.t;
	if (sql.dialect === 'pg') {
		const path = (keys: string[]) => rawSql.raw(`'{${keys.join(',')}}'`);
		return {
			draftText: (keys) => rawSql`(${records.draft} #>> ${path(keys)})`,
			// Cast only what jsonb holds as a number: a stray string must sort last, not fail the query.
			draftNumber: (keys) =>
				rawSql`CASE WHEN jsonb_typeof(${records.draft} #> ${path(keys)}) = 'number' THEN (${records.draft} #>> ${path(keys)})::double precision END`,
			contains: (column, needle, asText) => rawSql`${column}${asText ? rawSql`::text` : rawSql``} ILIKE ${likePattern(needle)} ESCAPE '\\'`,
			nocase: (column) => rawSql`lower(${column})`
		};
	}
	const path = (keys: string[]) => rawSql.raw(`'$.${keys.join('.')}'`);
	return {
		draftText: (keys) => rawSql`json_extract(${records.draft}, ${path(keys)})`,
		draftNumber: (keys) => rawSql`json_extract(${records.draft}, ${path(keys)})`,
		contains: (column, needle) => rawSql`${column} LIKE ${likePattern(needle)} ESCAPE '\\'`,
		nocase: (column) => rawSql`${column} COLLATE NOCASE`
	};
}

/**
 * How sure the extractor was of the record: its least sure span still standing. A field a
 * person typed or pointed at has no extractor span left (source-provenance.ts clears it).
 */
function confidenceOf(sql: Sql): SQL<number | null> {
	const { fieldProvenance, records } = sql.t;
	return rawSql<
		number | null
	>`(SELECT MIN(fp.confidence) FROM ${fieldProvenance} fp WHERE fp.record_id = ${records.id} AND fp.set_by_id IS NULL)`;
}

function sortColumn(sql: Sql, column: QueueSort): SQLWrapper {
	const { documents, records, users } = sql.t;
	const say = spelling(sql);
	switch (column) {
		case 'title':
			return say.nocase(records.title);
		case 'owner':
			return say.nocase(say.draftText(['owner']));
		case 'amount':
			return say.draftNumber(['amount', 'value']);
		case 'status':
			// Work first: what waits for an approver, then what waits for editors.
			return rawSql`CASE ${records.status} WHEN 'in_review' THEN 0 WHEN 'changes_requested' THEN 1 WHEN 'draft' THEN 2 WHEN 'approved' THEN 3 ELSE 4 END`;
		case 'assignee':
			return say.nocase(users.name);
		case 'source':
			return say.nocase(documents.title);
		case 'confidence':
			return confidenceOf(sql);
		case 'updated':
			return records.updatedAt;
	}
}

function whereOf(sql: Sql, filter: RecordFilter): SQL | undefined {
	const { documents, records } = sql.t;
	const say = spelling(sql);
	// A merged record is closed; it lives on in the record it was merged into.
	const where: SQL[] = [isNull(records.mergedIntoId)];
	const q = filter.q?.trim();
	if (q) {
		const text = or(say.contains(records.title, q), say.contains(records.draft, q, true), say.contains(documents.title, q));
		if (text) where.push(text);
	}
	if (filter.status) where.push(eq(records.status, filter.status));
	else if (!filter.includeRejected) where.push(ne(records.status, 'rejected'));
	if (filter.documentId) where.push(eq(records.documentId, filter.documentId));
	if (filter.funder) where.push(eq(say.draftText(['funder']), filter.funder));
	if (filter.country) where.push(eq(say.draftText(['country']), filter.country));
	if (filter.changedSinceApproved) {
		where.push(and(isNotNull(records.approvedVersion), ne(records.status, 'approved'), ne(records.status, 'rejected'))!);
	}
	if (filter.assigned === 'none') where.push(isNull(records.assigneeId));
	else if (filter.assigned) where.push(eq(records.assigneeId, filter.assigned));
	return and(...where);
}

/** Newest first unless sorted; a sorted column puts empty values last either way. */
export async function listRecords(sql: Sql, filter: RecordFilter, sort?: RecordSort | null): Promise<RecordListItem[]> {
	const { documents, records, users } = sql.t;
	const order: SQL[] = [];
	if (sort) {
		const column = sortColumn(sql, sort.column);
		order.push(rawSql`${column} IS NULL`, sort.dir === 'asc' ? asc(column) : desc(column));
	}
	order.push(desc(records.createdAt), asc(records.title));
	const rows = await sql.db
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
			confidence: confidenceOf(sql)
		})
		.from(records)
		.innerJoin(documents, eq(documents.id, records.documentId))
		.leftJoin(users, eq(users.id, records.assigneeId))
		.where(whereOf(sql, filter))
		.orderBy(...order);
	return rows.map(({ draft, ...r }) => ({
		...r,
		owner: draft.owner,
		amount: draft.amount,
		funder: draft.funder,
		country: draft.country
	}));
}

/** How many records the filter matches (a saved view's count). */
export async function countRecords(sql: Sql, filter: RecordFilter): Promise<number> {
	const { documents, records } = sql.t;
	const [row] = await sql.db
		.select({ n: count() })
		.from(records)
		.innerJoin(documents, eq(documents.id, records.documentId))
		.where(whereOf(sql, filter));
	return row?.n ?? 0;
}

export interface QueueFacets {
	funders: string[];
	countries: string[];
	documents: { id: string; title: string }[];
}

/** The values the queue's filters offer: what the records actually hold. */
export async function queueFacets(sql: Sql): Promise<QueueFacets> {
	const { documents, records } = sql.t;
	const distinct = async (key: string) => {
		const value = spelling(sql).draftText([key]);
		const rows = await sql.db
			.selectDistinct({ v: rawSql<string>`${value}` })
			.from(records)
			.where(and(isNotNull(value), ne(value, '')))
			.orderBy(value);
		return rows.map((r) => r.v);
	};
	return {
		funders: await distinct('funder'),
		countries: await distinct('country'),
		documents: await sql.db
			.selectDistinct({ id: documents.id, title: documents.title })
			.from(documents)
			.innerJoin(records, eq(records.documentId, documents.id))
			.orderBy(asc(documents.title))
	};
}

export interface RecordDetail {
	record: RecordRow;
	document: Document;
	provenance: FieldProvenanceRow[];
}

export async function getRecord(sql: Sql, id: string): Promise<RecordDetail | null> {
	const { documents, fieldProvenance, records } = sql.t;
	const [record] = await sql.db.select().from(records).where(eq(records.id, id));
	if (!record) return null;
	const [document] = await sql.db.select().from(documents).where(eq(documents.id, record.documentId));
	if (!document) return null;
	const provenance = await sql.db
		.select()
		.from(fieldProvenance)
		.where(eq(fieldProvenance.recordId, id))
		.orderBy(asc(fieldProvenance.start), asc(fieldProvenance.id));
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
