import { fail, type RequestEvent } from '@sveltejs/kit';
import { readFields, type Fields } from '$lib/server/auth/form-fields';
import { requireUser } from '$lib/server/auth/guard';
import { ROLES } from '$lib/server/auth/roles';
import { changePassword, changeRole, createUser, listUsers, setDisabled, UserError, type Actor } from '$lib/server/auth/users';
import { db } from '$lib/server/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requireUser(event, 'admin');
	return { users: listUsers(db()), roles: [...ROLES], me: me.id };
};

/**
 * Each action re-checks the role, reads its fields and turns a refused change into
 * `fail(status, { form, message })`; `form` names the action and echoes what was
 * typed (never a password) so the page can show the message beside the right form.
 */
function userAction<K extends string>(
	name: string,
	names: readonly K[],
	change: (fields: Fields<K>, actor: Actor) => Promise<string> | string
) {
	return async (event: RequestEvent) => {
		const me = requireUser(event, 'admin');
		const { fields, problem } = await readFields(event.request, names);
		const echo = Object.entries(fields).filter(([key]) => key !== 'password');
		const form: Record<string, string> = { action: name, ...Object.fromEntries(echo) };
		if (problem) return fail(400, { form, message: problem });
		try {
			const message = await change(fields, { userId: me.id, clientAddress: event.getClientAddress(), via: 'web' });
			return { form, message };
		} catch (err) {
			if (err instanceof UserError) return fail(err.status, { form, message: err.message });
			throw err;
		}
	};
}

export const actions: Actions = {
	create: userAction('create', ['email', 'name', 'role', 'password'], async (f, actor) => {
		const user = await createUser(db(), f, actor);
		return `Created ${user.email} (${user.role}).`;
	}),
	setRole: userAction('setRole', ['userId', 'role'], (f, actor) => {
		const user = changeRole(db(), f.userId, f.role, actor);
		return `${user.email} is now ${user.role}.`;
	}),
	disable: userAction('disable', ['userId'], (f, actor) => {
		const user = setDisabled(db(), f.userId, true, actor);
		return `Disabled ${user.email}; their sessions have ended.`;
	}),
	enable: userAction('enable', ['userId'], (f, actor) => {
		const user = setDisabled(db(), f.userId, false, actor);
		return `Enabled ${user.email}.`;
	}),
	resetPassword: userAction('resetPassword', ['userId', 'password'], async (f, actor) => {
		await changePassword(db(), f.userId, f.password, actor);
		return 'Password changed; every session of that user has ended.';
	})
};
