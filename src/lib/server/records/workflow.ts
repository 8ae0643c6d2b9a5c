/**
 * The review workflow: moving a record between review states, approving it, restoring
 * an old version. The review state lives in the record's live document so every open
 * editor sees it change; the records row and the audit log are written beside it.
 */
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { FieldKey } from '../../records/fields';
import { REVIEW_TRANSITIONS, type ReviewAction, type ReviewState } from '../../records/review';
import { restoreInputs } from '../../records/restore';
import { validateInputs, type FieldIssue } from '../../records/validate';
import { readInputs, setApproval, setReviewNote, setReviewState, writeInputs } from '../../records/ydoc';
import { auditSql } from '../audit';
import { hasRole } from '../auth/roles';
import type { SessionUser } from '../auth/session';
import type { Sql } from '../db/sql';
import { emitEvent, type RecordStateChangedEvent } from '../events';
import { UpdateOrigin } from '../docs/origins';
import { publishVersion, unpublishRecord } from '../public/index-projects';
import { refuse, type Outcome } from '../refusal';
import { commitApproval } from './approve';
import type { RecordStore } from './live';
import { writeRecordStatus } from './status';
import { getVersion } from './versions';

export interface Services {
	sql: Sql;
	docs: RecordStore;
}

export type WorkflowOutcome<T = object> = Outcome<T>;

const MAX_REASON_LENGTH = 2000;

const origin = (user: SessionUser, label: string) => new UpdateOrigin({ id: user.id, name: user.name }, label);

export interface ReviewChange {
	recordId: string;
	action: Exclude<ReviewAction, 'approve'>;
	user: SessionUser;
	reason?: string | null;
	clientAddress?: string | null;
}

export async function changeReviewState(
	{ sql, docs }: Services,
	change: ReviewChange
): Promise<WorkflowOutcome<{ state: ReviewState; blockers: FieldIssue[] }>> {
	const rule = REVIEW_TRANSITIONS[change.action];
	if (!hasRole(change.user, rule.role)) return refuse('forbidden', (t) => t.onlyRole(rule.role));
	const reason = change.reason?.trim() || null;
	if (rule.needsReason && !reason) return refuse('invalid', (t) => t.giveReason);
	if (reason && reason.length > MAX_REASON_LENGTH) {
		return refuse('invalid', (t) => t.reasonTooLong(MAX_REASON_LENGTH));
	}
	const snap = await docs.snapshot(change.recordId);
	if (!snap) return refuse('not_found', (t) => t.noRecord);
	if (!(rule.from as readonly ReviewState[]).includes(snap.review)) {
		return refuse('wrong_state', (t) => t.cannotMove(snap.review));
	}
	await docs.edit(change.recordId, origin(change.user, 'review'), (doc) => {
		setReviewState(doc, rule.to);
		setReviewNote(doc, reason ? { text: reason, by: change.user.name, at: new Date().toISOString() } : null);
	});
	const { withdrawn, republished } = await sql.tx(async (tx) => {
		await writeRecordStatus(sql, tx, change.recordId, rule.to, new Date());
		const withdrawn = rule.to === 'rejected' && (await unpublishRecord(sql, tx, change.recordId));
		const republished = change.action === 'reopen' ? await publishVersion(sql, tx, change.recordId) : null;
		await auditSql(sql, tx, {
			action: 'record.state_changed',
			actorId: change.user.id,
			targetType: 'record',
			targetId: change.recordId,
			detail: { action: change.action, from: snap.review, to: rule.to, reason },
			clientAddress: change.clientAddress ?? null
		});
		return { withdrawn, republished };
	});
	const event: RecordStateChangedEvent = {
		recordId: change.recordId,
		byUserId: change.user.id,
		editorIds: await editorsOf(sql, change.recordId, snap),
		action: change.action,
		from: snap.review,
		to: rule.to,
		reason,
		actor: { id: change.user.id, name: change.user.name },
		at: new Date()
	};
	emitEvent('record.state_changed', event);
	if (change.action === 'reject') emitEvent('record.rejected', event);
	if (change.action === 'request_changes') emitEvent('record.changes_requested', event);
	if (withdrawn) emitEvent('project.withdrawn', { recordId: change.recordId });
	if (republished !== null) emitEvent('project.published', { recordId: change.recordId, version: republished });
	// Asking for review is allowed with problems left (the approver may help), but the editor is told what will block approval.
	const blockers = change.action === 'submit' ? validateInputs(snap.inputs) : [];
	return { ok: true, state: rule.to, blockers };
}

export interface ApproveInput {
	recordId: string;
	expectedVersion: number | null;
	user: SessionUser;
	note?: string | null;
	clientAddress?: string | null;
	bulk?: boolean;
}

export async function approveRecord({ sql, docs }: Services, input: ApproveInput): Promise<WorkflowOutcome<{ version: number }>> {
	if (!hasRole(input.user, 'approver')) return refuse('forbidden', (t) => t.onlyApproverApproves);
	const snap = await docs.snapshot(input.recordId);
	if (!snap) return refuse('not_found', (t) => t.noRecord);
	const outcome = await commitApproval(sql, {
		recordId: input.recordId,
		expectedVersion: input.expectedVersion,
		record: snap.record,
		inputs: snap.inputs,
		review: snap.review,
		stateVector: snap.stateVector,
		approverId: input.user.id,
		note: input.note,
		clientAddress: input.clientAddress,
		bulk: input.bulk
	});
	if (!outcome.ok) return outcome;
	await docs.edit(input.recordId, origin(input.user, 'approve'), (doc) => {
		// An edit that arrived after the snapshot is not in this version: the record stays a draft.
		const unchanged = Buffer.from(Y.encodeStateVector(doc)).equals(Buffer.from(snap.stateVector));
		setApproval(doc, { version: outcome.version, by: input.user.name, at: new Date().toISOString() });
		setReviewNote(doc, null);
		setReviewState(doc, unchanged ? 'approved' : 'draft');
	});
	emitEvent('record.approved', {
		recordId: input.recordId,
		byUserId: input.user.id,
		editorIds: await editorsOf(sql, input.recordId, snap),
		version: outcome.version,
		actor: { id: input.user.id, name: input.user.name },
		note: input.note?.trim() || null,
		at: new Date()
	});
	emitEvent('project.published', { recordId: input.recordId, version: outcome.version });
	return { ok: true, version: outcome.version };
}

/** Who "edited" a record, for telling them of a decision: the last to change each field, and whoever created it. */
async function editorsOf(sql: Sql, recordId: string, snap: { changedBy: Partial<Record<FieldKey, { id: string }>> }): Promise<string[]> {
	const { records } = sql.t;
	const [creator] = (await sql.db.select({ id: records.createdById }).from(records).where(eq(records.id, recordId))).map((r) => r.id);
	return [...new Set([...Object.values(snap.changedBy).map((c) => c!.id), ...(creator ? [creator] : [])])];
}

export interface RestoreInput {
	recordId: string;
	version: number;
	user: SessionUser;
	clientAddress?: string | null;
}

/**
 * Writes an old version's values into the live document as a new edit; history is never
 * rewritten. Only the fields whose value differs are written, so a field that already
 * holds the version's value keeps what was typed ("50 %") and its "changed by".
 */
export async function restoreVersion({ sql, docs }: Services, input: RestoreInput): Promise<WorkflowOutcome<{ changed: FieldKey[] }>> {
	if (!hasRole(input.user, 'approver')) return refuse('forbidden', (t) => t.onlyApproverRestores);
	const { records } = sql.t;
	const [record] = await sql.db.select({ id: records.id }).from(records).where(eq(records.id, input.recordId));
	if (!record) return refuse('not_found', (t) => t.noRecord);
	const version = await getVersion(sql, input.recordId, input.version);
	if (!version) return refuse('invalid', (t) => t.noVersion(input.version));
	let changed: FieldKey[] = [];
	await docs.edit(input.recordId, origin(input.user, 'restore'), (doc) => {
		const writes = restoreInputs(readInputs(doc), version.data);
		changed = Object.keys(writes) as FieldKey[];
		writeInputs(doc, writes);
	});
	await auditSql(sql, sql.db, {
		action: 'record.restored',
		actorId: input.user.id,
		targetType: 'record',
		targetId: input.recordId,
		detail: { version: input.version, fields: changed },
		clientAddress: input.clientAddress ?? null
	});
	return { ok: true, changed };
}
