/** Sync connections sign in with the same session cookie as the pages. */
import { hasRole } from '../../src/lib/server/auth/roles';
import { SESSION_COOKIE, validateSessionToken } from '../../src/lib/server/auth/session';
import type { Sql } from '../../src/lib/server/db/sql';
import type { Authenticate } from './principal';
import { cookieValue } from './upgrade';

export function sessionAuthenticator(sql: Sql): Authenticate {
	return async (cookieHeader) => {
		const token = cookieValue(cookieHeader, SESSION_COOKIE);
		const auth = token ? await validateSessionToken(sql, token) : null;
		if (!auth) return null;
		return {
			userId: auth.user.id,
			name: auth.user.name,
			canWrite: hasRole(auth.user, 'editor'),
			canApprove: hasRole(auth.user, 'approver'),
			sessionId: auth.session.id
		};
	};
}
