import { resolveLang } from '$lib/i18n/lang';
import { hasRole } from '$lib/server/auth/roles';
import { dataLicence, db } from '$lib/server/context';
import { unreadCount } from '$lib/server/notify/notifications';
import type { LayoutServerLoad } from './$types';

/**
 * The header shows who is signed in; browser code cannot import the role rules, so the
 * admin flag comes from here. The visitor's language is for pages every visitor may meet
 * whatever they asked for (error pages); the public pages' loads say theirs too.
 */
export const load: LayoutServerLoad = ({ locals, url, request }) => {
	const { user } = locals;
	const visitor = resolveLang(url, request.headers.get('accept-language'));
	return {
		user: user && { name: user.name, email: user.email, role: user.role },
		canManageUsers: hasRole(user, 'admin'),
		/** The bell's count as the page is rendered; its event stream keeps it current. */
		unread: user ? unreadCount(db(), user.id) : 0,
		visitor: { lang: visitor.lang, langParam: visitor.explicit ? visitor.lang : null },
		licence: { name: dataLicence().name, url: dataLicence().url }
	};
};
