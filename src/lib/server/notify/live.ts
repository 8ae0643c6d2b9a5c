/**
 * "Your notifications changed" per person, for the bell's event stream. On globalThis for
 * the same reason as events.ts: the server entry writes notifications, the SvelteKit
 * bundle holds the open streams. In-process only, like the document announcer's default.
 */
import { EventEmitter } from 'node:events';

const KEY = Symbol.for('samla.notify.live');
type WithBus = typeof globalThis & { [KEY]?: EventEmitter };

function bus(): EventEmitter {
	const g = globalThis as WithBus;
	if (!g[KEY]) {
		g[KEY] = new EventEmitter();
		// One listener per open tab of every signed-in person.
		g[KEY].setMaxListeners(0);
	}
	return g[KEY];
}

export function signalNotifications(userId: string): void {
	bus().emit(userId);
}

/** Returns the function that stops watching. */
export function watchNotifications(userId: string, onChange: () => void): () => void {
	bus().on(userId, onChange);
	return () => bus().off(userId, onChange);
}
