/** The in-app notification list (the bell) and each person's choices of what to be told. */
import { randomBytes } from 'node:crypto';
import { and, count, desc, eq, isNull, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type NotificationKind, type NotificationPrefs, withDefaults } from '../../records/notification-kinds';
import type { Sql } from '../db/sql';
import { signalNotifications } from './live';

export interface NewNotification {
	userId: string;
	kind: NotificationKind;
	recordId?: string | null;
	commentId?: string | null;
	actorId?: string | null;
}

export async function prefsOf(sql: Sql, userId: string): Promise<NotificationPrefs> {
	const { notificationPrefs } = sql.t;
	const [row] = await sql.db.select({ prefs: notificationPrefs.prefs }).from(notificationPrefs).where(eq(notificationPrefs.userId, userId));
	return withDefaults(row?.prefs);
}

const newToken = () => randomBytes(24).toString('base64url');

export async function setPrefs(sql: Sql, userId: string, prefs: NotificationPrefs, now = new Date()): Promise<void> {
	const { notificationPrefs } = sql.t;
	const values = { prefs: withDefaults(prefs), unsubscribeToken: newToken(), updatedAt: now };
	await sql.db
		.insert(notificationPrefs)
		.values({ userId, ...values })
		.onConflictDoUpdate({ target: notificationPrefs.userId, set: values });
}

/** The token for a person's unsubscribe link, made when first needed. */
export async function unsubscribeTokenOf(sql: Sql, userId: string): Promise<string> {
	const { notificationPrefs } = sql.t;
	const stored = () =>
		sql.db.select({ token: notificationPrefs.unsubscribeToken }).from(notificationPrefs).where(eq(notificationPrefs.userId, userId));
	const [row] = await stored();
	if (row) return row.token;
	// Another process may make the row first: then its token is the one, and ours is dropped.
	await sql.db
		.insert(notificationPrefs)
		.values({ userId, prefs: withDefaults(null), unsubscribeToken: newToken(), updatedAt: new Date() })
		.onConflictDoNothing();
	const [made] = await stored();
	return made.token;
}

/** Turns every e-mail off for whoever holds the token; false when the link is not (or no longer) valid. */
export async function unsubscribeByToken(sql: Sql, token: string, now = new Date()): Promise<boolean> {
	if (!token) return false;
	const { emailOutbox, notificationPrefs } = sql.t;
	return sql.tx(async (tx) => {
		// Locked: a settings save between this read and the write below would otherwise be overwritten with the old choices.
		const [row] = await sql.forUpdate(tx.select().from(notificationPrefs).where(eq(notificationPrefs.unsubscribeToken, token)));
		if (!row) return false;
		const prefs = withDefaults(row.prefs);
		for (const kind of Object.keys(prefs) as NotificationKind[]) prefs[kind].email = false;
		await tx.update(notificationPrefs).set({ prefs, updatedAt: now }).where(eq(notificationPrefs.userId, row.userId));
		await tx
			.update(emailOutbox)
			.set({ sentAt: now, lastError: 'unsubscribed' })
			.where(and(eq(emailOutbox.userId, row.userId), isNull(emailOutbox.sentAt)));
		return true;
	});
}

/**
 * Records one notification as the person's settings say: in the list, queued for e-mail,
 * both or neither. Nobody is told about what they did themselves, nor is a disabled account.
 */
export async function notify(sql: Sql, n: NewNotification, now = new Date()): Promise<boolean> {
	if (n.actorId && n.actorId === n.userId) return false;
	const { emailOutbox, notifications, records, users } = sql.t;
	const [person] = await sql.db.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, n.userId));
	if (!person || person.disabledAt) return false;
	const choice = (await prefsOf(sql, n.userId))[n.kind];
	if (!choice.inApp && !choice.email) return false;
	const [record] = n.recordId ? await sql.db.select({ title: records.title }).from(records).where(eq(records.id, n.recordId)) : [];
	await sql.tx(async (tx) => {
		const [{ id }] = await tx
			.insert(notifications)
			.values({
				userId: n.userId,
				kind: n.kind,
				recordId: n.recordId ?? null,
				commentId: n.commentId ?? null,
				actorId: n.actorId ?? null,
				recordTitle: record?.title ?? null,
				inApp: choice.inApp,
				createdAt: now
			})
			.returning({ id: notifications.id });
		if (choice.email) await tx.insert(emailOutbox).values({ userId: n.userId, notificationId: id, createdAt: now });
	});
	if (choice.inApp) signalNotifications(n.userId);
	return true;
}

export interface NotificationItem {
	id: number;
	kind: NotificationKind;
	recordId: string | null;
	recordTitle: string | null;
	commentId: string | null;
	actorName: string | null;
	createdAt: Date;
	readAt: Date | null;
}

export async function listNotifications(sql: Sql, userId: string, limit = 100): Promise<NotificationItem[]> {
	const { notifications, users } = sql.t;
	const actor = alias(users, 'actor');
	return sql.db
		.select({
			id: notifications.id,
			kind: notifications.kind,
			recordId: notifications.recordId,
			recordTitle: notifications.recordTitle,
			commentId: notifications.commentId,
			actorName: actor.name,
			createdAt: notifications.createdAt,
			readAt: notifications.readAt
		})
		.from(notifications)
		.leftJoin(actor, eq(actor.id, notifications.actorId))
		.where(and(eq(notifications.userId, userId), eq(notifications.inApp, true)))
		.orderBy(desc(notifications.id))
		.limit(limit);
}

export async function unreadCount(sql: Sql, userId: string): Promise<number> {
	const { notifications } = sql.t;
	const [row] = await sql.db
		.select({ n: count() })
		.from(notifications)
		.where(and(eq(notifications.userId, userId), eq(notifications.inApp, true), isNull(notifications.readAt)));
	return row.n;
}

/** Marks one of the person's own notifications read; another person's id changes nothing. */
export async function markRead(sql: Sql, userId: string, id: number, now = new Date()): Promise<boolean> {
	const { notifications } = sql.t;
	const changed = await sql.db
		.update(notifications)
		.set({ readAt: now })
		.where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)))
		.returning({ id: notifications.id });
	if (changed.length) signalNotifications(userId);
	return changed.length > 0;
}

export async function markAllRead(sql: Sql, userId: string, now = new Date()): Promise<number> {
	const { notifications } = sql.t;
	const changed = await sql.db
		.update(notifications)
		.set({ readAt: now })
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
		.returning({ id: notifications.id });
	if (changed.length) signalNotifications(userId);
	return changed.length;
}

/** Thread participants: who opened the thread and who replied in it. */
export async function threadParticipants(sql: Sql, rootId: string): Promise<string[]> {
	const { comments } = sql.t;
	const rows = await sql.db
		.selectDistinct({ authorId: comments.authorId })
		.from(comments)
		.where(or(eq(comments.id, rootId), eq(comments.parentId, rootId)));
	return rows.map((r) => r.authorId);
}
