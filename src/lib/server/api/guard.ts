/** Who may call an API endpoint: 401 without a person (no token, no session), 403 below the role. Answers in JSON. */
import { json } from '@sveltejs/kit';
import { hasRole, type Role } from '../auth/roles';
import type { SessionUser } from '../auth/session';

export function apiUser(locals: App.Locals, min: Role): SessionUser | Response {
	const { user } = locals;
	if (!user) {
		return json(
			{ error: 'Sign in, or send an API token as "Authorization: Bearer <token>".' },
			{ status: 401, headers: { 'www-authenticate': 'Bearer' } }
		);
	}
	if (!hasRole(user, min)) return json({ error: `This needs the ${min} role; you are ${user.role}.` }, { status: 403 });
	return user;
}
