/** The record editor's presence, for the text controls deep in its field editors (null until the socket exists, and for no one else). */
import { getContext, setContext } from 'svelte';
import type { Presence } from './presence.svelte';

const KEY = Symbol('presence');

export function setPresenceContext(get: () => Presence | null): void {
	setContext(KEY, get);
}

export function getPresenceContext(): () => Presence | null {
	return getContext<(() => Presence | null) | undefined>(KEY) ?? (() => null);
}
