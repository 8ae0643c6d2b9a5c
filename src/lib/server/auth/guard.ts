/**
 * Role checks for loads, actions and endpoints. Every one of them calls requireUser
 * itself: a check in a layout does not run for form actions or endpoints, and a
 * layout's load may not re-run on client-side navigation.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { signInPath } from './redirect-target';
import { hasRole, type Role } from './roles';
import type { SessionUser } from './session';

export type GuardEvent = Pick<RequestEvent, 'locals' | 'url' | 'request'>;

/** The signed-in user if they have at least `min`; otherwise off to sign in (303), or 403 when signed in with too low a role. */
export function requireUser(event: GuardEvent, min: Role): SessionUser {
	const { user } = event.locals;
	if (!user) redirect(303, signInPath(event.url, event.request.method));
	if (!hasRole(user, min)) error(403, `This needs the ${min} role; you are signed in as ${user.role}.`);
	return user;
}
