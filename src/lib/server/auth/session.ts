/**
 * Sessions after Lucia's guide: the client holds a random token, the database holds
 * only its SHA-256 (the session id), so a copy of the database cannot sign anyone in.
 * The lookup is by that hash; an attacker timing it learns about hashes of guesses,
 * never about a real token, so no constant-time comparison is needed here.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, inArray, isNull, lt, sql as drizzleSql } from 'drizzle-orm';
import type { Sql, SqlDb } from '../db/sql';
import type { Session } from '../db/schema';
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

export async function createSession(sql: Sql, userId: string, now = new Date()): Promise<{ token: string; session: Session }> {
	const token = generateSessionToken();
	const session: Session = {
		id: sessionIdFromToken(token),
		userId,
		createdAt: now,
		expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS)
	};
	const { sessions } = sql.t;
	await sql.tx(async (tx) => {
		// Sessions nobody presents again are never seen by validation: sweep them here.
		await tx.delete(sessions).where(lt(sessions.expiresAt, now));
		await tx.insert(sessions).values(session);
	});
	return { token, session };
}

/**
 * The lookup behind every page request and every sync connection, built and prepared once
 * per database handle rather than on each call: building the query and preparing it took
 * most of a validation's time (95 of 101 µs on SQLite), and a reconnect of thousands of
 * sockets runs it thousands of times. On PostgreSQL it is a named statement, prepared once
 * per pooled connection.
 */
const lookups = new WeakMap<Sql, ReturnType<typeof prepareLookup>>();

function selectSessions(sql: Sql) {
	const { sessions, users } = sql.t;
	return sql.db
		.select({
			session: sessions,
			user: { id: users.id, email: users.email, name: users.name, role: users.role },
			lang: users.lang
		})
		.from(sessions)
		.innerJoin(users, and(eq(users.id, sessions.userId), isNull(users.disabledAt)));
}

function prepareLookup(sql: Sql) {
	return selectSessions(sql)
		.where(eq(sql.t.sessions.id, drizzleSql.placeholder('id')))
		.prepare('samla_session_lookup');
}

export type ValidSession = { session: Session; user: SessionUser; lang: UiLang | null };

/**
 * The session, its user and the language the user chose (null: follow the browser), or
 * null for an unknown, expired or disabled one. Extends the expiry (sliding).
 */
export async function validateSessionToken(sql: Sql, token: string): Promise<ValidSession | null> {
	if (!TOKEN.test(token)) return null;
	let lookup = lookups.get(sql);
	if (!lookup) lookups.set(sql, (lookup = prepareLookup(sql)));
	const [row] = await lookup.execute({ id: sessionIdFromToken(token) });
	return row ? current(sql, row) : null;
}

/** Sessions looked up at once, per statement: a bound on its parameters. */
const MANY_AT_ONCE = 500;

/**
 * validateSessionToken for many tokens in one query (per MANY_AT_ONCE): the sync server's
 * periodic re-check of every open socket. One round trip per token held up the live edits
 * that queued behind them on PostgreSQL for hundreds of milliseconds every re-check.
 * Returns the valid ones, keyed by token.
 */
export async function validateSessionTokens(sql: Sql, tokens: string[]): Promise<Map<string, ValidSession>> {
	const byId = new Map(tokens.filter((t) => TOKEN.test(t)).map((t) => [sessionIdFromToken(t), t]));
	const ids = [...byId.keys()];
	const valid = new Map<string, ValidSession>();
	for (let i = 0; i < ids.length; i += MANY_AT_ONCE) {
		const rows = await selectSessions(sql).where(inArray(sql.t.sessions.id, ids.slice(i, i + MANY_AT_ONCE)));
		for (const row of rows) {
			const session = await current(sql, row);
			if (session) valid.set(byId.get(row.session.id)!, session);
		}
	}
	return valid;
}

/** A session found: ended if it expired, extended (sliding) if it soon would. */
async function current(sql: Sql, row: ValidSession): Promise<ValidSession | null> {
	const { sessions } = sql.t;
	const now = Date.now();
	if (now >= row.session.expiresAt.getTime()) {
		await invalidateSession(sql, row.session.id);
		return null;
	}
	if (row.session.expiresAt.getTime() - now < SESSION_RENEW_BEFORE_MS) {
		row.session.expiresAt = new Date(now + SESSION_LIFETIME_MS);
		await sql.db.update(sessions).set({ expiresAt: row.session.expiresAt }).where(eq(sessions.id, row.session.id));
	}
	return row;
}

export async function invalidateSession(sql: Sql, sessionId: string): Promise<void> {
	await sql.db.delete(sql.t.sessions).where(eq(sql.t.sessions.id, sessionId));
	sessionsEnded({ sessionId });
}

/**
 * Deletes every session of the user, in the transaction of the change that requires it.
 * The caller tells the listeners (sessionsEnded) once that transaction has committed: on
 * PostgreSQL another connection would not see the sessions gone before then.
 */
export async function deleteUserSessions(sql: Sql, tx: SqlDb, userId: string): Promise<void> {
	await tx.delete(sql.t.sessions).where(eq(sql.t.sessions.userId, userId));
}

export async function invalidateUserSessions(sql: Sql, userId: string): Promise<void> {
	await deleteUserSessions(sql, sql.db, userId);
	sessionsEnded({ userId });
}
