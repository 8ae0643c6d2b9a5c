import { fail, type RequestEvent } from '@sveltejs/kit';
import { ACTION_MESSAGES } from '$lib/i18n/action-messages';
import { requireUser } from '$lib/server/auth/guard';
import { readFields } from '$lib/server/auth/form-fields';
import { formProblemText } from '$lib/i18n/form-messages';
import { appContext, sql } from '$lib/server/context';
import { listNotifications, markAllRead, markRead, prefsOf, setPrefs } from '$lib/server/notify/notifications';
import { CHANNELS, NOTIFICATION_KINDS, type NotificationPrefs } from '$lib/records/notification-kinds';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event, 'viewer');
	return {
		notifications: await listNotifications(sql(), user.id),
		prefs: await prefsOf(sql(), user.id),
		emailEnabled: appContext().config.email.smtpUrl !== null
	};
};

async function read(event: RequestEvent) {
	const user = requireUser(event, 'viewer');
	const { fields, problem } = await readFields(event.request, ['id']);
	const id = Number(fields.id);
	if (problem || !Number.isInteger(id) || id < 1)
		return fail(400, {
			form: 'read',
			message: problem ? formProblemText(event.locals.lang.lang, problem) : ACTION_MESSAGES[event.locals.lang.lang].notNotification
		});
	await markRead(sql(), user.id, id);
	return { form: 'read' };
}

async function readAll(event: RequestEvent) {
	const user = requireUser(event, 'viewer');
	await markAllRead(sql(), user.id);
	return { form: 'readAll' };
}

/** One checkbox per kind and channel, named `<kind>.<channel>`; an unticked box is absent. */
async function settings(event: RequestEvent) {
	const user = requireUser(event, 'viewer');
	const names = NOTIFICATION_KINDS.flatMap((k) => CHANNELS.map((c) => `${k}.${c}` as const));
	const { fields, problem } = await readFields(event.request, names);
	if (problem) return fail(400, { form: 'settings', message: formProblemText(event.locals.lang.lang, problem) });
	const prefs = Object.fromEntries(
		NOTIFICATION_KINDS.map((k) => [k, { inApp: fields[`${k}.inApp`] === 'on', email: fields[`${k}.email`] === 'on' }])
	) as NotificationPrefs;
	await setPrefs(sql(), user.id, prefs);
	return { form: 'settings', saved: true };
}

export const actions: Actions = { read, readAll, settings };
