/**
 * The e-mails' unsubscribe link: works without signing in, because the token in the link
 * is the proof. Opening the link changes nothing (mail scanners open links); the button on
 * the page does.
 */
import { sql } from '$lib/server/context';
import { unsubscribeByToken } from '$lib/server/notify/notifications';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({});

export const actions: Actions = {
	default: async ({ params }) => ({ done: await unsubscribeByToken(sql(), params.token) })
};
