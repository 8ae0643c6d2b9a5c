/**
 * Accounts: creating them and changing role, status and password. The admin pages,
 * the CLI and the first-admin start-up step all come through here, so each change
 * is checked the same way and audited in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { auditSql } from '../audit';
import type { User } from '../db/schema';
import type { Sql, SqlDb } from '../db/sql';
import { hashPassword, passwordProblem } from './password';
import { userProblemText, type UserProblem } from '../../i18n/user-messages';
import { isRole, type Role } from './roles';
import { deleteUserSessions } from './session';
import { accessChanged, sessionsEnded } from './session-events';

/** Who is making a change, for the audit log. */
export interface Actor {
	userId: string | null;
	clientAddress: string | null;
	via: 'web' | 'cli' | 'start';
}

/**
 * A refused change. `problem` says what it was, for a page to word in its reader's language;
 * the message is its English words (the CLI's, the log's). A CLI-only refusal is plain text.
 */
export class UserError extends Error {
	readonly problem: UserProblem | null;
	constructor(
		problem: UserProblem | string,
		readonly status: 400 | 404 | 409 = 400
	) {
		super(typeof problem === 'string' ? problem : userProblemText('en', problem));
		this.problem = typeof problem === 'string' ? null : problem;
	}
}

export type UserSummary = Omit<User, 'passwordHash'>;

export const MAX_EMAIL_LENGTH = 254;
export const MAX_NAME_LENGTH = 100;

export function normalizeEmail(input: string): string {
	return input.trim().toLowerCase();
}

export function emailProblem(email: string): UserProblem | null {
	if (!email) return { key: 'emailMissing' };
	if (email.length > MAX_EMAIL_LENGTH) return { key: 'emailTooLong', max: MAX_EMAIL_LENGTH };
	if (!/^[^\s@]+@[^\s@]+$/.test(email)) return { key: 'emailInvalid' };
	return null;
}

function checkedName(name: string | undefined, email: string): string {
	const trimmed = (name ?? '').trim() || email.split('@')[0];
	if ([...trimmed].length > MAX_NAME_LENGTH) throw new UserError({ key: 'nameTooLong', max: MAX_NAME_LENGTH });
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new UserError({ key: 'nameControl' });
	return trimmed;
}

function checkedRole(role: string): Role {
	if (!isRole(role)) throw new UserError({ key: 'unknownRole', role });
	return role;
}

const summary = ({ passwordHash: _, ...rest }: User): UserSummary => rest;

export async function findUserByEmail(sql: Sql, email: string): Promise<User | undefined> {
	const [user] = await sql.db
		.select()
		.from(sql.t.users)
		.where(eq(sql.t.users.email, normalizeEmail(email)));
	return user;
}

/** `db`: sql.db, or the transaction the read belongs to. */
export async function getUser(sql: Sql, id: string, db: Pick<SqlDb, 'select'> = sql.db): Promise<User | undefined> {
	const [user] = await db.select().from(sql.t.users).where(eq(sql.t.users.id, id));
	return user;
}

export async function listUsers(sql: Sql): Promise<UserSummary[]> {
	return (await sql.db.select().from(sql.t.users).orderBy(asc(sql.t.users.email))).map(summary);
}

export async function countUsers(sql: Sql): Promise<number> {
	const [row] = await sql.db.select({ n: count() }).from(sql.t.users);
	return row?.n ?? 0;
}

async function requireUserRow(sql: Sql, tx: Pick<SqlDb, 'select'>, id: string): Promise<User> {
	const user = await getUser(sql, id, tx);
	if (!user) throw new UserError({ key: 'noUser' }, 404);
	return user;
}

/**
 * Nobody may demote or disable the last active admin: no one could manage users afterwards.
 * The active admins' rows are locked, so two admins demoting each other at once on PostgreSQL
 * cannot both see the other one still there.
 */
async function keepOneAdmin(sql: Sql, tx: SqlDb, user: User): Promise<void> {
	if (user.role !== 'admin' || user.disabledAt) return;
	const { users } = sql.t;
	const admins = await sql.forUpdate(
		tx
			.select({ id: users.id })
			.from(users)
			.where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))
	);
	if (admins.length <= 1) throw new UserError({ key: 'lastAdmin', email: user.email }, 409);
}

export interface NewUserInput {
	email: string;
	name?: string;
	role: string;
	password: string;
}

export async function createUser(sql: Sql, input: NewUserInput, actor: Actor): Promise<UserSummary> {
	const email = normalizeEmail(input.email);
	const problem = emailProblem(email) ?? passwordProblem(input.password, email);
	if (problem) throw new UserError(problem);
	const role = checkedRole(input.role);
	const name = checkedName(input.name, email);
	if (await findUserByEmail(sql, email)) throw new UserError({ key: 'emailTaken', email }, 409);
	const passwordHash = await hashPassword(input.password);
	const now = new Date();
	const user: User = { id: randomUUID(), email, name, role, passwordHash, disabledAt: null, lang: null, createdAt: now, updatedAt: now };
	await sql.tx(async (tx) => {
		// The address is unique: hashing gave another request (or process) time to take it.
		const [created] = await tx.insert(sql.t.users).values(user).onConflictDoNothing().returning({ id: sql.t.users.id });
		if (!created) throw new UserError({ key: 'emailTaken', email }, 409);
		await auditSql(sql, tx, {
			action: 'user.created',
			actorId: actor.userId,
			targetType: 'user',
			targetId: user.id,
			detail: { email, name, role, via: actor.via },
			clientAddress: actor.clientAddress
		});
	});
	return summary(user);
}

export async function changeRole(sql: Sql, userId: string, role: string, actor: Actor): Promise<UserSummary> {
	const to = checkedRole(role);
	const { users } = sql.t;
	const changed = await sql.tx(async (tx) => {
		const user = await requireUserRow(sql, tx, userId);
		if (user.role === to) return { user: summary(user), changed: false };
		if (to !== 'admin') await keepOneAdmin(sql, tx, user);
		const updated = { ...user, role: to, updatedAt: new Date() };
		await tx.update(users).set({ role: to, updatedAt: updated.updatedAt }).where(eq(users.id, userId));
		await auditSql(sql, tx, {
			action: 'user.role_changed',
			actorId: actor.userId,
			targetType: 'user',
			targetId: userId,
			detail: { email: user.email, from: user.role, to, via: actor.via },
			clientAddress: actor.clientAddress
		});
		return { user: summary(updated), changed: true };
	});
	if (changed.changed) accessChanged(userId);
	return changed.user;
}

/** Disabling ends every session of the user at once; enabling lets them sign in again. */
export async function setDisabled(sql: Sql, userId: string, disabled: boolean, actor: Actor): Promise<UserSummary> {
	const { users } = sql.t;
	const changed = await sql.tx(async (tx) => {
		const user = await requireUserRow(sql, tx, userId);
		if (!!user.disabledAt === disabled) return { user: summary(user), ended: false };
		if (disabled) await keepOneAdmin(sql, tx, user);
		const now = new Date();
		await tx
			.update(users)
			.set({ disabledAt: disabled ? now : null, updatedAt: now })
			.where(eq(users.id, userId));
		if (disabled) await deleteUserSessions(sql, tx, userId);
		await auditSql(sql, tx, {
			action: disabled ? 'user.disabled' : 'user.enabled',
			actorId: actor.userId,
			targetType: 'user',
			targetId: userId,
			detail: { email: user.email, via: actor.via },
			clientAddress: actor.clientAddress
		});
		return { user: summary({ ...user, disabledAt: disabled ? now : null, updatedAt: now }), ended: disabled };
	});
	if (changed.ended) sessionsEnded({ userId });
	return changed.user;
}

/** A new password ends every session of the user: whoever knew the old one is signed out. */
export async function changePassword(sql: Sql, userId: string, password: string, actor: Actor): Promise<void> {
	const user = await requireUserRow(sql, sql.db, userId);
	const problem = passwordProblem(password, user.email);
	if (problem) throw new UserError(problem);
	const passwordHash = await hashPassword(password);
	await sql.tx(async (tx) => {
		await tx.update(sql.t.users).set({ passwordHash, updatedAt: new Date() }).where(eq(sql.t.users.id, userId));
		await deleteUserSessions(sql, tx, userId);
		await auditSql(sql, tx, {
			action: 'user.password_changed',
			actorId: actor.userId,
			targetType: 'user',
			targetId: userId,
			detail: { email: user.email, via: actor.via },
			clientAddress: actor.clientAddress
		});
	});
	sessionsEnded({ userId });
}
