/**
 * Sessions that ended in this process (signing out, a disabled account, a new password,
 * expiry) or whose rights changed (a new role), heard at once by the sync server, which
 * checks the sockets they signed in again and closes those that no longer match.
 * With several processes, the Redis bridge (cluster/session-fanout.ts) hands other
 * processes' ended sessions to these listeners too. Sessions ended by a `samla` command
 * are not heard; the sync server's periodic re-check of every socket's session finds those.
 *
 * The listeners live on globalThis, for the reason context.ts gives: under `vite dev` the
 * sync server keeps the copy of this module it started with while the pages reload theirs.
 */
export type EndedSessions = { sessionId: string } | { userId: string };
export type EndedSessionsListener = (ended: EndedSessions) => void;

const KEY = Symbol.for('samla.ended-sessions');
type WithListeners = typeof globalThis & { [KEY]?: Set<EndedSessionsListener> };

function listeners(): Set<EndedSessionsListener> {
	const g = globalThis as WithListeners;
	return (g[KEY] ??= new Set());
}

/**
 * Returns the function that removes the listener. Listeners are told once the change that
 * ended the sessions has committed (on PostgreSQL another connection sees it only then); a
 * listener should still check rather than assume.
 */
export function onSessionsEnded(listener: EndedSessionsListener): () => void {
	const all = listeners();
	all.add(listener);
	return () => void all.delete(listener);
}

/**
 * A person's role changed: their sessions go on, but their sync sockets are checked again
 * at once (the listeners hear it as the person's sessions ending), so a demoted editor
 * cannot keep writing until the next periodic re-check.
 */
export function accessChanged(userId: string): void {
	sessionsEnded({ userId });
}

/** A listener that throws must not fail the sign-out or the change that ended the sessions. */
export function sessionsEnded(ended: EndedSessions): void {
	for (const listener of [...listeners()]) {
		try {
			listener(ended);
		} catch (err) {
			console.error(`samla: a listener of ended sessions failed: ${(err as Error).message}`);
		}
	}
}
