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
import { refuse, type Outcome } from '../refusal';

export type MergeOutcome = Outcome<{ copied: number }>;

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
	if (!hasRole(input.user, 'editor')) return refuse('forbidden', (t) => t.onlyRole('editor'));
	if (input.keepId === input.closeId) return refuse('invalid', (t) => t.cannotMergeSelf);
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
			if (!keep || !close) return refuse('not_found', (t) => t.noRecord);
			if (keep.mergedIntoId || close.mergedIntoId) return refuse('conflict', (t) => t.mergedAlready);
			// Closing a published record withdraws it from the public view: an approver's call.
			if (close.approvedVersion !== null && !hasRole(input.user, 'approver')) {
				return refuse('forbidden', (t) => t.mergeNeedsApprover);
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
	if (!hasRole(input.user, 'editor')) return refuse('forbidden', (t) => t.onlyRole('editor'));
	const now = input.now ?? new Date();
	let republished: number | null = null;
	const outcome = db.transaction(
		(tx) => {
			const closed = tx
				.select({ id: records.id, mergedIntoId: records.mergedIntoId, approvedVersion: records.approvedVersion })
				.from(records)
				.where(eq(records.id, input.recordId))
				.get();
			if (!closed) return refuse('not_found', (t) => t.noRecord);
			if (!closed.mergedIntoId) return refuse('conflict', (t) => t.notMerged);
			if (closed.approvedVersion !== null && !hasRole(input.user, 'approver')) {
				return refuse('forbidden', (t) => t.unmergeNeedsApprover);
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
