/** Signing in with e-mail and password, and signing out; both audited. */
import { eq } from 'drizzle-orm';
import { auditSql } from '../audit';
import type { User } from '../db/schema';
import type { Sql } from '../db/sql';
import { metrics } from '../ops/metrics';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password';
import { accountKey, addressKey, attemptSucceeded, beginAttempt } from './rate-limit';
import { createSession, invalidateSession, type Session, type SessionUser } from './session';
import { changePassword, findUserByEmail, getUser, normalizeEmail } from './users';

export type SignInResult =
	| { ok: true; user: SessionUser; token: string; session: Session }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterMs: number };

type PasswordCheck = { ok: true; user: User } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'throttled'; retryAfterMs: number };

/**
 * The one password check behind signing in and changing one's own password: throttled per
 * account and per address, counted and audited when it fails. An unknown address, a wrong
 * password and a disabled account all fail alike after the same work (a dummy hash stands
 * in for a missing account), so the answer cannot tell who has an account.
 */
async function checkPassword(
	sql: Sql,
	input: { email: string; user: User | undefined; password: string; clientAddress: string; via?: 'password_change' }
): Promise<PasswordCheck> {
	const { email, user } = input;
	const account = accountKey(email);
	const address = addressKey(input.clientAddress);
	const verdict = await beginAttempt(sql, [account, address]);
	if (verdict?.retryAfterMs !== undefined) return { ok: false, retryAfterMs: verdict.retryAfterMs, reason: 'throttled' };
	if (verdict?.costMs) await new Promise((resolve) => setTimeout(resolve, verdict.costMs));

	const valid = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
	if (!user || !valid || user.disabledAt) {
		metrics().failedSignIns.inc();
		await auditSql(sql, sql.db, {
			action: 'auth.sign_in_failed',
			targetType: user ? 'user' : null,
			targetId: user?.id ?? null,
			detail: { email, reason: !user ? 'unknown_email' : !valid ? 'wrong_password' : 'disabled', ...(input.via ? { via: input.via } : {}) },
			clientAddress: input.clientAddress
		});
		return { ok: false, reason: 'invalid' };
	}
	await attemptSucceeded(sql, account, address);
	return { ok: true, user };
}

export async function signIn(sql: Sql, input: { email: string; password: string; clientAddress: string }): Promise<SignInResult> {
	const email = normalizeEmail(input.email);
	const check = await checkPassword(sql, { ...input, email, user: await findUserByEmail(sql, email) });
	if (!check.ok) return check;
	const { user } = check;

	if (needsRehash(user.passwordHash)) {
		const passwordHash = await hashPassword(input.password);
		await sql.db.update(sql.t.users).set({ passwordHash }).where(eq(sql.t.users.id, user.id));
	}
	const { token, session } = await createSession(sql, user.id);
	await auditSql(sql, sql.db, {
		action: 'auth.sign_in',
		actorId: user.id,
		targetType: 'user',
		targetId: user.id,
		clientAddress: input.clientAddress
	});
	return { ok: true, token, session, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

export type OwnPasswordResult = { ok: true; token: string; session: Session } | Exclude<PasswordCheck, { ok: true }>;

/**
 * A signed-in person changes their own password. The current one is asked again, since an
 * open session on a shared computer must not be enough to take the account over, and it is
 * checked like a sign-in (throttle included). As with any new password every session ends
 * (changePassword); the person gets a new one here. A refused new password throws
 * UserError, as changePassword does.
 */
export async function changeOwnPassword(
	sql: Sql,
	input: { userId: string; current: string; password: string; clientAddress: string }
): Promise<OwnPasswordResult> {
	const user = await getUser(sql, input.userId);
	if (!user) return { ok: false, reason: 'invalid' };
	const check = await checkPassword(sql, {
		email: user.email,
		user,
		password: input.current,
		clientAddress: input.clientAddress,
		via: 'password_change'
	});
	if (!check.ok) return check;
	await changePassword(sql, user.id, input.password, { userId: user.id, clientAddress: input.clientAddress, via: 'web' });
	return { ok: true, ...(await createSession(sql, user.id)) };
}

export async function signOut(sql: Sql, session: Session, clientAddress: string | null): Promise<void> {
	await invalidateSession(sql, session.id);
	await auditSql(sql, sql.db, {
		action: 'auth.sign_out',
		actorId: session.userId,
		targetType: 'user',
		targetId: session.userId,
		clientAddress
	});
}
