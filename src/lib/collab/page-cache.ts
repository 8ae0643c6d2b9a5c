/**
 * The service worker's cache of workspace record pages (src/service-worker.ts). They show
 * the signed-in person's view, so the page deletes the cache when that person signs out or
 * when a page loads with nobody signed in (a session that expired before someone else signs in).
 */
export const RECORD_PAGE_CACHE = 'samla-record-pages';

export async function forgetCachedPages(): Promise<void> {
	if (typeof caches === 'undefined') return;
	await caches.delete(RECORD_PAGE_CACHE).catch(() => false);
}
