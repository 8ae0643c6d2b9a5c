/**
 * Ending Redis connections at shutdown without waiting on Redis for long: QUIT, and whatever
 * is still under way, get a short while to finish, then the connection is dropped. A
 * partitioned network keeps a connection open and answers nothing, and waiting on it would
 * hold the shutdown until the process's own deadline (server/commands/start.ts) cuts it off.
 */
import type { Redis } from 'ioredis';

/** How long a closing process waits on Redis at each step. */
export const CLOSE_WAIT_MS = 1000;

/** Resolves when the work settles (a failure counts as settled), or after `ms`, whichever is first. */
export function within(work: Promise<unknown>, ms = CLOSE_WAIT_MS): Promise<void> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
	const settled = work.then(
		() => {},
		() => {}
	);
	return Promise.race([settled, waited]).finally(() => clearTimeout(timer));
}

/** QUIT when Redis is there to answer it (a connection that is away would wait for it to come back), then drop the connection. */
export async function endConnection(r: Redis, ms = CLOSE_WAIT_MS): Promise<void> {
	if (r.status === 'ready') await within(r.quit(), ms);
	r.disconnect();
}
