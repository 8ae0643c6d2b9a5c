import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	createSession,
	invalidateSession,
	invalidateUserSessions,
	SESSION_LIFETIME_MS,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { changePassword, setDisabled } from '../../src/lib/server/auth/users';
import { sessions, users } from '../../src/lib/server/db/schema';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { createTestUser } from '../helpers/users';

const DAY = 24 * 60 * 60 * 1000;
const cli = { userId: null, clientAddress: null, via: 'cli' } as const;

let t: TempDatabase;
beforeEach(() => {
	t = tempDatabase();
});
afterEach(() => t.cleanup());

const storedExpiry = (id: string) => t.db.select().from(sessions).where(eq(sessions.id, id)).get()?.expiresAt;
const setExpiry = (id: string, at: Date) => t.db.update(sessions).set({ expiresAt: at }).where(eq(sessions.id, id)).run();

describe('sessions', () => {
	it('stores only the SHA-256 of the token and finds the user by the token', async () => {
		const user = await createTestUser(t.db, { role: 'approver', name: 'Ada Approver' });
		const { token, session } = createSession(t.db, user.id);
		expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
		expect(session.id).toBe(createHash('sha256').update(token).digest('hex'));
		const raw = t.db.$client.prepare('SELECT * FROM sessions').all();
		expect(JSON.stringify(raw)).not.toContain(token);

		const found = validateSessionToken(t.db, token);
		expect(found?.user).toEqual({ id: user.id, email: user.email, name: 'Ada Approver', role: 'approver' });
		expect(found?.session.id).toBe(session.id);
		expect(found?.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_LIFETIME_MS - 60_000);
	});

	it('rejects forged, malformed and hash-instead-of-token values', async () => {
		const user = await createTestUser(t.db);
		const { session } = createSession(t.db, user.id);
		expect(validateSessionToken(t.db, 'A'.repeat(32))).toBeNull();
		expect(validateSessionToken(t.db, '')).toBeNull();
		expect(validateSessionToken(t.db, 'not a token; path=/')).toBeNull();
		expect(validateSessionToken(t.db, session.id)).toBeNull();
	});

	it('ends an expired session and deletes it', async () => {
		const user = await createTestUser(t.db);
		const { token, session } = createSession(t.db, user.id);
		setExpiry(session.id, new Date(Date.now() - 1000));
		expect(validateSessionToken(t.db, token)).toBeNull();
		expect(storedExpiry(session.id)).toBeUndefined();
	});

	it('extends a session used with less than 15 days left to the full 30 days, and leaves a fresher one alone', async () => {
		const user = await createTestUser(t.db);
		const old = createSession(t.db, user.id);
		setExpiry(old.session.id, new Date(Date.now() + 10 * DAY));
		const extended = validateSessionToken(t.db, old.token)!;
		expect(extended.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29.9 * DAY);
		expect(storedExpiry(old.session.id)?.getTime()).toBe(extended.session.expiresAt.getTime());

		const fresh = createSession(t.db, user.id);
		const twentyDays = new Date(Date.now() + 20 * DAY);
		setExpiry(fresh.session.id, twentyDays);
		expect(validateSessionToken(t.db, fresh.token)!.session.expiresAt.getTime()).toBe(twentyDays.getTime());
		expect(storedExpiry(fresh.session.id)?.getTime()).toBe(twentyDays.getTime());
	});

	it('sweeps expired sessions when a new one is created', async () => {
		const user = await createTestUser(t.db);
		const stale = createSession(t.db, user.id);
		setExpiry(stale.session.id, new Date(Date.now() - DAY));
		createSession(t.db, user.id);
		expect(storedExpiry(stale.session.id)).toBeUndefined();
	});

	it('signs out one session, or all of a user and no one else', async () => {
		const [a, b] = [await createTestUser(t.db), await createTestUser(t.db)];
		const a1 = createSession(t.db, a.id);
		const a2 = createSession(t.db, a.id);
		const b1 = createSession(t.db, b.id);
		invalidateSession(t.db, a1.session.id);
		expect(validateSessionToken(t.db, a1.token)).toBeNull();
		expect(validateSessionToken(t.db, a2.token)).not.toBeNull();
		invalidateUserSessions(t.db, a.id);
		expect(validateSessionToken(t.db, a2.token)).toBeNull();
		expect(validateSessionToken(t.db, b1.token)?.user.id).toBe(b.id);
	});

	it('ends all sessions of a user who is disabled or whose password changes', async () => {
		const [a, b] = [await createTestUser(t.db), await createTestUser(t.db)];
		const aToken = createSession(t.db, a.id).token;
		const bToken = createSession(t.db, b.id).token;
		setDisabled(t.db, a.id, true, cli);
		expect(validateSessionToken(t.db, aToken)).toBeNull();
		setDisabled(t.db, a.id, false, cli);
		expect(validateSessionToken(t.db, aToken)).toBeNull();

		await changePassword(t.db, b.id, 'a brand new passphrase', cli);
		expect(validateSessionToken(t.db, bToken)).toBeNull();
	});

	it('looks a token up in the database it is given, with several open (the lookup is prepared once per database)', async () => {
		const other = tempDatabase();
		try {
			const here = createSession(t.db, (await createTestUser(t.db)).id);
			const there = createSession(other.db, (await createTestUser(other.db)).id);
			expect(validateSessionToken(t.db, here.token)?.session.id).toBe(here.session.id);
			expect(validateSessionToken(other.db, there.token)?.session.id).toBe(there.session.id);
			expect(validateSessionToken(t.db, there.token)).toBeNull();
			expect(validateSessionToken(other.db, here.token)).toBeNull();
		} finally {
			other.cleanup();
		}
	});

	it('does not accept the session of a user disabled behind its back', async () => {
		const user = await createTestUser(t.db);
		const { token } = createSession(t.db, user.id);
		t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id)).run();
		expect(validateSessionToken(t.db, token)).toBeNull();
	});
});
