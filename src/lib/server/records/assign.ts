/**
 * Handing a record to one person. The assignee is a column on the records row (so the
 * queue filters and sorts on it in SQL), every change is audited, and `record.assigned`
 * is emitted after it is committed (events.ts) for the live queue, notifications and webhooks.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { auditSql } from '../audit';
import { hasRole } from '../auth/roles';
import type { SessionUser } from '../auth/session';
import type { Sql } from '../db/sql';
import { emitEvent } from '../events';
import { refuse, type Outcome } from '../refusal';

/** The roles a record may be handed to: the people who can change it. */
const ASSIGNABLE_ROLES = ['editor', 'approver', 'admin'] as const;

export interface Person {
	id: string;
	name: string;
}

/** Everyone a record may be assigned to, by name: editors and above whose account is active. */
export async function listAssignable(sql: Sql): Promise<Person[]> {
	const { users } = sql.t;
	return sql.db
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(and(inArray(users.role, [...ASSIGNABLE_ROLES]), isNull(users.disabledAt)))
		.orderBy(asc(users.name), asc(users.email));
}

export interface AssignInput {
	recordId: string;
	/** The person to hand it to; null to unassign. */
	assigneeId: string | null;
	actor: SessionUser;
	clientAddress?: string | null;
	/** Part of a bulk assignment from the queue (noted in the audit entry). */
	bulk?: boolean;
}

export type AssignOutcome = Outcome<{ assignee: Person | null; changed: boolean }>;

export async function assignRecord(sql: Sql, input: AssignInput): Promise<AssignOutcome> {
	if (!hasRole(input.actor, 'editor')) return refuse('forbidden', (t) => t.onlyEditorAssigns);
	const { records, users } = sql.t;
	const at = new Date();
	const outcome = await sql.tx(async (tx): Promise<AssignOutcome & { previous?: string | null }> => {
		let assignee: Person | null = null;
		if (input.assigneeId) {
			// Locked, so the person cannot be disabled or demoted between this check and the commit.
			const [person] = await sql.forUpdate(tx.select().from(users).where(eq(users.id, input.assigneeId)));
			if (!person) return refuse('invalid', (t) => t.noSuchAssignee);
			if (person.disabledAt) return refuse('invalid', (t) => t.assigneeDisabled(person.name));
			if (!hasRole(person, 'editor')) {
				return refuse('invalid', (t) => t.assigneeCannotEdit(person.name, person.role));
			}
			assignee = { id: person.id, name: person.name };
		}
		// Locked: two assignments at once must not both read the same previous assignee (or both
		// see a change to the same person), which would audit and announce a hand-over twice.
		const [row] = await sql.forUpdate(
			tx.select({ assigneeId: records.assigneeId, mergedIntoId: records.mergedIntoId }).from(records).where(eq(records.id, input.recordId))
		);
		if (!row) return refuse('not_found', (t) => t.noRecord);
		if (row.mergedIntoId) return refuse('wrong_state', (t) => t.assignMerged);
		if (row.assigneeId === (assignee?.id ?? null)) return { ok: true, assignee, changed: false };
		await tx
			.update(records)
			.set({ assigneeId: assignee?.id ?? null, assignedAt: assignee ? at : null })
			.where(eq(records.id, input.recordId));
		await auditSql(sql, tx, {
			action: assignee ? 'record.assigned' : 'record.unassigned',
			actorId: input.actor.id,
			targetType: 'record',
			targetId: input.recordId,
			detail: { from: row.assigneeId, to: assignee?.id ?? null, ...(input.bulk ? { bulk: true } : {}) },
			clientAddress: input.clientAddress ?? null,
			at
		});
		return { ok: true, assignee, changed: true, previous: row.assigneeId };
	});
	if (!outcome.ok || !outcome.changed) return outcome;
	const { previous, ...answer } = outcome;
	emitEvent('record.assigned', {
		recordId: input.recordId,
		assignee: answer.assignee,
		previousAssigneeId: previous ?? null,
		actor: { id: input.actor.id, name: input.actor.name },
		at
	});
	return answer;
}
