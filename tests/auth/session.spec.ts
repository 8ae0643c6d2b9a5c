import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
	createSession,
	invalidateSession,
	invalidateUserSessions,
	SESSION_LIFETIME_MS,
	validateSessionToken,
	validateSessionTokens
} from '../../src/lib/server/auth/session';
import { changePassword, setDisabled } from '../../src/lib/server/auth/users';
import { tempDatabase } from '../helpers/db';
import { describeEachDialect } from '../helpers/dialects';
import { asSql, createTestUser } from '../helpers/users';

const DAY = 24 * 60 * 60 * 1000;
const cli = { userId: null, clientAddress: null, via: 'cli' } as const;

describeEachDialect('sessions', (database) => {
	const sql = () => database().sql;
	const storedExpiry = async (id: string) => {
		const { sessions } = sql().t;
		const [row] = await sql().db.select().from(sessions).where(eq(sessions.id, id));
		return row?.expiresAt;
	};
	const setExpiry = async (id: string, at: Date) => {
		const { sessions } = sql().t;
		await sql().db.update(sessions).set({ expiresAt: at }).where(eq(sessions.id, id));
	};

	it('stores only the SHA-256 of the token and finds the user by the token', async () => {
		const user = await createTestUser(sql(), { role: 'approver', name: 'Ada Approver' });
		const { token, session } = await createSession(sql(), user.id);
		expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
		expect(session.id).toBe(createHash('sha256').update(token).digest('hex'));
		const raw = await sql().db.select().from(sql().t.sessions);
		expect(JSON.stringify(raw)).not.toContain(token);

		const found = await validateSessionToken(sql(), token);
		expect(found?.user).toEqual({ id: user.id, email: user.email, name: 'Ada Approver', role: 'approver' });
		expect(found?.session.id).toBe(session.id);
		expect(found?.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_LIFETIME_MS - 60_000);
	});

	it('rejects forged, malformed and hash-instead-of-token values', async () => {
		const user = await createTestUser(sql());
		const { session } = await createSession(sql(), user.id);
		expect(await validateSessionToken(sql(), 'A'.repeat(32))).toBeNull();
		expect(await validateSessionToken(sql(), '')).toBeNull();
		expect(await validateSessionToken(sql(), 'not a token; path=/')).toBeNull();
		expect(await validateSessionToken(sql(), session.id)).toBeNull();
	});

	it('ends an expired session and deletes it', async () => {
		const user = await createTestUser(sql());
		const { token, session } = await createSession(sql(), user.id);
		await setExpiry(session.id, new Date(Date.now() - 1000));
		expect(await validateSessionToken(sql(), token)).toBeNull();
		expect(await storedExpiry(session.id)).toBeUndefined();
	});

	it('extends a session used with less than 15 days left to the full 30 days, and leaves a fresher one alone', async () => {
		const user = await createTestUser(sql());
		const old = await createSession(sql(), user.id);
		await setExpiry(old.session.id, new Date(Date.now() + 10 * DAY));
		const extended = (await validateSessionToken(sql(), old.token))!;
		expect(extended.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29.9 * DAY);
		expect((await storedExpiry(old.session.id))?.getTime()).toBe(extended.session.expiresAt.getTime());

		const fresh = await createSession(sql(), user.id);
		const twentyDays = new Date(Date.now() + 20 * DAY);
		await setExpiry(fresh.session.id, twentyDays);
		expect((await validateSessionToken(sql(), fresh.token))!.session.expiresAt.getTime()).toBe(twentyDays.getTime());
		expect((await storedExpiry(fresh.session.id))?.getTime()).toBe(twentyDays.getTime());
	});

	it('sweeps expired sessions when a new one is created', async () => {
		const user = await createTestUser(sql());
		const stale = await createSession(sql(), user.id);
		await setExpiry(stale.session.id, new Date(Date.now() - DAY));
		await createSession(sql(), user.id);
		expect(await storedExpiry(stale.session.id)).toBeUndefined();
	});

	it('signs out one session, or all of a user and no one else', async () => {
		const [a, b] = [await createTestUser(sql()), await createTestUser(sql())];
		const a1 = await createSession(sql(), a.id);
		const a2 = await createSession(sql(), a.id);
		const b1 = await createSession(sql(), b.id);
		await invalidateSession(sql(), a1.session.id);
		expect(await validateSessionToken(sql(), a1.token)).toBeNull();
		expect(await validateSessionToken(sql(), a2.token)).not.toBeNull();
		await invalidateUserSessions(sql(), a.id);
		expect(await validateSessionToken(sql(), a2.token)).toBeNull();
		expect((await validateSessionToken(sql(), b1.token))?.user.id).toBe(b.id);
	});

	it('ends all sessions of a user who is disabled or whose password changes', async () => {
		const [a, b] = [await createTestUser(sql()), await createTestUser(sql())];
		const aToken = (await createSession(sql(), a.id)).token;
		const bToken = (await createSession(sql(), b.id)).token;
		await setDisabled(sql(), a.id, true, cli);
		expect(await validateSessionToken(sql(), aToken)).toBeNull();
		await setDisabled(sql(), a.id, false, cli);
		expect(await validateSessionToken(sql(), aToken)).toBeNull();

		await changePassword(sql(), b.id, 'a brand new passphrase', cli);
		expect(await validateSessionToken(sql(), bToken)).toBeNull();
	});

	it('looks a token up in the database it is given, with several open (the lookup is prepared once per handle)', async () => {
		const other = tempDatabase();
		try {
			const otherSql = asSql(other.db);
			const here = await createSession(sql(), (await createTestUser(sql())).id);
			const there = await createSession(otherSql, (await createTestUser(otherSql)).id);
			expect((await validateSessionToken(sql(), here.token))?.session.id).toBe(here.session.id);
			expect((await validateSessionToken(otherSql, there.token))?.session.id).toBe(there.session.id);
			expect(await validateSessionToken(sql(), there.token)).toBeNull();
			expect(await validateSessionToken(otherSql, here.token)).toBeNull();
		} finally {
			other.cleanup();
		}
	});

	it('does not accept the session of a user disabled behind its back', async () => {
		const user = await createTestUser(sql());
		const { token } = await createSession(sql(), user.id);
		await sql().db.update(sql().t.users).set({ disabledAt: new Date() }).where(eq(sql().t.users.id, user.id));
		expect(await validateSessionToken(sql(), token)).toBeNull();
	});

	it('checks many tokens at once as it checks one (the sync re-check), past the size of one lookup', async () => {
		const [ada, bo, gone] = [await createTestUser(sql()), await createTestUser(sql()), await createTestUser(sql())];
		// More than one statement takes (500): every one is still answered.
		const many = [];
		for (let i = 0; i < 520; i++) many.push(await createSession(sql(), ada.id));
		const expired = await createSession(sql(), bo.id);
		await setExpiry(expired.session.id, new Date(Date.now() - 1000));
		const ageing = await createSession(sql(), bo.id);
		await setExpiry(ageing.session.id, new Date(Date.now() + 10 * DAY));
		const disabled = await createSession(sql(), gone.id);
		await sql().db.update(sql().t.users).set({ disabledAt: new Date() }).where(eq(sql().t.users.id, gone.id));

		const tokens = [...many.map((m) => m.token), expired.token, ageing.token, disabled.token, 'A'.repeat(32), 'not a token; path=/'];
		const valid = await validateSessionTokens(sql(), tokens);
		expect(valid.size).toBe(521);
		for (const m of many) expect(valid.get(m.token)?.session.id).toBe(m.session.id);
		expect(valid.get(many[0].token)?.user).toEqual({ id: ada.id, email: ada.email, name: ada.name, role: ada.role });
		for (const t of [expired.token, disabled.token, 'A'.repeat(32)]) expect(valid.has(t)).toBe(false);
		// As one at a time does: the expired one is deleted, the ageing one extended to the full lifetime.
		expect(await storedExpiry(expired.session.id)).toBeUndefined();
		expect(valid.get(ageing.token)!.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29.9 * DAY);
		expect((await storedExpiry(ageing.session.id))?.getTime()).toBe(valid.get(ageing.token)!.session.expiresAt.getTime());
	});
});
