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
			const wait = beginAttempt(t.db, keys(), at(now))!.retryAfterMs!;
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
		expect(beginAttempt(t.db, [accountKey('again@example.org'), address], at(0))).toEqual({ costMs: ADDRESS_LIMITS.pass!.costMs });

		const account = accountKey('solo@example.org');
		for (let i = 0; i < 4; i++) beginAttempt(t.db, [account, addressKey('203.0.113.9')], at(0));
		attemptSucceeded(t.db, account, addressKey('203.0.113.9'), at(0));
		for (let i = 0; i < 5; i++) expect(beginAttempt(t.db, [account, addressKey('203.0.113.9')], at(0))).toBeNull();
	});

	it('lets an account with no recent failures through a locked address, at a cost, once per lock', () => {
		const address = addressKey('192.0.2.77');
		for (let i = 0; i < ADDRESS_LIMITS.failures; i++) beginAttempt(t.db, [accountKey(`spray-${i}@example.org`), address], at(0));
		// one of the sprayed accounts: it has failures of its own, so the address lock holds for it
		expect(beginAttempt(t.db, [accountKey('spray-0@example.org'), address], at(0))).toHaveProperty('retryAfterMs');

		const colleague = accountKey('colleague@example.org');
		expect(beginAttempt(t.db, [colleague, address], at(0))).toEqual({ costMs: ADDRESS_LIMITS.pass!.costMs });
		attemptSucceeded(t.db, colleague, address, at(0));
		expect(beginAttempt(t.db, [colleague, address], at(0))).toEqual({ costMs: ADDRESS_LIMITS.pass!.costMs });

		// a wrong guess through the lock leaves that account locked at once
		const guessed = accountKey('guessed@example.org');
		expect(beginAttempt(t.db, [guessed, address], at(0))).toEqual({ costMs: ADDRESS_LIMITS.pass!.costMs });
		expect(beginAttempt(t.db, [guessed, address], at(0))?.retryAfterMs).toBeGreaterThan(0);
		expect(beginAttempt(t.db, [guessed, addressKey('198.51.100.1')], at(0))).toEqual({ retryAfterMs: MINUTE });
	});

	it('refuses everyone at an address past its hard limit, until its lock ends', () => {
		const address = addressKey('192.0.2.88');
		const hard = ADDRESS_LIMITS.pass!.hardFailures;
		for (let i = 0; i < hard; i++) {
			const verdict = beginAttempt(t.db, [accountKey(`s-${i}@example.org`), address], at(0));
			expect(verdict === null || 'costMs' in verdict).toBe(true);
		}
		const refused = beginAttempt(t.db, [accountKey('fresh@example.org'), address], at(0));
		expect(refused?.retryAfterMs).toBe(ADDRESS_LIMITS.maxLockMs);
		expect(beginAttempt(t.db, [accountKey('fresh@example.org'), address], at(61))).toBeNull();
	});
});
