/**
 * "Your notifications changed" per person, for the bell's event stream. On globalThis for
 * the reason context.ts gives: the streams and the notifications' writers must share one
 * emitter even when `vite dev` reloads one of them.
 *
 * A signal made here also goes to `onLocalSignal` listeners (cluster/live-fanout.ts, which
 * passes it to the other processes); one from another process is delivered to this
 * process's watchers only, so it never travels back.
 */
import { EventEmitter } from 'node:events';

const KEY = Symbol.for('samla.notify.live');
/** The event every local signal is also emitted under, with the person's id (a user id is never a symbol); shared by every copy of this module. */
const LOCAL = Symbol.for('samla.notify.local');
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
	bus().emit(LOCAL, userId);
}

/** A signal from another process: to the person's open bells here. */
export function deliverRemoteNotifications(userId: string): void {
	bus().emit(userId);
}

/** Hears every signal made in this process, with whose notifications changed. */
export function onLocalSignal(listener: (userId: string) => void): () => void {
	bus().on(LOCAL, listener);
	return () => bus().off(LOCAL, listener);
}

/** Returns the function that stops watching. */
export function watchNotifications(userId: string, onChange: () => void): () => void {
	bus().on(userId, onChange);
	return () => bus().off(userId, onChange);
}
