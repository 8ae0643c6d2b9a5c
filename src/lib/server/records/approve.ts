/**
 * Committing an approved version. Everything the approval writes — the immutable version
 * row, the record's status and pointer, the public index, the audit entry — commits in one
 * transaction or not at all.
 */
import { desc, eq } from 'drizzle-orm';
import type { ProjectRecord } from '../../records/fields';
import { REVIEW_TRANSITIONS, type ReviewState } from '../../records/review';
import { validateRecord, type FieldIssue } from '../../records/validate';
import { audit } from '../audit';
import type { Db } from '../db/client';
import { records, recordVersions } from '../db/schema';
import { metrics } from '../ops/metrics';
import { publishVersion } from '../public/index-projects';
import { sameRecord } from './same-record';

export interface ApprovalRequest {
	recordId: string;
	/** The version the approver was looking at; anything else now means someone approved first. */
	expectedVersion: number | null;
	/** The live state being approved, read from the document store. */
	record: ProjectRecord;
	/** The live document's review state (the records row's status may trail it by a moment). */
	review?: ReviewState;
	stateVector: Uint8Array;
	approverId: string;
	note?: string | null;
	clientAddress?: string | null;
	/** Set by bulk approval, so the audit log tells one click from many. */
	bulk?: boolean;
	now?: Date;
}

export type ApprovalOutcome =
	| { ok: true; version: number }
	| {
			ok: false;
			status: 400 | 404 | 409;
			code: 'not_found' | 'invalid' | 'conflict' | 'no_changes' | 'wrong_state';
			message: string;
			issues?: FieldIssue[];
	  };

const MAX_NOTE_LENGTH = 2000;

export function commitApproval(db: Db, req: ApprovalRequest): ApprovalOutcome {
	const outcome = approveInTransaction(db, req);
	if (outcome.ok) metrics().approvals.inc();
	return outcome;
}

function approveInTransaction(db: Db, req: ApprovalRequest): ApprovalOutcome {
	const note = req.note?.trim() || null;
	if (note && note.length > MAX_NOTE_LENGTH) {
		return { ok: false, status: 400, code: 'invalid', message: `Keep the note under ${MAX_NOTE_LENGTH} characters.` };
	}
	const issues = validateRecord(req.record);
	return db.transaction((tx) => {
		const row = tx
			.select({ status: records.status, approvedVersion: records.approvedVersion })
			.from(records)
			.where(eq(records.id, req.recordId))
			.get();
		if (!row) return { ok: false, status: 404, code: 'not_found', message: 'No record with that id.' } as const;
		const current = row.approvedVersion;
		if (current !== req.expectedVersion) {
			return { ok: false, status: 409, code: 'conflict', message: `Already approved as v${current}.` } as const;
		}
		const latest = tx
			.select({ data: recordVersions.data })
			.from(recordVersions)
			.where(eq(recordVersions.recordId, req.recordId))
			.orderBy(desc(recordVersions.version))
			.limit(1)
			.get();
		if (latest && sameRecord(latest.data, req.record)) {
			return { ok: false, status: 400, code: 'no_changes', message: `No changes since v${current}.` } as const;
		}
		const review = req.review ?? row.status;
		if (!(REVIEW_TRANSITIONS.approve.from as readonly string[]).includes(review)) {
			return {
				ok: false,
				status: 400,
				code: 'wrong_state',
				message: `A record that is ${review.replace('_', ' ')} cannot be approved.`
			} as const;
		}
		if (issues.length) {
			return { ok: false, status: 400, code: 'invalid', message: 'The record does not validate.', issues } as const;
		}
		const version = (current ?? 0) + 1;
		const now = req.now ?? new Date();
		tx.insert(recordVersions)
			.values({
				recordId: req.recordId,
				version,
				data: req.record,
				stateVector: Buffer.from(req.stateVector),
				approvedBy: req.approverId,
				approvedAt: now,
				note
			})
			.run();
		tx.update(records)
			.set({ status: 'approved', approvedVersion: version, updatedAt: now })
			.where(eq(records.id, req.recordId))
			.run();
		publishVersion(tx, req.recordId, now);
		audit(tx, {
			action: 'record.approved',
			actorId: req.approverId,
			targetType: 'record',
			targetId: req.recordId,
			detail: { version, note, ...(req.bulk ? { bulk: true } : {}) },
			clientAddress: req.clientAddress ?? null,
			at: now
		});
		return { ok: true, version } as const;
	}, { behavior: 'immediate' });
}
