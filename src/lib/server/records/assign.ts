/**
 * Handing a record to one person. The assignee is a column on the records row (so the
 * queue filters and sorts on it in SQL), every change is audited, and `record.assigned`
 * is emitted after it is committed (events.ts) for the live queue, notifications and webhooks.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { audit } from '../audit';
import { hasRole } from '../auth/roles';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { records, users } from '../db/schema';
import { emitEvent } from '../events';
import { refuse, type Outcome } from '../refusal';

/** The roles a record may be handed to: the people who can change it. */
const ASSIGNABLE_ROLES = ['editor', 'approver', 'admin'] as const;

export interface Person {
	id: string;
	name: string;
}

/** Everyone a record may be assigned to, by name: editors and above whose account is active. */
export function listAssignable(db: Db): Person[] {
	return db
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(and(inArray(users.role, [...ASSIGNABLE_ROLES]), isNull(users.disabledAt)))
		.orderBy(asc(users.name), asc(users.email))
		.all();
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

export function assignRecord(db: Db, input: AssignInput): AssignOutcome {
	if (!hasRole(input.actor, 'editor')) return refuse('forbidden', (t) => t.onlyEditorAssigns);
	let assignee: Person | null = null;
	if (input.assigneeId) {
		const person = db.select().from(users).where(eq(users.id, input.assigneeId)).get();
		if (!person) return refuse('invalid', (t) => t.noSuchAssignee);
		if (person.disabledAt) return refuse('invalid', (t) => t.assigneeDisabled(person.name));
		if (!hasRole(person, 'editor')) {
			return refuse('invalid', (t) => t.assigneeCannotEdit(person.name, person.role));
		}
		assignee = { id: person.id, name: person.name };
	}
	const at = new Date();
	const outcome = db.transaction(
		(tx): AssignOutcome & { previous?: string | null } => {
			const row = tx
				.select({ assigneeId: records.assigneeId, mergedIntoId: records.mergedIntoId })
				.from(records)
				.where(eq(records.id, input.recordId))
				.get();
			if (!row) return refuse('not_found', (t) => t.noRecord);
			if (row.mergedIntoId) return refuse('wrong_state', (t) => t.assignMerged);
			if (row.assigneeId === (assignee?.id ?? null)) return { ok: true, assignee, changed: false };
			tx.update(records)
				.set({ assigneeId: assignee?.id ?? null, assignedAt: assignee ? at : null })
				.where(eq(records.id, input.recordId))
				.run();
			audit(tx, {
				action: assignee ? 'record.assigned' : 'record.unassigned',
				actorId: input.actor.id,
				targetType: 'record',
				targetId: input.recordId,
				detail: { from: row.assigneeId, to: assignee?.id ?? null, ...(input.bulk ? { bulk: true } : {}) },
				clientAddress: input.clientAddress ?? null,
				at
			});
			return { ok: true, assignee, changed: true, previous: row.assigneeId };
		},
		{ behavior: 'immediate' }
	);
	if (!outcome.ok || !outcome.changed) return outcome;
	const { previous, ...answer } = outcome;
	emitEvent('record.assigned', {
		recordId: input.recordId,
		assignee,
		previousAssigneeId: previous ?? null,
		actor: { id: input.actor.id, name: input.actor.name },
		at
	});
	return answer;
}
