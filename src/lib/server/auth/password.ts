/**
 * Password hashing with scrypt from node:crypto. A hash is stored as a PHC string,
 * `$scrypt$ln=16,r=8,p=1$<salt>$<hash>`, so the cost can be raised later without
 * invalidating older hashes: they still verify, and sign-in re-hashes them.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 10;
/** Above this a request is refused before hashing: scrypt's cost does not depend on length, but parsing does. */
export const MAX_PASSWORD_BYTES = 1024;

interface ScryptParams {
	/** log2 of N, the CPU/memory cost. */
	ln: number;
	r: number;
	p: number;
}

/** 64 MiB and about 0.15 s per hash on one core: close to OWASP's advice without starving a small server. */
const CURRENT: ScryptParams = { ln: 16, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function derive(password: string, salt: Buffer, { ln, r, p }: ScryptParams, length: number): Promise<Buffer> {
	const N = 2 ** ln;
	const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r * p };
	return new Promise((resolve, reject) =>
		scrypt(password.normalize('NFKC'), salt, length, options, (err, key) => (err ? reject(err) : resolve(key)))
	);
}

const b64 = (buf: Buffer) => buf.toString('base64').replace(/=+$/, '');

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(SALT_BYTES);
	const key = await derive(password, salt, CURRENT, KEY_BYTES);
	return `$scrypt$ln=${CURRENT.ln},r=${CURRENT.r},p=${CURRENT.p}$${b64(salt)}$${b64(key)}`;
}

function parse(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
	const m = PHC.exec(stored);
	if (!m) return null;
	const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
	// Bounds keep a tampered row from asking for gigabytes of memory.
	if (params.ln < 10 || params.ln > 20 || params.r < 1 || params.p < 1) return null;
	return { params, salt: Buffer.from(m[4], 'base64'), key: Buffer.from(m[5], 'base64') };
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
	const parsed = parse(stored);
	if (!parsed) return false;
	const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
	return timingSafeEqual(key, parsed.key);
}

/** True when the hash was made with other parameters than today's; sign-in then stores a fresh one. */
export function needsRehash(stored: string): boolean {
	const parsed = parse(stored);
	return !parsed || parsed.params.ln !== CURRENT.ln || parsed.params.r !== CURRENT.r || parsed.params.p !== CURRENT.p;
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for an address with no account,
 * so the answer's timing does not tell whether the account exists. The dummy hash is
 * made on first use; only that first attempt after start-up is slower.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
	await verifyPassword(await dummyHash, password);
	return false;
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
	if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) return `The password is too long (at most ${MAX_PASSWORD_BYTES} bytes).`;
	if ([...password].length < MIN_PASSWORD_LENGTH) return `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`;
	const folded = password.toLowerCase();
	if (COMMON_PASSWORDS.has(folded)) return 'That password is one of the most common ones; choose another.';
	if (email && folded === email.toLowerCase()) return 'The password must not be the e-mail address.';
	return null;
}
