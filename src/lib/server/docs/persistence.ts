/**
 * Where live documents are kept between processes: an append-only log of Yjs updates per
 * document. The document store is the only caller; SQLite (sqlite-persistence.ts) and
 * PostgreSQL (pg-persistence.ts) implement it, which is why the calls may return promises.
 * What a document means (a record's row, its first state) is not here but in the store's
 * extensions (extension.ts).
 */

export interface StoredDoc {
	/** The document's update log, oldest first; empty for a document that has no state yet. */
	updates: Uint8Array[];
	/** Id of the newest row, the point up to which compaction may fold; 0 when there is none. */
	lastId: number;
	/** The ids of those rows, for a log other processes append to as well (SharedLog). */
	ids?: number[];
}

/**
 * A log several processes append to (PostgreSQL): a process hears of the others' updates
 * over Redis, which may drop messages, so the store compares the rows stored now with the
 * ones its live copy holds and reads what it missed.
 */
export interface SharedLog {
	/** The ids of the rows stored now, for each of these documents that has any, oldest first. */
	storedIds(names: string[]): Promise<Map<string, number[]>>;
	/** The updates of those of these rows that are still stored, oldest first. */
	read(name: string, ids: number[]): Promise<Uint8Array[]>;
}

export interface DocPersistence {
	/** null when there is no such document (for records: no records row). */
	load(name: string): Promise<StoredDoc | null>;
	/**
	 * Stores one update durably and gives its row id: at once when the store can (SQLite,
	 * in process), so the update is sent on in the same turn; or as a promise (a database
	 * across the network), and the store announces it when that resolves.
	 */
	append(name: string, update: Uint8Array): number | Promise<number>;
	/**
	 * Replaces the rows up to throughId by one row holding state; resolves to the new row's id.
	 * A shared log folds its stored rows instead (the live copy may lack some of them).
	 */
	compact(name: string, state: Uint8Array, throughId: number): Promise<number>;
	/** Whether the document still exists (after a failed append: gone, or the store failed?). */
	exists(name: string): Promise<boolean>;
	/**
	 * For a log other processes append to: stores `first` as the document's first row only if
	 * its log is still empty (another process may be giving it its first state now), and
	 * gives the log as it is then; null when there is no such document.
	 */
	seed?(name: string, first: Uint8Array): Promise<StoredDoc | null>;
	/** Present when other processes append to the same log. */
	readonly shared?: SharedLog;
	/**
	 * For a log that can lose appends it had committed (PostgreSQL without the disk wait, in a
	 * crash): those of these documents whose log was read before the database last started.
	 */
	readBeforeRestart?(names: string[]): Promise<string[]>;
	/**
	 * If the document's log was read before the database last started: stores a live copy's
	 * whole state as one row that waits for the disk, counts the log as read now, and gives
	 * the row's id; null when nothing can have been lost (the state is not stored). What a
	 * crash took from the log, the live copy still holds, with the server's own writes
	 * clients may not send back.
	 */
	restore?(name: string, state: Uint8Array): Promise<number | null>;
	/**
	 * The document was unloaded with everything its live copy held stored: what this process
	 * kept about its log (when it was read, for restore) may go, or a long-running process
	 * would keep an entry for every record it ever loaded.
	 */
	forget?(name: string): void;
}
