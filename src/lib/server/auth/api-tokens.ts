/**
 * Personal API tokens. A token is 256 random bits shown once when it is made; only its
 * SHA-256 is stored, so the database (and the audit log, which names tokens by id) never
 * holds a usable token. A request with `Authorization: Bearer <token>` acts as the token's
 * person with their current role; a disabled person's tokens stop working with them.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { auditSql } from '../audit';
import type { Sql } from '../db/sql';
import type { RefusalSay } from '../../i18n/refusal-messages';
import { refuse, type Refusal } from '../refusal';
import type { SessionUser } from './session';

export const TOKEN_PREFIX = 'samla_';
const TOKEN = /^samla_[A-Za-z0-9_-]{43}$/;
export const MAX_TOKEN_NAME_LENGTH = 100;
/** lastUsedAt is written at most this often per token, not on every request. */
const LAST_USED_EVERY_MS = 60_000;

/** Why a token cannot be made or used: worded in every language where the refusal has it (refusal-messages.ts). */
export class TokenError extends Error {
	readonly refusal: Refusal;
	constructor(say: string | RefusalSay) {
		const refusal = refuse('invalid', say);
		super(refusal.message);
		this.refusal = refusal;
	}
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface TokenAudit {
	/** Who acted: the person themselves, an admin, or null for the CLI. */
	actorId: string | null;
	clientAddress?: string | null;
}

export async function createApiToken(
	sql: Sql,
	userId: string,
	name: string,
	by: TokenAudit,
	now = new Date()
): Promise<{ id: string; token: string }> {
	const label = name.trim();
	if (!label) throw new TokenError((t) => t.tokenName);
	if (label.length > MAX_TOKEN_NAME_LENGTH) throw new TokenError((t) => t.tokenNameTooLong(MAX_TOKEN_NAME_LENGTH));
	// As a person's name (users.ts); U+0000 among them is one PostgreSQL cannot store.
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(label)) throw new TokenError((t) => t.tokenNameControl);
	const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
	const id = randomUUID();
	const { apiTokens, users } = sql.t;
	await sql.tx(async (tx) => {
		const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
		if (!user) throw new TokenError((t) => t.noUser);
		await tx.insert(apiTokens).values({ id, userId, name: label, tokenHash: hashToken(token), createdAt: now });
		await auditSql(sql, tx, {
			action: 'api_token.created',
			actorId: by.actorId,
			targetType: 'user',
			targetId: userId,
			detail: { tokenId: id, name: label },
			clientAddress: by.clientAddress,
			at: now
		});
	});
	return { id, token };
}

export interface ApiTokenSummary {
	id: string;
	name: string;
	userId: string;
	email: string;
	createdAt: Date;
	lastUsedAt: Date | null;
	revokedAt: Date | null;
}

/** Newest first; one person's when userId is given. */
export async function listApiTokens(sql: Sql, userId?: string): Promise<ApiTokenSummary[]> {
	const { apiTokens, users } = sql.t;
	return sql.db
		.select({
			id: apiTokens.id,
			name: apiTokens.name,
			userId: apiTokens.userId,
			email: users.email,
			createdAt: apiTokens.createdAt,
			lastUsedAt: apiTokens.lastUsedAt,
			revokedAt: apiTokens.revokedAt
		})
		.from(apiTokens)
		.innerJoin(users, eq(users.id, apiTokens.userId))
		.where(userId ? eq(apiTokens.userId, userId) : undefined)
		.orderBy(desc(apiTokens.createdAt), apiTokens.id);
}

/** false when there is no such live token (or, with ownerId, it is someone else's). */
export async function revokeApiToken(sql: Sql, tokenId: string, by: TokenAudit, ownerId?: string, now = new Date()): Promise<boolean> {
	const { apiTokens } = sql.t;
	return sql.tx(async (tx) => {
		const where = and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt), ownerId ? eq(apiTokens.userId, ownerId) : undefined);
		// Returning what it revoked makes the check and the change one statement: two revocations at once audit once.
		const [row] = await tx
			.update(apiTokens)
			.set({ revokedAt: now })
			.where(where)
			.returning({ userId: apiTokens.userId, name: apiTokens.name });
		if (!row) return false;
		await auditSql(sql, tx, {
			action: 'api_token.revoked',
			actorId: by.actorId,
			targetType: 'user',
			targetId: row.userId,
			detail: { tokenId, name: row.name },
			clientAddress: by.clientAddress,
			at: now
		});
		return true;
	});
}

/** The token's person (active) and the token's id, or null for an unknown, revoked or malformed token. */
export async function validateApiToken(sql: Sql, token: string, now = new Date()): Promise<{ user: SessionUser; tokenId: string } | null> {
	if (!TOKEN.test(token)) return null;
	const { apiTokens, users } = sql.t;
	const [row] = await sql.db
		.select({
			id: apiTokens.id,
			lastUsedAt: apiTokens.lastUsedAt,
			user: { id: users.id, email: users.email, name: users.name, role: users.role }
		})
		.from(apiTokens)
		.innerJoin(users, and(eq(users.id, apiTokens.userId), isNull(users.disabledAt)))
		.where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
	if (!row) return null;
	if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
		await sql.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
	}
	return { user: row.user, tokenId: row.id };
}
