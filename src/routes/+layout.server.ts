import { hasRole } from '$lib/server/auth/roles';
import { dataLicence } from '$lib/server/context';
import type { LayoutServerLoad } from './$types';

/** The header shows who is signed in; browser code cannot import the role rules, so the admin flag comes from here. */
export const load: LayoutServerLoad = ({ locals }) => {
	const { user } = locals;
	return {
		user: user && { name: user.name, email: user.email, role: user.role },
		canManageUsers: hasRole(user, 'admin'),
		licence: { name: dataLicence().name, url: dataLicence().url }
	};
};
