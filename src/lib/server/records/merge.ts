/**
 * Merging two records about the same project: one is kept and gets a copy of every span
 * of the other's sources; the other is closed with a pointer to it. Un-merging removes
 * exactly the copied spans and opens the closed record again. Both are audited.
 */
import { and, eq } from 'drizzle-orm';
import { audit } from '../audit';
import { hasRole } from '../auth/roles';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { fieldProvenance, records } from '../db/schema';
import { emitEvent } from '../events';
import { publishVersion, unpublishRecord } from '../public/index-projects';

export type MergeOutcome = { ok: true; copied: number } | { ok: false; status: 400 | 403 | 404 | 409; message: string };

export interface MergeInput {
	/** The record that stays. */
	keepId: string;
	/** The record that is closed and points at the kept one. */
	closeId: string;
	user: SessionUser;
	clientAddress?: string | null;
	now?: Date;
}

export function mergeRecords(db: Db, input: MergeInput): MergeOutcome {
	if (!hasRole(input.user, 'editor')) return { ok: false, status: 403, message: 'Only an editor may merge records.' };
	if (input.keepId === input.closeId) return { ok: false, status: 400, message: 'A record cannot be merged with itself.' };
	const now = input.now ?? new Date();
	let withdrawn = false;
	const outcome = db.transaction(
		(tx) => {
			const find = (id: string) =>
				tx
					.select({ id: records.id, mergedIntoId: records.mergedIntoId, approvedVersion: records.approvedVersion })
					.from(records)
					.where(eq(records.id, id))
					.get();
			const keep = find(input.keepId);
			const close = find(input.closeId);
			if (!keep || !close) return { ok: false, status: 404, message: 'No record with that id.' } as const;
			if (keep.mergedIntoId || close.mergedIntoId)
				return { ok: false, status: 409, message: 'One of the two records is merged already.' } as const;
			// Closing a published record withdraws it from the public view: an approver's call.
			if (close.approvedVersion !== null && !hasRole(input.user, 'approver')) {
				return {
					ok: false,
					status: 403,
					message: 'This record is published; only an approver may close it by merging. Keep it instead.'
				} as const;
			}
			const rows = tx.select().from(fieldProvenance).where(eq(fieldProvenance.recordId, close.id)).all();
			if (rows.length) {
				tx.insert(fieldProvenance)
					.values(rows.map(({ id: _id, ...p }) => ({ ...p, recordId: keep.id, mergedFromId: close.id })))
					.run();
			}
			tx.update(records).set({ mergedIntoId: keep.id, mergedAt: now, updatedAt: now }).where(eq(records.id, close.id)).run();
			// Records that pointed at the closed one as "the same project" now point at the kept one.
			tx.update(records).set({ sameAsId: keep.id }).where(eq(records.sameAsId, close.id)).run();
			tx.update(records).set({ sameAsId: null }).where(eq(records.id, keep.id)).run();
			withdrawn = unpublishRecord(tx, close.id, now);
			audit(tx, {
				action: 'record.merged',
				actorId: input.user.id,
				targetType: 'record',
				targetId: keep.id,
				detail: { closed: close.id, spansCopied: rows.length },
				clientAddress: input.clientAddress ?? null,
				at: now
			});
			return { ok: true, copied: rows.length } as const;
		},
		{ behavior: 'immediate' }
	);
	if (outcome.ok && withdrawn) emitEvent('project.withdrawn', { recordId: input.closeId });
	return outcome;
}

export function unmergeRecord(
	db: Db,
	input: { recordId: string; user: SessionUser; clientAddress?: string | null; now?: Date }
): MergeOutcome {
	if (!hasRole(input.user, 'editor')) return { ok: false, status: 403, message: 'Only an editor may undo a merge.' };
	const now = input.now ?? new Date();
	let republished: number | null = null;
	const outcome = db.transaction(
		(tx) => {
			const closed = tx
				.select({ id: records.id, mergedIntoId: records.mergedIntoId, approvedVersion: records.approvedVersion })
				.from(records)
				.where(eq(records.id, input.recordId))
				.get();
			if (!closed) return { ok: false, status: 404, message: 'No record with that id.' } as const;
			if (!closed.mergedIntoId) return { ok: false, status: 409, message: 'This record is not merged.' } as const;
			if (closed.approvedVersion !== null && !hasRole(input.user, 'approver')) {
				return { ok: false, status: 403, message: 'Un-merging publishes this record again: an approver’s call.' } as const;
			}
			const removed = tx
				.delete(fieldProvenance)
				.where(and(eq(fieldProvenance.recordId, closed.mergedIntoId), eq(fieldProvenance.mergedFromId, closed.id)))
				.returning({ id: fieldProvenance.id })
				.all();
			tx.update(records).set({ mergedIntoId: null, mergedAt: null, updatedAt: now }).where(eq(records.id, closed.id)).run();
			if (closed.approvedVersion !== null) republished = publishVersion(tx, closed.id, now);
			audit(tx, {
				action: 'record.unmerged',
				actorId: input.user.id,
				targetType: 'record',
				targetId: closed.id,
				detail: { from: closed.mergedIntoId, spansRemoved: removed.length },
				clientAddress: input.clientAddress ?? null,
				at: now
			});
			return { ok: true, copied: removed.length } as const;
		},
		{ behavior: 'immediate' }
	);
	if (outcome.ok && republished !== null) emitEvent('project.published', { recordId: input.recordId, version: republished });
	return outcome;
}
