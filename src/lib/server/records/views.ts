/**
 * Saved review-queue views: a named query string (filters and sort), personal or shared.
 * Anyone who can see the queue may save views for themselves; shared views, which appear
 * beside everyone's queue, are made by approvers and admins (the people who organise the
 * review), and removed by their maker or an admin.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, or } from 'drizzle-orm';
import { parseQueueQuery, queueQueryString } from '../../records/queue';
import { auditSql } from '../audit';
import { hasRole } from '../auth/roles';
import type { SessionUser } from '../auth/session';
import type { Sql } from '../db/sql';
import { refuse, type Outcome } from '../refusal';

export const MAX_VIEW_NAME = 60;
/** Per person; a list beside the queue longer than this helps nobody. */
export const MAX_VIEWS = 50;

export interface ViewItem {
	id: string;
	name: string;
	/** Canonical query string, without `?`. */
	query: string;
	shared: boolean;
	ownerName: string;
	canDelete: boolean;
}

/** The person's own views and every shared one: shared first, then by name. */
export async function listViews(sql: Sql, user: SessionUser): Promise<ViewItem[]> {
	const { savedViews, users } = sql.t;
	const rows = await sql.db
		.select({
			id: savedViews.id,
			name: savedViews.name,
			query: savedViews.query,
			shared: savedViews.shared,
			ownerId: savedViews.ownerId,
			ownerName: users.name
		})
		.from(savedViews)
		.innerJoin(users, eq(users.id, savedViews.ownerId))
		.where(or(eq(savedViews.ownerId, user.id), eq(savedViews.shared, true)))
		.orderBy(desc(savedViews.shared), asc(savedViews.name));
	return rows.map(({ ownerId, ...v }) => ({ ...v, canDelete: ownerId === user.id || (v.shared && hasRole(user, 'admin')) }));
}

export interface SaveViewInput {
	user: SessionUser;
	name: string;
	/** The queue's query string as the page had it; normalised here. */
	query: string;
	shared: boolean;
	clientAddress?: string | null;
}

export async function saveView(sql: Sql, input: SaveViewInput): Promise<Outcome<{ view: ViewItem }>> {
	const name = input.name.trim().replace(/\s+/g, ' ');
	if (!name) return refuse('invalid', (t) => t.viewNameMissing);
	if (name.length > MAX_VIEW_NAME) return refuse('invalid', (t) => t.viewNameTooLong(MAX_VIEW_NAME));
	if (input.shared && !hasRole(input.user, 'approver')) {
		return refuse('forbidden', (t) => t.onlyApproversShare);
	}
	const query = queueQueryString(parseQueueQuery(new URLSearchParams(input.query)));
	const { savedViews } = sql.t;
	return sql.tx(async (tx) => {
		// The count and the name check decide about rows that may not exist yet: without these
		// keys two processes could both pass them (a 51st view, two of one person's views of one
		// name, or two people's shared views of one name).
		await sql.lockKeys(tx, [`saved-view-owner:${input.user.id}`, `saved-view-name:${name}`]);
		const [mine] = await tx.select({ n: count() }).from(savedViews).where(eq(savedViews.ownerId, input.user.id));
		if ((mine?.n ?? 0) >= MAX_VIEWS) return refuse('invalid', (t) => t.tooManyViews(MAX_VIEWS));
		const [clash] = await tx
			.select({ id: savedViews.id })
			.from(savedViews)
			.where(and(eq(savedViews.name, name), or(eq(savedViews.ownerId, input.user.id), eq(savedViews.shared, true))))
			.limit(1);
		if (clash) return refuse('conflict', (t) => t.viewNameTaken(name));
		const view = { id: randomUUID(), ownerId: input.user.id, name, query, shared: input.shared, createdAt: new Date() };
		await tx.insert(savedViews).values(view);
		await auditSql(sql, tx, {
			action: 'view.saved',
			actorId: input.user.id,
			targetType: 'view',
			targetId: view.id,
			detail: { name, query, shared: input.shared },
			clientAddress: input.clientAddress ?? null
		});
		return { ok: true as const, view: { id: view.id, name, query, shared: input.shared, ownerName: input.user.name, canDelete: true } };
	});
}

export async function deleteView(sql: Sql, input: { user: SessionUser; id: string; clientAddress?: string | null }): Promise<Outcome> {
	const { savedViews } = sql.t;
	return sql.tx(async (tx) => {
		// Locked, so that of two deletes at once only one finds the view and writes the audit entry.
		const [view] = await sql.forUpdate(tx.select().from(savedViews).where(eq(savedViews.id, input.id)));
		if (!view || (!view.shared && view.ownerId !== input.user.id)) return refuse('not_found', (t) => t.noView);
		if (view.ownerId !== input.user.id && !hasRole(input.user, 'admin')) {
			return refuse('forbidden', (t) => t.onlyMakerDeletes);
		}
		await tx.delete(savedViews).where(eq(savedViews.id, view.id));
		await auditSql(sql, tx, {
			action: 'view.deleted',
			actorId: input.user.id,
			targetType: 'view',
			targetId: view.id,
			detail: { name: view.name, shared: view.shared },
			clientAddress: input.clientAddress ?? null
		});
		return { ok: true as const };
	});
}
