/**
 * Limits on failed sign-ins, per account and per client address.
 *
 * The state lives in SQLite rather than in memory: it survives a restart (which an
 * attacker might provoke), it is shared by every process that opens the database,
 * and the check and the count happen in one transaction. That last part matters
 * because an attempt is counted *before* its password is checked: password checks
 * take a while and run in parallel, so counting afterwards would let a burst of
 * concurrent guesses all pass the check. A success then takes its count back.
 */
import { eq, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { signInThrottle, type SignInThrottle } from '../db/schema';

const MINUTE = 60 * 1000;

export interface Limits {
	/** Failures allowed before the key is locked. */
	failures: number;
	/** The count starts over after this long without a failure (counted from the end of any lock). */
	windowMs: number;
	/** The first lock; each further failure doubles it, up to maxLockMs. */
	lockMs: number;
	maxLockMs: number;
}

export const ACCOUNT_LIMITS: Limits = { failures: 5, windowMs: 15 * MINUTE, lockMs: MINUTE, maxLockMs: 60 * MINUTE };
/** Higher than per account: several people may sign in from behind one address (an office's NAT). */
export const ADDRESS_LIMITS: Limits = { failures: 20, windowMs: 15 * MINUTE, lockMs: MINUTE, maxLockMs: 60 * MINUTE };

export interface ThrottleKey {
	key: string;
	limits: Limits;
}

export const accountKey = (email: string): ThrottleKey => ({ key: `account:${email}`, limits: ACCOUNT_LIMITS });
export const addressKey = (address: string): ThrottleKey => ({ key: `address:${address}`, limits: ADDRESS_LIMITS });

function lockFor(failures: number, limits: Limits): number {
	return Math.min(limits.lockMs * 2 ** (failures - limits.failures), limits.maxLockMs);
}

function current(db: Pick<Db, 'select'>, key: string, now: Date): SignInThrottle | undefined {
	const row = db.select().from(signInThrottle).where(eq(signInThrottle.key, key)).get();
	return row && row.resetAt > now ? row : undefined;
}

/**
 * Counts one attempt against every key, or, when any key is locked, counts nothing
 * and returns how long to wait (the longest of the locks).
 */
export function beginAttempt(db: Db, keys: ThrottleKey[], now = new Date()): { retryAfterMs: number } | null {
	return db.transaction((tx) => {
		tx.delete(signInThrottle).where(lte(signInThrottle.resetAt, now)).run();
		const rows = keys.map((k) => current(tx, k.key, now));
		const wait = Math.max(0, ...rows.map((r) => (r?.lockedUntil ? r.lockedUntil.getTime() - now.getTime() : 0)));
		if (wait > 0) return { retryAfterMs: wait };
		keys.forEach(({ key, limits }, i) => {
			const failures = (rows[i]?.failures ?? 0) + 1;
			const lockedUntil = failures >= limits.failures ? new Date(now.getTime() + lockFor(failures, limits)) : null;
			const resetAt = new Date((lockedUntil ?? now).getTime() + limits.windowMs);
			tx.insert(signInThrottle)
				.values({ key, failures, lockedUntil, resetAt })
				.onConflictDoUpdate({ target: signInThrottle.key, set: { failures, lockedUntil, resetAt } })
				.run();
		});
		return null;
	});
}

/**
 * After a successful sign-in the account starts afresh; an address only takes back
 * this attempt, so guessing cannot be laundered by signing in to one's own account in between.
 */
export function attemptSucceeded(db: Db, account: ThrottleKey, address: ThrottleKey, now = new Date()): void {
	db.transaction((tx) => {
		tx.delete(signInThrottle).where(eq(signInThrottle.key, account.key)).run();
		const row = current(tx, address.key, now);
		if (!row) return;
		const failures = row.failures - 1;
		if (failures <= 0) {
			tx.delete(signInThrottle).where(eq(signInThrottle.key, address.key)).run();
			return;
		}
		const lockedUntil = failures >= address.limits.failures ? row.lockedUntil : null;
		tx.update(signInThrottle).set({ failures, lockedUntil }).where(eq(signInThrottle.key, address.key)).run();
	});
}
