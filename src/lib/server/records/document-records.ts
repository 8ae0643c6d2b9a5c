/** A document's side of curation: every span of every record in it, and a new empty record from it. */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { emptyRecord } from '../../records/fields';
import { audit } from '../audit';
import { hasRole } from '../auth/roles';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { documents, fieldProvenance, records } from '../db/schema';
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
export function documentSpans(db: Db, documentId: string): DocumentSpan[] {
	return db
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
		.orderBy(asc(fieldProvenance.start))
		.all();
}

export type NewRecordOutcome = Outcome<{ id: string }>;

/**
 * An empty draft for a project the extractor missed. Its live document is created by the
 * document store on first open, from the row's draft, as for every record.
 */
export async function newRecordFromDocument(
	{ db, docs }: { db: Db; docs: DocStore },
	documentId: string,
	user: SessionUser,
	clientAddress: string | null = null
): Promise<NewRecordOutcome> {
	if (!hasRole(user, 'editor')) return refuse('forbidden', (t) => t.onlyRole('editor'));
	const id = randomUUID();
	const now = new Date();
	const created = db.transaction(
		(tx) => {
			if (!tx.select({ id: documents.id }).from(documents).where(eq(documents.id, documentId)).get()) return false;
			tx.insert(records)
				.values({
					id,
					title: '',
					documentId,
					draft: emptyRecord(),
					matchKey: '',
					reference: null,
					createdById: user.id,
					createdAt: now,
					updatedAt: now
				})
				.run();
			audit(tx, {
				action: 'record.created',
				actorId: user.id,
				targetType: 'record',
				targetId: id,
				detail: { documentId },
				clientAddress,
				at: now
			});
			return true;
		},
		{ behavior: 'immediate' }
	);
	if (!created) return refuse('not_found', (t) => t.noDocument);
	const session = await docs.open(id);
	if (session) {
		await session.persisted();
		session.close();
	}
	return { ok: true, id };
}
