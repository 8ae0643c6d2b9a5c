import { hasRole } from '$lib/server/auth/roles';
import { dataLicence, sql } from '$lib/server/context';
import { unreadCount } from '$lib/server/notify/notifications';
import type { LayoutServerLoad } from './$types';

/**
 * The header shows who is signed in; browser code cannot import the role rules, so the
 * admin flag comes from here. The language is every page's (hooks.server.ts resolves
 * it); `visitor` keeps the public `?lang` choice for error pages' links.
 */
export const load: LayoutServerLoad = async ({ locals }) => {
	const { user } = locals;
	const visitor = locals.lang;
	return {
		lang: visitor.lang,
		user: user && { id: user.id, name: user.name, email: user.email, role: user.role },
		canManageUsers: hasRole(user, 'admin'),
		/** The bell's count as the page is rendered; its event stream keeps it current. */
		unread: user ? await unreadCount(sql(), user.id) : 0,
		visitor: { lang: visitor.lang, langParam: visitor.explicit ? visitor.lang : null },
		licence: { name: dataLicence().name, url: dataLicence().url }
	};
};
