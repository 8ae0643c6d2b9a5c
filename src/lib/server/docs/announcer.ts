/**
 * Tells the other processes serving the same records about an update they did not see.
 * In one process there is no one to tell; the in-process bus lets two stores in one
 * process (tests) stand in for two servers, and Redis (cluster/fanout-announcer.ts)
 * implements the same calls for a multi-process deployment.
 */
export interface Announcement {
	recordId: string;
	update: Uint8Array;
	/** The store that published it; a store skips its own. */
	source: string;
	/** An awareness update (presence) of the source's connections, not a document update. */
	awareness?: boolean;
	/** No update: the source started following the record and has none of this store's presence. */
	joined?: boolean;
	/** No update: the source left updates unannounced (nobody else followed, or Redis was away) that this store may lack; read the log again. */
	welcome?: boolean;
	/** The update's row in the log, when the store knows it. */
	id?: number;
}

export interface Announcer {
	publish(a: Announcement): void;
	subscribe(listener: (a: Announcement) => void): () => void;
	/**
	 * For an announcer that delivers only the records asked for (Redis channels): the store
	 * follows a document before it reads its log, and unfollows it when it unloads it.
	 */
	follow?(recordId: string): Promise<void>;
	unfollow?(recordId: string): void;
	/** The store serves the record (loaded, with a first session): the others share their presence, and answer for updates they left unannounced. */
	serving?(recordId: string): void;
	/**
	 * Announcements may have been lost (a reconnect, a peer gone): the listener re-reads what
	 * is stored. `gone`: the source whose heartbeat stopped, whose presence is over.
	 */
	onCatchUp?(listener: (gone?: string) => void): () => void;
}

export class InProcessAnnouncer implements Announcer {
	private readonly listeners = new Set<(a: Announcement) => void>();

	publish(a: Announcement): void {
		for (const l of this.listeners) l(a);
	}

	subscribe(listener: (a: Announcement) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}
}
