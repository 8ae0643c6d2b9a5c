/** Sync connections sign in with the same session cookie as the pages. */
import { hasRole } from '../../src/lib/server/auth/roles';
import { SESSION_COOKIE, validateSessionToken, validateSessionTokens, type ValidSession } from '../../src/lib/server/auth/session';
import type { Sql } from '../../src/lib/server/db/sql';
import type { Authenticate, Principal } from './principal';
import { cookieValue } from './upgrade';

const principalOf = (auth: ValidSession): Principal => ({
	userId: auth.user.id,
	name: auth.user.name,
	canWrite: hasRole(auth.user, 'editor'),
	canApprove: hasRole(auth.user, 'approver'),
	sessionId: auth.session.id
});

export function sessionAuthenticator(sql: Sql): Authenticate {
	return async (cookieHeaders) => {
		const tokens = cookieHeaders.map((header) => cookieValue(header, SESSION_COOKIE));
		// An upgrade asks for one: the prepared lookup. A re-check asks for every open socket's: one query for all.
		if (tokens.length === 1) {
			const auth = tokens[0] ? await validateSessionToken(sql, tokens[0]) : null;
			return [auth && principalOf(auth)];
		}
		const valid = await validateSessionTokens(
			sql,
			tokens.filter((t): t is string => !!t)
		);
		return tokens.map((t) => {
			const auth = t ? valid.get(t) : undefined;
			return auth ? principalOf(auth) : null;
		});
	};
}
