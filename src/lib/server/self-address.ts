/**
 * Where this server listens, once it does: webhooks must not point back at it. On
 * globalThis for the reason context.ts gives (a module `vite dev` reloads runs again).
 */
const KEY = Symbol.for('samla.self-address');
type WithSelf = typeof globalThis & { [KEY]?: { port: number } };

export function setOwnPort(port: number): void {
	(globalThis as WithSelf)[KEY] = { port };
}

export function ownPort(fallback: number): number {
	return (globalThis as WithSelf)[KEY]?.port ?? fallback;
}
