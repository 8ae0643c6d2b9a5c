/** Personal API tokens at the service (src/lib/server/auth/api-tokens.ts), on both dialects. */
import { eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { createApiToken, listApiTokens, revokeApiToken, TokenError, validateApiToken } from '../../src/lib/server/auth/api-tokens';
import { setUserLang } from '../../src/lib/server/auth/user-lang';
import { getUser, setDisabled } from '../../src/lib/server/auth/users';
import { clearAuthTables, recentAudit } from '../helpers/auth-tables';
import { describeEachDialect } from '../helpers/dialects';
import { createTestUser } from '../helpers/users';

const cli = { actorId: null };
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000);

describeEachDialect('API tokens', (database) => {
	const sql = () => database().sql;
	beforeEach(() => clearAuthTables(sql()));

	it('makes a token that acts as its person, stores only its hash, and lists it without it', async () => {
		const user = await createTestUser(sql(), { role: 'approver' });
		const { id, token } = await createApiToken(sql(), user.id, '  nightly import ', cli, at(0));
		expect(token).toMatch(/^samla_[\w-]{43}$/);
		expect(await validateApiToken(sql(), token, at(1))).toEqual({
			tokenId: id,
			user: { id: user.id, email: user.email, name: user.name, role: 'approver' }
		});
		const stored = await sql().db.select().from(sql().t.apiTokens);
		expect(JSON.stringify(stored)).not.toContain(token);
		expect(await listApiTokens(sql(), user.id)).toEqual([
			{ id, name: 'nightly import', userId: user.id, email: user.email, createdAt: at(0), lastUsedAt: at(1), revokedAt: null }
		]);
		expect((await recentAudit(sql(), 5)).find((e) => e.action === 'api_token.created')).toMatchObject({
			targetId: user.id,
			detail: { tokenId: id }
		});
	});

	it('notes its last use at most once a minute', async () => {
		const user = await createTestUser(sql());
		const { id, token } = await createApiToken(sql(), user.id, 'poller', cli, at(0));
		const lastUsed = async () => {
			const [row] = await sql().db.select().from(sql().t.apiTokens).where(eq(sql().t.apiTokens.id, id));
			return row.lastUsedAt;
		};
		await validateApiToken(sql(), token, at(10));
		await validateApiToken(sql(), token, at(50));
		expect(await lastUsed()).toEqual(at(10));
		await validateApiToken(sql(), token, at(71));
		expect(await lastUsed()).toEqual(at(71));
	});

	it('stops working when revoked (once, audited once) or when its person is disabled', async () => {
		const user = await createTestUser(sql());
		const other = await createTestUser(sql());
		const revoked = await createApiToken(sql(), user.id, 'old', cli);
		expect(await revokeApiToken(sql(), revoked.id, cli, other.id)).toBe(false);
		const another = await database().openAnother();
		const both = await Promise.all([revokeApiToken(sql(), revoked.id, cli), revokeApiToken(another, revoked.id, cli)]);
		expect(both.sort()).toEqual([false, true]);
		expect((await recentAudit(sql(), 5)).filter((e) => e.action === 'api_token.revoked')).toHaveLength(1);
		expect(await validateApiToken(sql(), revoked.token)).toBeNull();

		const live = await createApiToken(sql(), user.id, 'live', cli);
		await setDisabled(sql(), user.id, true, { userId: null, clientAddress: null, via: 'cli' });
		expect(await validateApiToken(sql(), live.token)).toBeNull();
		expect(await validateApiToken(sql(), 'samla_' + 'x'.repeat(43))).toBeNull();
		expect(await validateApiToken(sql(), 'not a token')).toBeNull();
	});

	it('refuses a token for nobody, or without a name', async () => {
		await expect(createApiToken(sql(), 'no-such-user', 'x', cli)).rejects.toBeInstanceOf(TokenError);
		const user = await createTestUser(sql());
		await expect(createApiToken(sql(), user.id, '   ', cli)).rejects.toBeInstanceOf(TokenError);
		expect(await listApiTokens(sql())).toEqual([]);
	});

	it("keeps a person's language setting", async () => {
		const user = await createTestUser(sql());
		await setUserLang(sql(), user.id, 'sv');
		expect((await getUser(sql(), user.id))?.lang).toBe('sv');
		await setUserLang(sql(), user.id, null);
		expect((await getUser(sql(), user.id))?.lang).toBeNull();
	});
});
