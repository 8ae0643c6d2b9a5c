/**
 * Sessions after Lucia's guide: the client holds a random token, the database holds
 * only its SHA-256 (the session id), so a copy of the database cannot sign anyone in.
 * The lookup is by that hash; an attacker timing it learns about hashes of guesses,
 * never about a real token, so no constant-time comparison is needed here.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sessions, users, type Session } from '../db/schema';
import type { UiLang } from '../../records/fields';
import type { Role } from './roles';
import { sessionsEnded } from './session-events';

export type { Session };

export const SESSION_COOKIE = 'samla_session';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
/** A session used when less than this remains is extended to the full lifetime again. */
export const SESSION_RENEW_BEFORE_MS = 15 * DAY;

export interface SessionUser {
	id: string;
	email: string;
	name: string;
	role: Role;
}

/** 192 random bits, base64url: 32 characters that need no escaping in a cookie. */
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

function generateSessionToken(): string {
	return randomBytes(24).toString('base64url');
}

export function sessionIdFromToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function createSession(db: Db, userId: string, now = new Date()): { token: string; session: Session } {
	const token = generateSessionToken();
	const session: Session = {
		id: sessionIdFromToken(token),
		userId,
		createdAt: now,
		expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS)
	};
	db.transaction((tx) => {
		// Sessions nobody presents again are never seen by validation: sweep them here.
		tx.delete(sessions).where(lt(sessions.expiresAt, now)).run();
		tx.insert(sessions).values(session).run();
	});
	return { token, session };
}

/**
 * The lookup behind every page request and every sync connection, built and prepared once
 * per database rather than on each call (building the query and preparing it took most
 * of a validation's time; a reconnect of thousands of sockets runs it thousands of times).
 */
const lookups = new WeakMap<Db, ReturnType<typeof prepareLookup>>();

function prepareLookup(db: Db) {
	return db
		.select({
			session: sessions,
			user: { id: users.id, email: users.email, name: users.name, role: users.role },
			lang: users.lang
		})
		.from(sessions)
		.innerJoin(users, and(eq(users.id, sessions.userId), isNull(users.disabledAt)))
		.where(eq(sessions.id, sql.placeholder('id')))
		.prepare();
}

/**
 * The session, its user and the language the user chose (null: follow the browser), or
 * null for an unknown, expired or disabled one. Extends the expiry (sliding).
 */
export function validateSessionToken(db: Db, token: string): { session: Session; user: SessionUser; lang: UiLang | null } | null {
	if (!TOKEN.test(token)) return null;
	const id = sessionIdFromToken(token);
	let lookup = lookups.get(db);
	if (!lookup) lookups.set(db, (lookup = prepareLookup(db)));
	const row = lookup.get({ id });
	if (!row) return null;
	const now = Date.now();
	if (now >= row.session.expiresAt.getTime()) {
		invalidateSession(db, id);
		return null;
	}
	if (row.session.expiresAt.getTime() - now < SESSION_RENEW_BEFORE_MS) {
		row.session.expiresAt = new Date(now + SESSION_LIFETIME_MS);
		db.update(sessions).set({ expiresAt: row.session.expiresAt }).where(eq(sessions.id, id)).run();
	}
	return row;
}

export function invalidateSession(db: Db, sessionId: string): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
	sessionsEnded({ sessionId });
}

/**
 * Accepts a transaction too, so ending the sessions commits with the change that requires
 * it. Listeners then hear of it before the commit (see session-events.ts).
 */
export function invalidateUserSessions(db: Pick<Db, 'delete'>, userId: string): void {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
	sessionsEnded({ userId });
}
