import { eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import {
	ACCOUNT_LIMITS,
	accountKey,
	ADDRESS_LIMITS,
	addressKey,
	attemptSucceeded,
	beginAttempt
} from '../../src/lib/server/auth/rate-limit';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { describeEachDialect } from '../helpers/dialects';
import { createTestUser } from '../helpers/users';

const MINUTE = 60_000;

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1) + minutes * MINUTE);

describeEachDialect('sign-in rate limit', (database) => {
	const sql = () => database().sql;
	beforeEach(async () => {
		await sql().db.delete(sql().t.signInThrottle);
	});
	const keys = () => [accountKey('anna@example.org'), addressKey('192.0.2.1')];

	it('allows 5 attempts on an account, then locks it for a minute without counting the refused tries', async () => {
		for (let i = 0; i < ACCOUNT_LIMITS.failures; i++) expect(await beginAttempt(sql(), keys(), at(0))).toBeNull();
		expect(await beginAttempt(sql(), keys(), at(0))).toEqual({ retryAfterMs: MINUTE });
		expect(await beginAttempt(sql(), keys(), at(0.5))).toEqual({ retryAfterMs: 0.5 * MINUTE });
		expect(await beginAttempt(sql(), [accountKey('bert@example.org'), addressKey('192.0.2.1')], at(0.5))).toBeNull();
		expect(await beginAttempt(sql(), [accountKey('anna@example.org'), addressKey('198.51.100.7')], at(0.5))).not.toBeNull();
	});

	it('doubles the lock with each further failure, up to an hour', async () => {
		let now = 0;
		for (let i = 0; i < ACCOUNT_LIMITS.failures; i++) await beginAttempt(sql(), keys(), at(now));
		const locks: number[] = [];
		for (let i = 0; i < 8; i++) {
			const wait = (await beginAttempt(sql(), keys(), at(now)))!.retryAfterMs!;
			locks.push(wait / MINUTE);
			now += wait / MINUTE;
			expect(await beginAttempt(sql(), keys(), at(now))).toBeNull();
		}
		expect(locks).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
	});

	it('starts the count over after 15 quiet minutes, counted from the end of a lock', async () => {
		for (let i = 0; i < 4; i++) await beginAttempt(sql(), keys(), at(0));
		for (let i = 0; i < 5; i++) expect(await beginAttempt(sql(), keys(), at(16))).toBeNull();
		expect((await beginAttempt(sql(), keys(), at(16)))?.retryAfterMs).toBe(MINUTE);
		// locked until 17; 15 minutes after that, the next failure is the first of a new count
		expect(await beginAttempt(sql(), keys(), at(31.5))).toBeNull();
		expect((await beginAttempt(sql(), keys(), at(31.5)))?.retryAfterMs).toBe(2 * MINUTE);
		expect(await beginAttempt(sql(), keys(), at(33.5 + 15))).toBeNull();
		expect(await beginAttempt(sql(), keys(), at(33.5 + 15))).toBeNull();
	});

	it('clears the account after a success but only takes back that one attempt from the address', async () => {
		const address = addressKey('192.0.2.1');
		for (let i = 0; i < ADDRESS_LIMITS.failures - 1; i++) {
			expect(await beginAttempt(sql(), [accountKey(`guess-${i}@example.org`), address], at(0))).toBeNull();
		}
		expect(await beginAttempt(sql(), [accountKey('me@example.org'), address], at(0))).toBeNull();
		await attemptSucceeded(sql(), accountKey('me@example.org'), address, at(0));
		expect(await beginAttempt(sql(), [accountKey('other@example.org'), address], at(0))).toBeNull();
		expect(await beginAttempt(sql(), [accountKey('again@example.org'), address], at(0))).toEqual({ costMs: ADDRESS_LIMITS.pass!.costMs });

		const account = accountKey('solo@example.org');
		for (let i = 0; i < 4; i++) await beginAttempt(sql(), [account, addressKey('203.0.113.9')], at(0));
		await attemptSucceeded(sql(), account, addressKey('203.0.113.9'), at(0));
		for (let i = 0; i < 5; i++) expect(await beginAttempt(sql(), [account, addressKey('203.0.113.9')], at(0))).toBeNull();
	});

	it('lets an account with no recent failures through a locked address, at a cost, once per lock', async () => {
		const address = addressKey('192.0.2.77');
		for (let i = 0; i < ADDRESS_LIMITS.failures; i++) await beginAttempt(sql(), [accountKey(`spray-${i}@example.org`), address], at(0));
		// one of the sprayed accounts: it has failures of its own, so the address lock holds for it
		expect(await beginAttempt(sql(), [accountKey('spray-0@example.org'), address], at(0))).toHaveProperty('retryAfterMs');

		const colleague = accountKey('colleague@example.org');
		expect(await beginAttempt(sql(), [colleague, address], at(0))).toEqual({ costMs: ADDRESS_LIMITS.pass!.costMs });
		await attemptSucceeded(sql(), colleague, address, at(0));
		expect(await beginAttempt(sql(), [colleague, address], at(0))).toEqual({ costMs: ADDRESS_LIMITS.pass!.costMs });

		// a wrong guess through the lock leaves that account locked at once
		const guessed = accountKey('guessed@example.org');
		expect(await beginAttempt(sql(), [guessed, address], at(0))).toEqual({ costMs: ADDRESS_LIMITS.pass!.costMs });
		expect((await beginAttempt(sql(), [guessed, address], at(0)))?.retryAfterMs).toBeGreaterThan(0);
		expect(await beginAttempt(sql(), [guessed, addressKey('198.51.100.1')], at(0))).toEqual({ retryAfterMs: MINUTE });
	});

	it('refuses everyone at an address past its hard limit, until its lock ends', async () => {
		const address = addressKey('192.0.2.88');
		const hard = ADDRESS_LIMITS.pass!.hardFailures;
		for (let i = 0; i < hard; i++) {
			const verdict = await beginAttempt(sql(), [accountKey(`s-${i}@example.org`), address], at(0));
			expect(verdict === null || 'costMs' in verdict).toBe(true);
		}
		const refused = await beginAttempt(sql(), [accountKey('fresh@example.org'), address], at(0));
		expect(refused?.retryAfterMs).toBe(ADDRESS_LIMITS.maxLockMs);
		expect(await beginAttempt(sql(), [accountKey('fresh@example.org'), address], at(61))).toBeNull();
	});

	it('counts a burst of parallel attempts from two processes atomically: exactly the limit get through', async () => {
		const another = await database().openAnother();
		const burst = Array.from({ length: 30 }, (_, i) => beginAttempt(i % 2 ? another : sql(), keys(), at(0)));
		const verdicts = await Promise.all(burst);
		expect(verdicts.filter((v) => v === null)).toHaveLength(ACCOUNT_LIMITS.failures);
		const [row] = await sql().db.select().from(sql().t.signInThrottle).where(eq(sql().t.signInThrottle.key, keys()[0].key));
		expect(row.failures).toBe(ACCOUNT_LIMITS.failures);
	});

	it('lets no more wrong passwords be checked than the limit, however many arrive at once', async () => {
		const user = await createTestUser(sql(), { email: 'burst@example.org' });
		const another = await database().openAnother();
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				signIn(i % 2 ? another : sql(), { email: user.email, password: `wrong guess ${i}`, clientAddress: '203.0.113.50' })
			)
		);
		expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(ACCOUNT_LIMITS.failures);
		expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(20 - ACCOUNT_LIMITS.failures);
		const failed = await sql().db.select().from(sql().t.auditLog).where(eq(sql().t.auditLog.action, 'auth.sign_in_failed'));
		expect(failed).toHaveLength(ACCOUNT_LIMITS.failures);
	});
});
