/**
 * Where this server listens, once it does: webhooks must not point back at it. On
 * globalThis because the server entry learns the port and the SvelteKit bundle checks URLs.
 */
const KEY = Symbol.for('samla.self-address');
type WithSelf = typeof globalThis & { [KEY]?: { port: number } };

export function setOwnPort(port: number): void {
	(globalThis as WithSelf)[KEY] = { port };
}

export function ownPort(fallback: number): number {
	return (globalThis as WithSelf)[KEY]?.port ?? fallback;
}
