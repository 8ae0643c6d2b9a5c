import { randomBytes, scryptSync } from 'node:crypto';
import { hash as argon2Hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { userProblemText } from '../../i18n/user-messages';
import {
	hashPassword,
	MAX_PASSWORD_BYTES,
	needsRehash,
	passwordProblem as problemOf,
	verifyAgainstDummy,
	dummyHash,
	verifyPassword
} from './password';

/** The refusal in English words, as the CLI prints it. */
const passwordProblem = (password: string, email?: string) => {
	const problem = problemOf(password, email);
	return problem && userProblemText('en', problem);
};

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

describe('password hashing', () => {
	it('salts every hash, stores the parameters with it, and verifies only the right password', async () => {
		const [a, b] = await Promise.all([hashPassword('a long enough secret'), hashPassword('a long enough secret')]);
		// argon2id with OWASP's parameters: 19 MiB, 2 passes, 1 lane.
		expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
		expect(a).not.toBe(b);
		expect(a).not.toContain('a long enough secret');
		expect(await verifyPassword(a, 'a long enough secret')).toBe(true);
		expect(await verifyPassword(b, 'a long enough secret')).toBe(true);
		expect(await verifyPassword(a, 'a long enough secreT')).toBe(false);
		expect(await verifyPassword(a, '')).toBe(false);
		expect(needsRehash(a)).toBe(false);
	});

	it('verifies a scrypt hash from before argon2id and flags it for re-hashing', async () => {
		const salt = randomBytes(16);
		const key = scryptSync('an older password', salt, 32, { N: 2 ** 12, r: 8, p: 1 });
		const old = `$scrypt$ln=12,r=8,p=1$${b64(salt)}$${b64(key)}`;
		expect(await verifyPassword(old, 'an older password')).toBe(true);
		expect(await verifyPassword(old, 'another password')).toBe(false);
		expect(needsRehash(old)).toBe(true);
	});

	it('verifies an argon2id hash made with other parameters and flags it for re-hashing', async () => {
		const old = await argon2Hash('an older password', { memoryCost: 8192, timeCost: 3, parallelism: 1 });
		expect(await verifyPassword(old, 'an older password')).toBe(true);
		expect(await verifyPassword(old, 'another password')).toBe(false);
		expect(needsRehash(old)).toBe(true);
	});

	it('treats a malformed or absurd stored hash as no match instead of throwing', async () => {
		expect(await verifyPassword('', 'whatever123')).toBe(false);
		expect(await verifyPassword('plaintext-password', 'plaintext-password')).toBe(false);
		expect(await verifyPassword('$scrypt$ln=30,r=8,p=1$c2FsdA$a2V5', 'whatever123')).toBe(false);
		expect(needsRehash('$argon2id$v=19$m=65536,t=3,p=4$abc$def')).toBe(true);
		// A tampered row asking for 4 GiB is refused before hashing.
		const greedy = (await hashPassword('whatever123')).replace('m=19456', 'm=4194304');
		expect(await verifyPassword(greedy, 'whatever123')).toBe(false);
		expect(await verifyPassword('$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$a2V5', 'whatever123')).toBe(false);
	});

	it('checks an unknown account against a hash made like a real one, so it costs as much', async () => {
		// Equal work, not equal measured time: a timing in a test fails on a busy machine.
		const dummy = await dummyHash();
		const real = await hashPassword('the real password');
		expect(dummy).toMatch(/^\$argon2id\$/);
		expect(dummy.split('$').slice(0, 4)).toEqual(real.split('$').slice(0, 4));
		expect(needsRehash(dummy)).toBe(false);
		expect(await dummyHash()).toBe(dummy);
		expect(await verifyAgainstDummy('the real password')).toBe(false);
	});
});

describe('password rules', () => {
	it('asks for at least 10 characters, counted as characters rather than bytes', () => {
		expect(passwordProblem('nine char')).toMatch(/at least 10 characters/);
		expect(passwordProblem('ten chars!')).toBeNull();
		expect(passwordProblem('åäöåäöåäö')).toMatch(/at least 10/);
		expect(passwordProblem('🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊')).toBeNull();
	});

	it('refuses passwords over 1 KB, counting bytes', () => {
		expect(passwordProblem('x'.repeat(MAX_PASSWORD_BYTES))).toBeNull();
		expect(passwordProblem('x'.repeat(MAX_PASSWORD_BYTES + 1))).toMatch(/too long/);
		expect(passwordProblem('å'.repeat(513))).toMatch(/too long/);
	});

	it('refuses the most common passwords in any letter case, and the e-mail address itself', () => {
		expect(passwordProblem('password123')).toMatch(/most common/);
		expect(passwordProblem('QwertyUiop')).toMatch(/most common/);
		expect(passwordProblem('1234567890')).toMatch(/most common/);
		expect(passwordProblem('Lösenord123')).toMatch(/most common/);
		expect(passwordProblem('anna@example.org', 'Anna@Example.org')).toMatch(/e-mail/);
		expect(passwordProblem('purple monkey dishwasher', 'anna@example.org')).toBeNull();
	});
});
