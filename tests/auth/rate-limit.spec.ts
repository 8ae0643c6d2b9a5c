import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	ACCOUNT_LIMITS,
	accountKey,
	ADDRESS_LIMITS,
	addressKey,
	attemptSucceeded,
	beginAttempt
} from '../../src/lib/server/auth/rate-limit';
import { tempDatabase, type TempDatabase } from '../helpers/db';

const MINUTE = 60_000;
let t: TempDatabase;
beforeEach(() => {
	t = tempDatabase();
});
afterEach(() => t.cleanup());

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1) + minutes * MINUTE);

describe('sign-in rate limit', () => {
	const keys = () => [accountKey('anna@example.org'), addressKey('192.0.2.1')];

	it('allows 5 attempts on an account, then locks it for a minute without counting the refused tries', () => {
		for (let i = 0; i < ACCOUNT_LIMITS.failures; i++) expect(beginAttempt(t.db, keys(), at(0))).toBeNull();
		expect(beginAttempt(t.db, keys(), at(0))).toEqual({ retryAfterMs: MINUTE });
		expect(beginAttempt(t.db, keys(), at(0.5))).toEqual({ retryAfterMs: 0.5 * MINUTE });
		expect(beginAttempt(t.db, [accountKey('bert@example.org'), addressKey('192.0.2.1')], at(0.5))).toBeNull();
		expect(beginAttempt(t.db, [accountKey('anna@example.org'), addressKey('198.51.100.7')], at(0.5))).not.toBeNull();
	});

	it('doubles the lock with each further failure, up to an hour', () => {
		let now = 0;
		for (let i = 0; i < ACCOUNT_LIMITS.failures; i++) beginAttempt(t.db, keys(), at(now));
		const locks: number[] = [];
		for (let i = 0; i < 8; i++) {
			const wait = beginAttempt(t.db, keys(), at(now))!.retryAfterMs;
			locks.push(wait / MINUTE);
			now += wait / MINUTE;
			expect(beginAttempt(t.db, keys(), at(now))).toBeNull();
		}
		expect(locks).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
	});

	it('starts the count over after 15 quiet minutes, counted from the end of a lock', () => {
		for (let i = 0; i < 4; i++) beginAttempt(t.db, keys(), at(0));
		for (let i = 0; i < 5; i++) expect(beginAttempt(t.db, keys(), at(16))).toBeNull();
		expect(beginAttempt(t.db, keys(), at(16))?.retryAfterMs).toBe(MINUTE);
		// locked until 17; 15 minutes after that, the next failure is the first of a new count
		expect(beginAttempt(t.db, keys(), at(31.5))).toBeNull();
		expect(beginAttempt(t.db, keys(), at(31.5))?.retryAfterMs).toBe(2 * MINUTE);
		expect(beginAttempt(t.db, keys(), at(33.5 + 15))).toBeNull();
		expect(beginAttempt(t.db, keys(), at(33.5 + 15))).toBeNull();
	});

	it('clears the account after a success but only takes back that one attempt from the address', () => {
		const address = addressKey('192.0.2.1');
		for (let i = 0; i < ADDRESS_LIMITS.failures - 1; i++) {
			expect(beginAttempt(t.db, [accountKey(`guess-${i}@example.org`), address], at(0))).toBeNull();
		}
		expect(beginAttempt(t.db, [accountKey('me@example.org'), address], at(0))).toBeNull();
		attemptSucceeded(t.db, accountKey('me@example.org'), address, at(0));
		expect(beginAttempt(t.db, [accountKey('other@example.org'), address], at(0))).toBeNull();
		expect(beginAttempt(t.db, [accountKey('again@example.org'), address], at(0))?.retryAfterMs).toBe(MINUTE);

		const account = accountKey('solo@example.org');
		for (let i = 0; i < 4; i++) beginAttempt(t.db, [account, addressKey('203.0.113.9')], at(0));
		attemptSucceeded(t.db, account, addressKey('203.0.113.9'), at(0));
		for (let i = 0; i < 5; i++) expect(beginAttempt(t.db, [account, addressKey('203.0.113.9')], at(0))).toBeNull();
	});
});
