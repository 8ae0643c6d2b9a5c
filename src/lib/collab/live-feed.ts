/**
 * The browser side of the workspace's live feed (server: $lib/server/live-feed.ts). Calls
 * `changed` with the record ids that changed, gathered over a short moment so a burst of
 * events (a bulk assignment of 50 records) is one reload; after a reconnect it calls it
 * with null, as anything may have changed while the stream was down.
 */
import { navigating } from '$app/state';

export interface FeedMessage {
	type: string;
	recordId: string;
}

const GATHER_MS = 250;

export function followLiveFeed(
	changed: (ids: Set<string> | null, types: Set<string>) => void,
	/** Told when the stream opens and when it is lost (the page may say whether it is live). */
	connected: (open: boolean) => void = () => {}
): () => void {
	const source = new EventSource('/workspace/live');
	let ids = new Set<string>();
	let types = new Set<string>();
	let timer: ReturnType<typeof setTimeout> | null = null;
	let lost = false;
	let everything = false;
	const flush = () => {
		// A reload started while the person's own navigation is under way (a filter, a link)
		// would cancel it in SvelteKit (the later one wins): wait until it has arrived.
		if (navigating.to) {
			timer = setTimeout(flush, GATHER_MS);
			return;
		}
		timer = null;
		const [i, t, all] = [ids, types, everything];
		ids = new Set();
		types = new Set();
		everything = false;
		changed(all ? null : i, t);
	};
	const later = () => {
		timer ??= setTimeout(flush, GATHER_MS);
	};
	source.onmessage = (e) => {
		const m = JSON.parse(e.data) as FeedMessage;
		ids.add(m.recordId);
		types.add(m.type);
		later();
	};
	source.onerror = () => {
		lost = true;
		connected(false);
	};
	source.onopen = () => {
		connected(true);
		if (!lost) return;
		lost = false;
		everything = true;
		later();
	};
	return () => {
		if (timer) clearTimeout(timer);
		source.close();
	};
}
