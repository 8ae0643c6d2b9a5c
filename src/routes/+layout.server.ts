import { hasRole } from '$lib/server/auth/roles';
import { dataLicence } from '$lib/server/context';
import type { LayoutServerLoad } from './$types';

/**
 * The header shows who is signed in; browser code cannot import the role rules, so the
 * admin flag comes from here. The language is every page's (hooks.server.ts resolves
 * it); `visitor` keeps the public `?lang` choice for error pages' links.
 */
export const load: LayoutServerLoad = ({ locals }) => {
	const { user } = locals;
	const visitor = locals.lang;
	return {
		lang: visitor.lang,
		user: user && { id: user.id, name: user.name, email: user.email, role: user.role },
		canManageUsers: hasRole(user, 'admin'),
		visitor: { lang: visitor.lang, langParam: visitor.explicit ? visitor.lang : null },
		licence: { name: dataLicence().name, url: dataLicence().url }
	};
};
