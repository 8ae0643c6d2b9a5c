import { redirect } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/auth/cookie';
import { signOut } from '$lib/server/auth/sign-in';
import { sql } from '$lib/server/context';
import type { Actions, PageServerLoad } from './$types';

/** Signing out is a POST (a link could be followed by a prefetch or a crawler); GET shows the button. */
export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/');
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		if (event.locals.session) await signOut(sql(), event.locals.session, event.getClientAddress());
		clearSessionCookie(event.cookies, event.url);
		redirect(303, '/');
	}
};
