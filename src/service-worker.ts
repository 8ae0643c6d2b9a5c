/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Lets a record page opened once be reopened with no network at all: the editor then reads
 * its offline copy from IndexedDB (offline-copy.svelte.ts) and sends it when the network is
 * back. Caches only two things: this version's immutable app files, and the last good
 * response of each workspace record page (HTML and its __data.json), network first. Nothing
 * else dynamic is ever stored (no API, no public pages, no /sync, no POST). The page cache
 * belongs to whoever is signed in: the page deletes it on sign-out (RECORD_PAGE_CACHE).
 */
import { build, files, version } from '$service-worker';
import { RECORD_PAGE_CACHE } from '$lib/collab/page-cache';

const sw = self as unknown as ServiceWorkerGlobalScope;
const APP_CACHE = `samla-app-${version}`;
const APP_FILES = new Set([...build, ...files]);
const RECORD_PAGE = /^\/workspace\/records\/[^/]+(\/__data\.json)?$/;

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(APP_CACHE);
			await cache.addAll([...APP_FILES]);
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			// Older versions' app files; the page cache stays (its pages name files by hash, kept only while current).
			for (const key of await caches.keys()) {
				if (key !== APP_CACHE && key !== RECORD_PAGE_CACHE) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (APP_FILES.has(url.pathname)) event.respondWith(appFile(request));
	else if (RECORD_PAGE.test(url.pathname)) event.respondWith(recordPage(request));
});

async function appFile(request: Request): Promise<Response> {
	return (await (await caches.open(APP_CACHE)).match(request)) ?? fetch(request);
}

/** Network first; the stored copy only when the network fails, never instead of an answer. */
async function recordPage(request: Request): Promise<Response> {
	const cache = await caches.open(RECORD_PAGE_CACHE);
	try {
		const response = await fetch(request);
		// Only a page this person may see: a redirect (signed out) or error is not kept.
		if (response.status === 200 && response.type === 'basic') await cache.put(request, response.clone());
		return response;
	} catch (error) {
		const stored = await cache.match(request);
		if (stored) return stored;
		throw error;
	}
}
