/**
 * Committing an approved version. Everything the approval writes — the immutable version
 * row, the record's status and pointer, the public index, the audit entry — commits in one
 * transaction or not at all. The record's row is locked first (FOR UPDATE on PostgreSQL),
 * so of two approvals of one version, in any processes, the second reads the first's
 * version and is refused; the unique (record_id, version) index stands behind the lock.
 */
import { desc, eq } from 'drizzle-orm';
import type { ProjectRecord } from '../../records/fields';
import type { DraftInputs } from '../../records/inputs';
import { inputsFromRecord } from '../../records/kinds';
import { REVIEW_TRANSITIONS, type ReviewState } from '../../records/review';
import { validateInputs } from '../../records/validate';
import { auditSql } from '../audit';
import type { Sql } from '../db/sql';
import { withoutNul } from '../db/without-nul';
import { metrics } from '../ops/metrics';
import { publishVersion } from '../public/index-projects';
import { refuse, type Outcome } from '../refusal';
import { sameRecord } from '../../records/same';
import { writeRecordStatus } from './status';

export interface ApprovalRequest {
	recordId: string;
	/** The version the approver was looking at; anything else now means someone approved first. */
	expectedVersion: number | null;
	/** The live state being approved, read from the document store. */
	record: ProjectRecord;
	/**
	 * What editors typed, as the document holds it. Validation reads this, not `record`:
	 * parsing reads text that is not a value ("2024-02-30") as empty, so the parsed record
	 * alone would pass and publish null where the editor sees an error.
	 */
	inputs?: DraftInputs;
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

export type ApprovalOutcome = Outcome<{ version: number }>;

const MAX_NOTE_LENGTH = 2000;

export async function commitApproval(sql: Sql, req: ApprovalRequest): Promise<ApprovalOutcome> {
	const outcome = await approveInTransaction(sql, req);
	if (outcome.ok) metrics().approvals.inc();
	return outcome;
}

async function approveInTransaction(sql: Sql, req: ApprovalRequest): Promise<ApprovalOutcome> {
	const { records, recordVersions } = sql.t;
	const note = req.note?.trim() || null;
	if (note && note.length > MAX_NOTE_LENGTH) {
		return refuse('invalid', (t) => t.noteTooLong(MAX_NOTE_LENGTH));
	}
	const issues = validateInputs(req.inputs ?? inputsFromRecord(req.record));
	// What a client typed may hold U+0000, which PostgreSQL cannot store: the version (and so the
	// public view) goes without it on both dialects, and "no changes" compares what is stored.
	const record = withoutNul(req.record);
	return sql.tx(async (tx): Promise<ApprovalOutcome> => {
		const [row] = await sql.forUpdate(
			tx.select({ status: records.status, approvedVersion: records.approvedVersion }).from(records).where(eq(records.id, req.recordId))
		);
		if (!row) return refuse('not_found', (t) => t.noRecord);
		const current = row.approvedVersion;
		if (current !== req.expectedVersion) {
			return refuse('conflict', (t) => t.alreadyApproved(String(current)));
		}
		const [latest] = await tx
			.select({ data: recordVersions.data })
			.from(recordVersions)
			.where(eq(recordVersions.recordId, req.recordId))
			.orderBy(desc(recordVersions.version))
			.limit(1);
		if (latest && sameRecord(latest.data, record)) {
			return refuse('no_changes', (t) => t.noChangesSince(String(current)));
		}
		const review = req.review ?? row.status;
		if (!(REVIEW_TRANSITIONS.approve.from as readonly string[]).includes(review)) {
			return refuse('wrong_state', (t) => t.cannotApprove(review));
		}
		if (issues.length) {
			return refuse('invalid', (t) => t.approvalBlocked, issues);
		}
		const version = (current ?? 0) + 1;
		const now = req.now ?? new Date();
		await tx.insert(recordVersions).values({
			recordId: req.recordId,
			version,
			data: record,
			stateVector: Buffer.from(req.stateVector),
			approvedBy: req.approverId,
			approvedAt: now,
			note
		});
		await writeRecordStatus(sql, tx, req.recordId, 'approved', now, version);
		await publishVersion(sql, tx, req.recordId, now);
		await auditSql(sql, tx, {
			action: 'record.approved',
			actorId: req.approverId,
			targetType: 'record',
			targetId: req.recordId,
			detail: { version, note, ...(req.bulk ? { bulk: true } : {}) },
			clientAddress: req.clientAddress ?? null,
			at: now
		});
		return { ok: true as const, version };
	});
}
