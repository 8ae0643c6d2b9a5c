/**
 * Password hashing with argon2id (@node-rs/argon2) at OWASP's minimum parameters, stored
 * as a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`) that carries its own
 * parameters. Hashes from before argon2id (`$scrypt$ln=…,r=…,p=…$<salt>$<hash>`, node's
 * scrypt) still verify, and sign-in replaces them and any argon2id hash with other
 * parameters (`needsRehash`), so the cost can be raised later without locking anyone out.
 */
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { UserProblem } from '../../i18n/user-messages';
import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 10;
/** Above this a request is refused before hashing: the hash's cost does not depend on length, but parsing does. */
export const MAX_PASSWORD_BYTES = 1024;

/** OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 passes, 1 lane. */
/** `Algorithm.Argon2id`: a const enum, so only its value can be written under verbatimModuleSyntax. */
const ARGON2ID = 2 satisfies Algorithm.Argon2id;
const ARGON2 = { algorithm: ARGON2ID as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const ARGON2_PHC = /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,2}),p=(\d{1,2})\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;
const SCRYPT_PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** The same password typed on another keyboard or OS may arrive composed differently. */
const normalize = (password: string) => password.normalize('NFKC');

export function hashPassword(password: string): Promise<string> {
	return hash(normalize(password), ARGON2);
}

interface ScryptParams {
	/** log2 of N, the CPU/memory cost. */
	ln: number;
	r: number;
	p: number;
}

function parseScrypt(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
	const m = SCRYPT_PHC.exec(stored);
	if (!m) return null;
	const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
	// Bounds keep a tampered row from asking for gigabytes of memory.
	if (params.ln < 10 || params.ln > 20 || params.r < 1 || params.p < 1) return null;
	return { params, salt: Buffer.from(m[4], 'base64'), key: Buffer.from(m[5], 'base64') };
}

function verifyScrypt(stored: string, password: string): Promise<boolean> {
	const parsed = parseScrypt(stored);
	if (!parsed) return Promise.resolve(false);
	const { ln, r, p } = parsed.params;
	const N = 2 ** ln;
	const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r * p };
	return new Promise((resolve, reject) =>
		scrypt(normalize(password), parsed.salt, parsed.key.length, options, (err, key) =>
			err ? reject(err) : resolve(timingSafeEqual(key, parsed.key))
		)
	);
}

/** Bounds as for scrypt: a tampered row must not ask for gigabytes or minutes. */
function argon2Acceptable(stored: string): boolean {
	const m = ARGON2_PHC.exec(stored);
	if (!m) return false;
	const [memory, time, lanes] = [Number(m[1]), Number(m[2]), Number(m[3])];
	return memory >= 8 && memory <= 262_144 && time >= 1 && time <= 10 && lanes >= 1 && lanes <= 8;
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
	if (stored.startsWith('$scrypt$')) return verifyScrypt(stored, password);
	if (!argon2Acceptable(stored)) return false;
	return verify(stored, normalize(password));
}

/** True when the hash is not argon2id with today's parameters; sign-in then stores a fresh one. */
export function needsRehash(stored: string): boolean {
	const m = ARGON2_PHC.exec(stored);
	return !m || Number(m[1]) !== ARGON2.memoryCost || Number(m[2]) !== ARGON2.timeCost || Number(m[3]) !== ARGON2.parallelism;
}

let dummy: Promise<string> | undefined;

/** A hash of a random password, made like every real one (so checking it costs the same), on first use. */
export function dummyHash(): Promise<string> {
	return (dummy ??= hashPassword(randomBytes(16).toString('hex')));
}

/**
 * Spends the same time as checking a real password, for an address with no account,
 * so the answer's timing does not tell whether the account exists: the same check of a
 * hash with the same parameters. Only the first attempt after start-up is slower.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
	await verifyPassword(await dummyHash(), password);
	return false;
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): UserProblem | null {
	if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) return { key: 'passwordTooLong', max: MAX_PASSWORD_BYTES };
	if ([...password].length < MIN_PASSWORD_LENGTH) return { key: 'passwordTooShort', min: MIN_PASSWORD_LENGTH };
	const folded = password.toLowerCase();
	if (COMMON_PASSWORDS.has(folded)) return { key: 'passwordCommon' };
	if (email && folded === email.toLowerCase()) return { key: 'passwordIsEmail' };
	return null;
}
