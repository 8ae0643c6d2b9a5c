/**
 * Accounts: creating them and changing role, status and password. The admin pages,
 * the CLI and the first-admin start-up step all come through here, so each change
 * is checked the same way and audited in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { audit } from '../audit';
import type { Db } from '../db/client';
import { users, type User } from '../db/schema';
import { hashPassword, passwordProblem } from './password';
import { userProblemText, type UserProblem } from '../../i18n/user-messages';
import { isRole, type Role } from './roles';
import { invalidateUserSessions } from './session';
import { accessChanged } from './session-events';

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

export function findUserByEmail(db: Db, email: string): User | undefined {
	return db
		.select()
		.from(users)
		.where(eq(users.email, normalizeEmail(email)))
		.get();
}

export function getUser(db: Pick<Db, 'select'>, id: string): User | undefined {
	return db.select().from(users).where(eq(users.id, id)).get();
}

export function listUsers(db: Db): UserSummary[] {
	return db.select().from(users).orderBy(asc(users.email)).all().map(summary);
}

export function countUsers(db: Db): number {
	return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

function requireUserRow(db: Pick<Db, 'select'>, id: string): User {
	const user = getUser(db, id);
	if (!user) throw new UserError({ key: 'noUser' }, 404);
	return user;
}

/** Nobody may demote or disable the last active admin: no one could manage users afterwards. */
function keepOneAdmin(db: Pick<Db, 'select'>, user: User): void {
	if (user.role !== 'admin' || user.disabledAt) return;
	const admins = db
		.select({ n: count() })
		.from(users)
		.where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))
		.get()?.n;
	if ((admins ?? 0) <= 1) throw new UserError({ key: 'lastAdmin', email: user.email }, 409);
}

export interface NewUserInput {
	email: string;
	name?: string;
	role: string;
	password: string;
}

export async function createUser(db: Db, input: NewUserInput, actor: Actor): Promise<UserSummary> {
	const email = normalizeEmail(input.email);
	const problem = emailProblem(email) ?? passwordProblem(input.password, email);
	if (problem) throw new UserError(problem);
	const role = checkedRole(input.role);
	const name = checkedName(input.name, email);
	if (findUserByEmail(db, email)) throw new UserError({ key: 'emailTaken', email }, 409);
	const passwordHash = await hashPassword(input.password);
	const now = new Date();
	const user: User = { id: randomUUID(), email, name, role, passwordHash, disabledAt: null, lang: null, createdAt: now, updatedAt: now };
	db.transaction((tx) => {
		// Checked again inside the transaction: hashing gave another request time to create the same address.
		if (tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
			throw new UserError({ key: 'emailTaken', email }, 409);
		}
		tx.insert(users).values(user).run();
		audit(tx, {
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

export function changeRole(db: Db, userId: string, role: string, actor: Actor): UserSummary {
	const to = checkedRole(role);
	return db.transaction((tx) => {
		const user = requireUserRow(tx, userId);
		if (user.role === to) return summary(user);
		if (to !== 'admin') keepOneAdmin(tx, user);
		const updated = { ...user, role: to, updatedAt: new Date() };
		tx.update(users).set({ role: to, updatedAt: updated.updatedAt }).where(eq(users.id, userId)).run();
		accessChanged(userId);
		audit(tx, {
			action: 'user.role_changed',
			actorId: actor.userId,
			targetType: 'user',
			targetId: userId,
			detail: { email: user.email, from: user.role, to, via: actor.via },
			clientAddress: actor.clientAddress
		});
		return summary(updated);
	});
}

/** Disabling ends every session of the user at once; enabling lets them sign in again. */
export function setDisabled(db: Db, userId: string, disabled: boolean, actor: Actor): UserSummary {
	return db.transaction((tx) => {
		const user = requireUserRow(tx, userId);
		if (!!user.disabledAt === disabled) return summary(user);
		if (disabled) keepOneAdmin(tx, user);
		const now = new Date();
		tx.update(users)
			.set({ disabledAt: disabled ? now : null, updatedAt: now })
			.where(eq(users.id, userId))
			.run();
		if (disabled) invalidateUserSessions(tx, userId);
		audit(tx, {
			action: disabled ? 'user.disabled' : 'user.enabled',
			actorId: actor.userId,
			targetType: 'user',
			targetId: userId,
			detail: { email: user.email, via: actor.via },
			clientAddress: actor.clientAddress
		});
		return summary({ ...user, disabledAt: disabled ? now : null, updatedAt: now });
	});
}

/** A new password ends every session of the user: whoever knew the old one is signed out. */
export async function changePassword(db: Db, userId: string, password: string, actor: Actor): Promise<void> {
	const user = requireUserRow(db, userId);
	const problem = passwordProblem(password, user.email);
	if (problem) throw new UserError(problem);
	const passwordHash = await hashPassword(password);
	db.transaction((tx) => {
		tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId)).run();
		invalidateUserSessions(tx, userId);
		audit(tx, {
			action: 'user.password_changed',
			actorId: actor.userId,
			targetType: 'user',
			targetId: userId,
			detail: { email: user.email, via: actor.via },
			clientAddress: actor.clientAddress
		});
	});
}
