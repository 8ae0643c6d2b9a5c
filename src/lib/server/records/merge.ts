/**
 * Merging two records about the same project: one is kept and gets a copy of every span
 * of the other's sources; the other is closed with a pointer to it. Un-merging removes
 * exactly the copied spans and opens the closed record again. Both are audited.
 */
import { and, eq } from 'drizzle-orm';
import { auditSql } from '../audit';
import { hasRole } from '../auth/roles';
import type { SessionUser } from '../auth/session';
import type { Sql, SqlDb } from '../db/sql';
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

/**
 * Locks the records a merge or un-merge decides about, one at a time in id order: two merges
 * of the same pair (either way round) then wait for each other instead of both finding the
 * records open, and never deadlock. Answers the rows in the order asked.
 */
async function lockRecords(sql: Sql, tx: SqlDb, ids: string[]) {
	const { records } = sql.t;
	const found = new Map<string, { id: string; mergedIntoId: string | null; approvedVersion: number | null }>();
	for (const id of [...new Set(ids)].sort()) {
		const [row] = await sql.forUpdate(
			tx
				.select({ id: records.id, mergedIntoId: records.mergedIntoId, approvedVersion: records.approvedVersion })
				.from(records)
				.where(eq(records.id, id))
		);
		if (row) found.set(id, row);
	}
	return ids.map((id) => found.get(id));
}

export async function mergeRecords(sql: Sql, input: MergeInput): Promise<MergeOutcome> {
	if (!hasRole(input.user, 'editor')) return refuse('forbidden', (t) => t.onlyRole('editor'));
	if (input.keepId === input.closeId) return refuse('invalid', (t) => t.cannotMergeSelf);
	const { fieldProvenance, records } = sql.t;
	const now = input.now ?? new Date();
	const outcome = await sql.tx(async (tx): Promise<MergeOutcome & { withdrawn?: boolean }> => {
		const [keep, close] = await lockRecords(sql, tx, [input.keepId, input.closeId]);
		if (!keep || !close) return refuse('not_found', (t) => t.noRecord);
		if (keep.mergedIntoId || close.mergedIntoId) return refuse('conflict', (t) => t.mergedAlready);
		// Closing a published record withdraws it from the public view: an approver's call.
		const published = close.approvedVersion !== null;
		if (published && !hasRole(input.user, 'approver')) return refuse('forbidden', (t) => t.mergeNeedsApprover);
		const rows = await tx.select().from(fieldProvenance).where(eq(fieldProvenance.recordId, close.id));
		if (rows.length) {
			await tx.insert(fieldProvenance).values(rows.map(({ id: _id, ...p }) => ({ ...p, recordId: keep.id, mergedFromId: close.id })));
		}
		await tx.update(records).set({ mergedIntoId: keep.id, mergedAt: now, updatedAt: now }).where(eq(records.id, close.id));
		// Records that pointed at the closed one as "the same project" now point at the kept one.
		await tx.update(records).set({ sameAsId: keep.id }).where(eq(records.sameAsId, close.id));
		await tx.update(records).set({ sameAsId: null }).where(eq(records.id, keep.id));
		// Only an approved record has a public version to withdraw.
		const withdrawn = published && (await unpublishRecord(sql, tx, close.id, now));
		await auditSql(sql, tx, {
			action: 'record.merged',
			actorId: input.user.id,
			targetType: 'record',
			targetId: keep.id,
			detail: { closed: close.id, spansCopied: rows.length },
			clientAddress: input.clientAddress ?? null,
			at: now
		});
		return { ok: true, copied: rows.length, withdrawn };
	});
	if (!outcome.ok) return outcome;
	const { withdrawn, ...answer } = outcome;
	if (withdrawn) emitEvent('project.withdrawn', { recordId: input.closeId });
	return answer;
}

export async function unmergeRecord(
	sql: Sql,
	input: { recordId: string; user: SessionUser; clientAddress?: string | null; now?: Date }
): Promise<MergeOutcome> {
	if (!hasRole(input.user, 'editor')) return refuse('forbidden', (t) => t.onlyRole('editor'));
	const { fieldProvenance, records } = sql.t;
	const now = input.now ?? new Date();
	const outcome = await sql.tx(async (tx): Promise<MergeOutcome & { republished?: number | null }> => {
		const [seen] = await tx.select({ mergedIntoId: records.mergedIntoId }).from(records).where(eq(records.id, input.recordId));
		if (!seen) return refuse('not_found', (t) => t.noRecord);
		if (!seen.mergedIntoId) return refuse('conflict', (t) => t.notMerged);
		// Both records, in the merge's order; then the closed one is read again under the lock.
		const [closed] = await lockRecords(sql, tx, [input.recordId, seen.mergedIntoId]);
		if (!closed) return refuse('not_found', (t) => t.noRecord);
		const into = closed.mergedIntoId;
		if (!into) return refuse('conflict', (t) => t.notMerged);
		// Un-merged and merged elsewhere in between: that record was not locked.
		if (into !== seen.mergedIntoId) return refuse('conflict', (t) => t.mergedAlready);
		if (closed.approvedVersion !== null && !hasRole(input.user, 'approver')) {
			return refuse('forbidden', (t) => t.unmergeNeedsApprover);
		}
		const removed = await tx
			.delete(fieldProvenance)
			.where(and(eq(fieldProvenance.recordId, into), eq(fieldProvenance.mergedFromId, closed.id)))
			.returning({ id: fieldProvenance.id });
		await tx.update(records).set({ mergedIntoId: null, mergedAt: null, updatedAt: now }).where(eq(records.id, closed.id));
		const republished = closed.approvedVersion !== null ? await publishVersion(sql, tx, closed.id, now) : null;
		await auditSql(sql, tx, {
			action: 'record.unmerged',
			actorId: input.user.id,
			targetType: 'record',
			targetId: closed.id,
			detail: { from: into, spansRemoved: removed.length },
			clientAddress: input.clientAddress ?? null,
			at: now
		});
		return { ok: true, copied: removed.length, republished };
	});
	if (!outcome.ok) return outcome;
	const { republished, ...answer } = outcome;
	if (republished !== null && republished !== undefined) emitEvent('project.published', { recordId: input.recordId, version: republished });
	return answer;
}
