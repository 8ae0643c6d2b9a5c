/** The in-app notification list (the bell) and each person's choices of what to be told. */
import { randomBytes } from 'node:crypto';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { type NotificationKind, type NotificationPrefs, withDefaults } from '../../records/notification-kinds';
import type { Db } from '../db/client';
import { emailOutbox, notificationPrefs, notifications, records, users } from '../db/schema';
import { signalNotifications } from './live';

export interface NewNotification {
	userId: string;
	kind: NotificationKind;
	recordId?: string | null;
	commentId?: string | null;
	actorId?: string | null;
}

export function prefsOf(db: Db, userId: string): NotificationPrefs {
	const row = db.select({ prefs: notificationPrefs.prefs }).from(notificationPrefs).where(eq(notificationPrefs.userId, userId)).get();
	return withDefaults(row?.prefs);
}

const newToken = () => randomBytes(24).toString('base64url');

export function setPrefs(db: Db, userId: string, prefs: NotificationPrefs, now = new Date()): void {
	const values = { prefs: withDefaults(prefs), unsubscribeToken: newToken(), updatedAt: now };
	db.insert(notificationPrefs)
		.values({ userId, ...values })
		.onConflictDoUpdate({ target: notificationPrefs.userId, set: values })
		.run();
}

/** The token for a person's unsubscribe link, made when first needed. */
export function unsubscribeTokenOf(db: Db, userId: string): string {
	const row = db
		.select({ token: notificationPrefs.unsubscribeToken })
		.from(notificationPrefs)
		.where(eq(notificationPrefs.userId, userId))
		.get();
	if (row) return row.token;
	const token = newToken();
	db.insert(notificationPrefs)
		.values({ userId, prefs: withDefaults(null), unsubscribeToken: token, updatedAt: new Date() })
		.onConflictDoNothing()
		.run();
	return db.select({ token: notificationPrefs.unsubscribeToken }).from(notificationPrefs).where(eq(notificationPrefs.userId, userId)).get()!
		.token;
}

/** Turns every e-mail off for whoever holds the token; false when the link is not (or no longer) valid. */
export function unsubscribeByToken(db: Db, token: string, now = new Date()): boolean {
	if (!token) return false;
	const row = db.select().from(notificationPrefs).where(eq(notificationPrefs.unsubscribeToken, token)).get();
	if (!row) return false;
	const prefs = withDefaults(row.prefs);
	for (const kind of Object.keys(prefs) as NotificationKind[]) prefs[kind].email = false;
	db.update(notificationPrefs).set({ prefs, updatedAt: now }).where(eq(notificationPrefs.userId, row.userId)).run();
	db.update(emailOutbox)
		.set({ sentAt: now, lastError: 'unsubscribed' })
		.where(and(eq(emailOutbox.userId, row.userId), isNull(emailOutbox.sentAt)))
		.run();
	return true;
}

/**
 * Records one notification as the person's settings say: in the list, queued for e-mail,
 * both or neither. Nobody is told about what they did themselves, nor is a disabled account.
 */
export function notify(db: Db, n: NewNotification, now = new Date()): boolean {
	if (n.actorId && n.actorId === n.userId) return false;
	const person = db.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, n.userId)).get();
	if (!person || person.disabledAt) return false;
	const choice = prefsOf(db, n.userId)[n.kind];
	if (!choice.inApp && !choice.email) return false;
	const title = n.recordId ? db.select({ title: records.title }).from(records).where(eq(records.id, n.recordId)).get()?.title : null;
	db.transaction((tx) => {
		const { id } = tx
			.insert(notifications)
			.values({
				userId: n.userId,
				kind: n.kind,
				recordId: n.recordId ?? null,
				commentId: n.commentId ?? null,
				actorId: n.actorId ?? null,
				recordTitle: title ?? null,
				inApp: choice.inApp,
				createdAt: now
			})
			.returning({ id: notifications.id })
			.get();
		if (choice.email) tx.insert(emailOutbox).values({ userId: n.userId, notificationId: id, createdAt: now }).run();
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

const actor = alias(users, 'actor');

export function listNotifications(db: Db, userId: string, limit = 100): NotificationItem[] {
	return db
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
		.limit(limit)
		.all();
}

export function unreadCount(db: Db, userId: string): number {
	return db
		.select({ n: count() })
		.from(notifications)
		.where(and(eq(notifications.userId, userId), eq(notifications.inApp, true), isNull(notifications.readAt)))
		.get()!.n;
}

/** Marks one of the person's own notifications read; another person's id changes nothing. */
export function markRead(db: Db, userId: string, id: number, now = new Date()): boolean {
	const changed = db
		.update(notifications)
		.set({ readAt: now })
		.where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)))
		.run().changes;
	if (changed) signalNotifications(userId);
	return changed > 0;
}

export function markAllRead(db: Db, userId: string, now = new Date()): number {
	const changed = db
		.update(notifications)
		.set({ readAt: now })
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
		.run().changes;
	if (changed) signalNotifications(userId);
	return changed;
}

/** Thread participants: who opened the thread and who replied in it. */
export function threadParticipants(db: Db, rootId: string): string[] {
	const rows = db.all<{ author_id: string }>(sql`SELECT DISTINCT author_id FROM comments WHERE id = ${rootId} OR parent_id = ${rootId}`);
	return rows.map((r) => r.author_id);
}
