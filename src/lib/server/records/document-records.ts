/** A document's side of curation: every span of every record in it, and a new empty record from it. */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { emptyRecord } from '../../records/fields';
import { auditSql } from '../audit';
import { hasRole } from '../auth/roles';
import type { SessionUser } from '../auth/session';
import type { Sql } from '../db/sql';
import type { DocStore } from '../docs/store';
import { refuse, type Outcome } from '../refusal';

export interface DocumentSpan {
	id: number;
	recordId: string;
	recordTitle: string;
	field: string;
	start: number;
	end: number;
}

/** Spans into this document of records still open (also those a merge copied into another record). */
export async function documentSpans(sql: Sql, documentId: string): Promise<DocumentSpan[]> {
	const { fieldProvenance, records } = sql.t;
	return sql.db
		.select({
			id: fieldProvenance.id,
			recordId: fieldProvenance.recordId,
			recordTitle: records.title,
			field: fieldProvenance.field,
			start: fieldProvenance.start,
			end: fieldProvenance.end
		})
		.from(fieldProvenance)
		.innerJoin(records, eq(records.id, fieldProvenance.recordId))
		.where(and(eq(fieldProvenance.documentId, documentId), isNull(records.mergedIntoId)))
		.orderBy(asc(fieldProvenance.start), asc(fieldProvenance.id));
}

export type NewRecordOutcome = Outcome<{ id: string }>;

/**
 * An empty draft for a project the extractor missed. Its live document is created by the
 * document store on first open, from the row's draft, as for every record.
 */
export async function newRecordFromDocument(
	{ sql, docs }: { sql: Sql; docs: DocStore },
	documentId: string,
	user: SessionUser,
	clientAddress: string | null = null
): Promise<NewRecordOutcome> {
	if (!hasRole(user, 'editor')) return refuse('forbidden', (t) => t.onlyRole('editor'));
	const id = randomUUID();
	const now = new Date();
	const { documents, records } = sql.t;
	const created = await sql.tx(async (tx) => {
		const [doc] = await tx.select({ id: documents.id }).from(documents).where(eq(documents.id, documentId));
		if (!doc) return false;
		await tx.insert(records).values({
			id,
			title: '',
			documentId,
			draft: emptyRecord(),
			matchKey: '',
			reference: null,
			createdById: user.id,
			createdAt: now,
			updatedAt: now
		});
		await auditSql(sql, tx, {
			action: 'record.created',
			actorId: user.id,
			targetType: 'record',
			targetId: id,
			detail: { documentId },
			clientAddress,
			at: now
		});
		return true;
	});
	if (!created) return refuse('not_found', (t) => t.noDocument);
	const session = await docs.open(id);
	if (session) {
		await session.persisted();
		session.close();
	}
	return { ok: true, id };
}
