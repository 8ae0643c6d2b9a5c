/** Signing in with e-mail and password, and signing out; both audited. */
import { eq } from 'drizzle-orm';
import { audit } from '../audit';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { metrics } from '../ops/metrics';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password';
import { accountKey, addressKey, attemptSucceeded, beginAttempt } from './rate-limit';
import { createSession, invalidateSession, type Session, type SessionUser } from './session';
import { findUserByEmail, normalizeEmail } from './users';

export type SignInResult =
	| { ok: true; user: SessionUser; token: string; session: Session }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterMs: number };

/**
 * An unknown address, a wrong password and a disabled account all give the same
 * answer after the same work (a dummy hash stands in for a missing account), so the
 * form cannot be used to find out who has an account.
 */
export async function signIn(db: Db, input: { email: string; password: string; clientAddress: string }): Promise<SignInResult> {
	const email = normalizeEmail(input.email);
	const account = accountKey(email);
	const address = addressKey(input.clientAddress);
	const verdict = beginAttempt(db, [account, address]);
	if (verdict?.retryAfterMs !== undefined) return { ok: false, retryAfterMs: verdict.retryAfterMs, reason: 'throttled' };
	if (verdict?.costMs) await new Promise((resolve) => setTimeout(resolve, verdict.costMs));

	const user = findUserByEmail(db, email);
	const valid = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
	if (!user || !valid || user.disabledAt) {
		metrics().failedSignIns.inc();
		audit(db, {
			action: 'auth.sign_in_failed',
			targetType: user ? 'user' : null,
			targetId: user?.id ?? null,
			detail: { email, reason: !user ? 'unknown_email' : !valid ? 'wrong_password' : 'disabled' },
			clientAddress: input.clientAddress
		});
		return { ok: false, reason: 'invalid' };
	}

	attemptSucceeded(db, account, address);
	if (needsRehash(user.passwordHash)) {
		const passwordHash = await hashPassword(input.password);
		db.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
	}
	const { token, session } = createSession(db, user.id);
	audit(db, { action: 'auth.sign_in', actorId: user.id, targetType: 'user', targetId: user.id, clientAddress: input.clientAddress });
	return { ok: true, token, session, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

export function signOut(db: Db, session: Session, clientAddress: string | null): void {
	invalidateSession(db, session.id);
	audit(db, {
		action: 'auth.sign_out',
		actorId: session.userId,
		targetType: 'user',
		targetId: session.userId,
		clientAddress
	});
}
