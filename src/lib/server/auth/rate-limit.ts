/**
 * Limits on failed sign-ins, per account and per client address.
 *
 * The state lives in the database rather than in memory: it survives a restart (which an
 * attacker might provoke), it is shared by every process that opens the database,
 * and the check and the count happen in one transaction that holds the keys' locks
 * (sql.lockKeys: on PostgreSQL the first failure has no row yet to lock). That last part
 * matters because an attempt is counted *before* its password is checked: password checks
 * take a while and run in parallel, so counting afterwards would let a burst of
 * concurrent guesses all pass the check. A success then takes its count back.
 *
 * A locked account refuses even its right password: otherwise the lock would not stop
 * guessing it. A locked *address* is shared by everyone behind it (an office's NAT), so
 * one person guessing there must not lock out colleagues who know their password: an
 * attempt on an account with no recent failures passes the address lock, at a cost —
 * it waits `passCostMs` before the password is checked, and the account is counted as
 * at its limit, so a wrong password locks that account at once (one guess per account
 * per lock). Past `hardFailures` the address refuses everyone until its lock ends.
 */
import { eq, lte } from 'drizzle-orm';
import type { SignInThrottle } from '../db/schema';
import type { Sql, SqlDb } from '../db/sql';

const MINUTE = 60 * 1000;

export interface Limits {
	/** Failures allowed before the key is locked. */
	failures: number;
	/** The count starts over after this long without a failure (counted from the end of any lock). */
	windowMs: number;
	/** The first lock; each further failure doubles it, up to maxLockMs. */
	lockMs: number;
	maxLockMs: number;
	/** Set for keys that a clean account may pass while they are locked (see above). */
	pass?: { costMs: number; hardFailures: number };
}

export const ACCOUNT_LIMITS: Limits = { failures: 5, windowMs: 15 * MINUTE, lockMs: MINUTE, maxLockMs: 60 * MINUTE };
/** Higher than per account: several people may sign in from behind one address (an office's NAT). */
export const ADDRESS_LIMITS: Limits = {
	failures: 20,
	windowMs: 15 * MINUTE,
	lockMs: MINUTE,
	maxLockMs: 60 * MINUTE,
	pass: { costMs: 1000, hardFailures: 100 }
};

export interface ThrottleKey {
	key: string;
	limits: Limits;
}

export const accountKey = (email: string): ThrottleKey => ({ key: `account:${email}`, limits: ACCOUNT_LIMITS });
export const addressKey = (address: string): ThrottleKey => ({ key: `address:${address}`, limits: ADDRESS_LIMITS });

function lockFor(failures: number, limits: Limits): number {
	return Math.min(limits.lockMs * 2 ** (failures - limits.failures), limits.maxLockMs);
}

async function current(sql: Sql, tx: SqlDb, key: string, now: Date): Promise<SignInThrottle | undefined> {
	const [row] = await tx.select().from(sql.t.signInThrottle).where(eq(sql.t.signInThrottle.key, key));
	return row && row.resetAt > now ? row : undefined;
}

const lockNames = (keys: ThrottleKey[]) => keys.map(({ key }) => `sign-in:${key}`);

/** Refused (wait this long), or allowed; `costMs` > 0 when the attempt passes a locked address and must wait first. */
export type AttemptVerdict = { retryAfterMs: number; costMs?: never } | { costMs: number; retryAfterMs?: never } | null;

/**
 * Counts one attempt against every key, or, when a key is locked and cannot be passed,
 * counts nothing and returns how long to wait (the longest of the locks).
 */
export async function beginAttempt(sql: Sql, keys: ThrottleKey[], now = new Date()): Promise<AttemptVerdict> {
	const { signInThrottle } = sql.t;
	return sql.tx(async (tx) => {
		await sql.lockKeys(tx, lockNames(keys));
		await tx.delete(signInThrottle).where(lte(signInThrottle.resetAt, now));
		const rows = await Promise.all(keys.map((k) => current(sql, tx, k.key, now)));
		const waits = rows.map((r) => (r?.lockedUntil ? Math.max(0, r.lockedUntil.getTime() - now.getTime()) : 0));
		const hard = keys.map(({ limits }, i) => (limits.pass && (rows[i]?.failures ?? 0) < limits.pass.hardFailures ? 0 : waits[i]));
		if (Math.max(0, ...hard) > 0) return { retryAfterMs: Math.max(...waits) };
		const passing = waits.some((w) => w > 0);
		// Only an account with no recent failures passes a locked address.
		if (passing && keys.some(({ limits }, i) => !limits.pass && rows[i])) return { retryAfterMs: Math.max(...waits) };
		for (const [i, { key, limits }] of keys.entries()) {
			const failures = passing && !limits.pass ? limits.failures : (rows[i]?.failures ?? 0) + 1;
			const lockedUntil = failures >= limits.failures ? new Date(now.getTime() + lockFor(failures, limits)) : null;
			const resetAt = new Date((lockedUntil ?? now).getTime() + limits.windowMs);
			await tx
				.insert(signInThrottle)
				.values({ key, failures, lockedUntil, resetAt })
				.onConflictDoUpdate({ target: signInThrottle.key, set: { failures, lockedUntil, resetAt } });
		}
		if (!passing) return null;
		return { costMs: Math.max(...keys.map(({ limits }, i) => (limits.pass && waits[i] > 0 ? limits.pass.costMs : 0))) };
	});
}

/**
 * After a successful sign-in the account starts afresh; an address only takes back
 * this attempt, so guessing cannot be laundered by signing in to one's own account in between.
 */
export async function attemptSucceeded(sql: Sql, account: ThrottleKey, address: ThrottleKey, now = new Date()): Promise<void> {
	const { signInThrottle } = sql.t;
	await sql.tx(async (tx) => {
		await sql.lockKeys(tx, lockNames([account, address]));
		await tx.delete(signInThrottle).where(eq(signInThrottle.key, account.key));
		const row = await current(sql, tx, address.key, now);
		if (!row) return;
		const failures = row.failures - 1;
		if (failures <= 0) {
			await tx.delete(signInThrottle).where(eq(signInThrottle.key, address.key));
			return;
		}
		const lockedUntil = failures >= address.limits.failures ? row.lockedUntil : null;
		await tx.update(signInThrottle).set({ failures, lockedUntil }).where(eq(signInThrottle.key, address.key));
	});
}
