/**
 * The record's live document kept on this device (IndexedDB, through y-indexeddb), so
 * edits made while the server cannot be reached survive closing the tab and are sent on
 * the next connection like any other edit. One database per person and record: another
 * person signing in on the same browser never opens it, and signing out deletes it.
 *
 * Beside the document it keeps which fields this device changed that the server has not
 * yet confirmed storing; the editor shows that count, so "synced" is never a guess.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { touchedFields } from '$lib/records/ydoc';
import { isFieldKey, type FieldKey } from '$lib/records/fields';
import { forgetCachedPages } from './page-cache';

const PREFIX = 'samla-offline';
const PENDING_KEY = 'pending';

export function offlineCopyName(userId: string, recordId: string): string {
	return `${PREFIX}:${userId}:${recordId}`;
}

/** Deletes every record this person kept on this device, and the record pages the service worker kept (on sign-out). */
export async function forgetOfflineCopies(userId: string): Promise<void> {
	await forgetCachedPages();
	if (typeof indexedDB === 'undefined' || !indexedDB.databases) return;
	const mine = (await indexedDB.databases()).filter((d) => d.name?.startsWith(`${PREFIX}:${userId}:`));
	await Promise.all(mine.map((d) => deleteDatabase(d.name!)));
}

function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve) => {
		const req = indexedDB.deleteDatabase(name);
		// A blocked delete (another tab has it open) completes when that tab lets go; nothing to wait for here.
		req.onsuccess = req.onerror = req.onblocked = () => resolve();
	});
}

function readPending(v: unknown): FieldKey[] {
	try {
		const list: unknown = typeof v === 'string' ? JSON.parse(v) : [];
		return Array.isArray(list) ? list.filter((k): k is FieldKey => typeof k === 'string' && isFieldKey(k)) : [];
	} catch {
		return [];
	}
}

export class OfflineCopy {
	/** Fields changed on this device that the server has not confirmed storing. */
	pending: FieldKey[] = $state.raw([]);
	/** True once the stored copy has been read into the document. */
	loaded = $state(false);
	/** Changes made here whose write to IndexedDB has not finished: "saved on this device" waits for them. */
	writing = $state(0);
	/** Bumped on every change made on this page; a confirmation counts only if nothing changed since it was asked. */
	generation = 0;
	private readonly persistence: IndexeddbPersistence;

	constructor(
		private readonly doc: Y.Doc,
		userId: string,
		recordId: string,
		/** Called after each change made here and once the stored copy is read, to ask the server to confirm. */
		private readonly onChange: (generation: number) => void
	) {
		this.persistence = new IndexeddbPersistence(offlineCopyName(userId, recordId), doc);
		doc.on('afterTransaction', this.onTransaction);
		void this.persistence.whenSynced.then(async () => {
			const stored = readPending(await this.persistence.get(PENDING_KEY).catch(() => undefined));
			if (stored.length) this.pending = [...new Set([...this.pending, ...stored])];
			this.loaded = true;
			if (this.pending.length) this.onChange(this.generation);
		});
	}

	/** The server stored everything up to the change numbered `generation`. */
	confirm(generation: number): void {
		if (generation !== this.generation || !this.pending.length) return;
		this.pending = [];
		this.savePending();
	}

	/** Deletes the copy on this device: the server said the record is gone or refused what it holds. */
	async discard(): Promise<void> {
		this.doc.off('afterTransaction', this.onTransaction);
		this.pending = [];
		await this.persistence.clearData();
	}

	private savePending(): void {
		void this.persistence.set(PENDING_KEY, JSON.stringify(this.pending)).catch(() => {});
	}

	/**
	 * Resolves when every write y-indexeddb has started so far is done: a read/write transaction
	 * over the same stores begins only after the ones made before it have finished.
	 */
	private async awaitWrites(): Promise<void> {
		this.writing++;
		try {
			const db = await this.persistence._db;
			await new Promise<void>((resolve) => {
				const tx = db.transaction(['updates', 'custom'], 'readwrite');
				tx.oncomplete = tx.onerror = tx.onabort = () => resolve();
			});
		} catch {
			// The copy was closed or deleted meanwhile; nothing is left to wait for.
		} finally {
			this.writing--;
		}
	}

	destroy(): void {
		this.doc.off('afterTransaction', this.onTransaction);
		void this.persistence.destroy();
	}

	/** Changes typed on this page (and its undo) are local; updates from the server or from IndexedDB are not. */
	private readonly onTransaction = (tr: Y.Transaction) => {
		if (!tr.local || tr.origin === this.persistence) return;
		const touched = touchedFields(this.doc, tr);
		if (!touched.size) return;
		this.generation++;
		this.onChange(this.generation);
		// y-indexeddb writes on the document's 'update' event, which Yjs emits after this one.
		queueMicrotask(() => void this.awaitWrites());
		const next = new Set([...this.pending, ...touched]);
		if (next.size === this.pending.length) return;
		this.pending = [...next];
		this.savePending();
	};
}
