import { fail, type RequestEvent } from '@sveltejs/kit';
import { readFields, type Fields } from '$lib/server/auth/form-fields';
import { formProblemText } from '$lib/i18n/form-messages';
import { requireUser } from '$lib/server/auth/guard';
import { ROLES } from '$lib/server/auth/roles';
import { changePassword, changeRole, createUser, listUsers, setDisabled, UserError, type Actor } from '$lib/server/auth/users';
import { sql } from '$lib/server/context';
import type { Lang } from '$lib/i18n/lang';
import { USER_MESSAGES, userProblemText } from '$lib/i18n/user-messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireUser(event, 'admin');
	return { users: await listUsers(sql()), roles: [...ROLES], me: me.id };
};

/**
 * Each action re-checks the role, reads its fields and turns a refused change into
 * `fail(status, { form, message })`; `form` names the action and echoes what was
 * typed (never a password) so the page can show the message beside the right form.
 */
function userAction<K extends string>(
	name: string,
	names: readonly K[],
	change: (fields: Fields<K>, actor: Actor, say: (typeof USER_MESSAGES)[Lang]) => Promise<string>
) {
	return async (event: RequestEvent) => {
		const me = requireUser(event, 'admin');
		const lang = event.locals.lang.lang;
		const { fields, problem } = await readFields(event.request, names);
		const echo = Object.entries(fields).filter(([key]) => key !== 'password');
		const form: Record<string, string> = { action: name, ...Object.fromEntries(echo) };
		if (problem) return fail(400, { form, message: formProblemText(lang, problem) });
		try {
			const message = await change(fields, { userId: me.id, clientAddress: event.getClientAddress(), via: 'web' }, USER_MESSAGES[lang]);
			return { form, message };
		} catch (err) {
			if (err instanceof UserError)
				return fail(err.status, { form, message: err.problem ? userProblemText(lang, err.problem) : err.message });
			throw err;
		}
	};
}

export const actions: Actions = {
	create: userAction('create', ['email', 'name', 'role', 'password'], async (f, actor, say) => {
		const user = await createUser(sql(), f, actor);
		return say.created(user.email, user.role);
	}),
	setRole: userAction('setRole', ['userId', 'role'], async (f, actor, say) => {
		const user = await changeRole(sql(), f.userId, f.role, actor);
		return say.roleChanged(user.email, user.role);
	}),
	disable: userAction('disable', ['userId'], async (f, actor, say) => {
		const user = await setDisabled(sql(), f.userId, true, actor);
		return say.disabled(user.email);
	}),
	enable: userAction('enable', ['userId'], async (f, actor, say) => {
		const user = await setDisabled(sql(), f.userId, false, actor);
		return say.enabled(user.email);
	}),
	resetPassword: userAction('resetPassword', ['userId', 'password'], async (f, actor, say) => {
		await changePassword(sql(), f.userId, f.password, actor);
		return say.passwordChanged;
	})
};
