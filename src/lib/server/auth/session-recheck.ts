/**
 * "Sessions may have ended without this process hearing of it": the signal the Redis
 * bridge of ended sessions (cluster/session-fanout.ts) gives when its subscriber was away,
 * since pub/sub drops what is published meanwhile. The sync server answers by checking the
 * session of every open socket now instead of at its next periodic re-check.
 *
 * Beside session-events.ts and on globalThis for the same reason (context.ts).
 */
export type RecheckAllListener = () => void;

const KEY = Symbol.for('samla.recheck-all-sessions');
type WithListeners = typeof globalThis & { [KEY]?: Set<RecheckAllListener> };

function listeners(): Set<RecheckAllListener> {
	const g = globalThis as WithListeners;
	return (g[KEY] ??= new Set());
}

/** Returns the function that removes the listener. */
export function onRecheckAllSessions(listener: RecheckAllListener): () => void {
	const all = listeners();
	all.add(listener);
	return () => void all.delete(listener);
}

/** A listener that throws must not keep the others from hearing it. */
export function recheckAllSessions(): void {
	for (const listener of [...listeners()]) {
		try {
			listener();
		} catch (err) {
			console.error(`samla: a listener of the session re-check failed: ${(err as Error).message}`);
		}
	}
}
