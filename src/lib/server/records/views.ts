/**
 * Saved review-queue views: a named query string (filters and sort), personal or shared.
 * Anyone who can see the queue may save views for themselves; shared views, which appear
 * beside everyone's queue, are made by approvers and admins (the people who organise the
 * review), and removed by their maker or an admin.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, or } from 'drizzle-orm';
import { parseQueueQuery, queueQueryString } from '../../records/queue';
import { audit } from '../audit';
import { hasRole } from '../auth/roles';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { savedViews, users } from '../db/schema';
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
export function listViews(db: Db, user: SessionUser): ViewItem[] {
	return db
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
		.orderBy(desc(savedViews.shared), asc(savedViews.name))
		.all()
		.map(({ ownerId, ...v }) => ({ ...v, canDelete: ownerId === user.id || (v.shared && hasRole(user, 'admin')) }));
}

export interface SaveViewInput {
	user: SessionUser;
	name: string;
	/** The queue's query string as the page had it; normalised here. */
	query: string;
	shared: boolean;
	clientAddress?: string | null;
}

export function saveView(db: Db, input: SaveViewInput): Outcome<{ view: ViewItem }> {
	const name = input.name.trim().replace(/\s+/g, ' ');
	if (!name) return refuse('invalid', (t) => t.viewNameMissing);
	if (name.length > MAX_VIEW_NAME) return refuse('invalid', (t) => t.viewNameTooLong(MAX_VIEW_NAME));
	if (input.shared && !hasRole(input.user, 'approver')) {
		return refuse('forbidden', (t) => t.onlyApproversShare);
	}
	const query = queueQueryString(parseQueueQuery(new URLSearchParams(input.query)));
	return db.transaction(
		(tx) => {
			const mine = tx.select({ n: count() }).from(savedViews).where(eq(savedViews.ownerId, input.user.id)).get()?.n ?? 0;
			if (mine >= MAX_VIEWS) return refuse('invalid', (t) => t.tooManyViews(MAX_VIEWS));
			const clash = tx
				.select({ id: savedViews.id })
				.from(savedViews)
				.where(and(eq(savedViews.name, name), or(eq(savedViews.ownerId, input.user.id), eq(savedViews.shared, true))))
				.get();
			if (clash) return refuse('conflict', (t) => t.viewNameTaken(name));
			const view = { id: randomUUID(), ownerId: input.user.id, name, query, shared: input.shared, createdAt: new Date() };
			tx.insert(savedViews).values(view).run();
			audit(tx, {
				action: 'view.saved',
				actorId: input.user.id,
				targetType: 'view',
				targetId: view.id,
				detail: { name, query, shared: input.shared },
				clientAddress: input.clientAddress ?? null
			});
			return { ok: true as const, view: { id: view.id, name, query, shared: input.shared, ownerName: input.user.name, canDelete: true } };
		},
		{ behavior: 'immediate' }
	);
}

export function deleteView(db: Db, input: { user: SessionUser; id: string; clientAddress?: string | null }): Outcome {
	const view = db.select().from(savedViews).where(eq(savedViews.id, input.id)).get();
	if (!view || (!view.shared && view.ownerId !== input.user.id)) return refuse('not_found', (t) => t.noView);
	if (view.ownerId !== input.user.id && !hasRole(input.user, 'admin')) {
		return refuse('forbidden', (t) => t.onlyMakerDeletes);
	}
	db.transaction((tx) => {
		tx.delete(savedViews).where(eq(savedViews.id, view.id)).run();
		audit(tx, {
			action: 'view.deleted',
			actorId: input.user.id,
			targetType: 'view',
			targetId: view.id,
			detail: { name: view.name, shared: view.shared },
			clientAddress: input.clientAddress ?? null
		});
	});
	return { ok: true };
}
