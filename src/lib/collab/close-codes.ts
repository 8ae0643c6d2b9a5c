/**
 * Why the sync server closed a connection. The stock y-websocket client stops
 * reconnecting on 4400–4499 ("reconnecting cannot fix this") and retries on anything
 * else, so each code sits in the range that gives the right client behaviour.
 * Refusals before the socket is accepted are HTTP statuses instead (see server/sync/upgrade.ts).
 */
export const CloseCode = {
	/** The server is shutting down; reconnect to the next one. */
	goingAway: 1001,
	/** A frame over the 1 MB limit (sent by the ws library itself). */
	messageTooBig: 1009,
	/** Bytes that are not a y-websocket message or not a Yjs update. */
	malformed: 4400,
	/** The session expired, was signed out, or the account was disabled. */
	sessionEnded: 4401,
	/** A document update on a read-only (viewer) connection. */
	readOnly: 4403,
	/** The record was deleted. */
	recordGone: 4404,
	/** A change that would grow a field past its bound (fields.ts), or a presence state over its size or depth. */
	tooLarge: 4413,
	/** A change outside the record's layout (a root or key the registry does not name, a wrong shape) or to what only the server writes (review state, approval, changed-by). */
	refused: 4422,
	/** A change this person's role may not make (a contact made public by anyone but an approver). */
	notPermitted: 4423,
	/** The user's role changed; reconnect to get a connection that matches it. */
	permissionsChanged: 4409,
	/** An update could not be stored; reconnecting syncs against what was stored and re-sends the rest. */
	storeFailed: 4500,
	/** Too many messages or bytes per second (bytes counted per person, over all their sockets). */
	rateLimited: 4529,
	/** Something failed on the server while handling this socket's message; the other sockets are untouched. */
	internalError: 1011
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

export type CloseReason = keyof typeof CloseCode;

const REASONS = new Map<number, CloseReason>(Object.entries(CloseCode).map(([reason, code]) => [code, reason as CloseReason]));

/** The reason a code names, for the page to put in words (workspace messages, `closeReasons`); null for a code Samla never sends. */
export function closeReason(code: number): CloseReason | null {
	return REASONS.get(code) ?? null;
}

/**
 * Codes after which the changes kept on this device must go: the record no longer exists,
 * or the server refused what this page holds, so sending it again would only be refused
 * again on every visit. A session that ended or changed permissions keeps them: signing
 * in again sends them.
 */
const DROPS_OFFLINE_COPY = new Set<number>([
	CloseCode.malformed,
	CloseCode.readOnly,
	CloseCode.recordGone,
	CloseCode.tooLarge,
	CloseCode.refused,
	CloseCode.notPermitted
]);

export function dropsOfflineCopy(code: number): boolean {
	return DROPS_OFFLINE_COPY.has(code);
}
