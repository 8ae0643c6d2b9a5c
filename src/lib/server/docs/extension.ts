/**
 * What a kind of document adds to the generic store, in the manner of Hocuspocus's
 * extensions (onLoadDocument, beforeHandleMessage, onChange, onStoreDocument): the store
 * owns the Y.Docs, the log and the append-before-announce queue; an extension owns the
 * rules of its documents (for records: records/live/). Hooks run in the order the
 * extensions are given.
 *
 * A hook changes a document only with the store's own origin (STORE_ORIGIN), inside the
 * hook (an afterChange hook's changes join the change's own transaction); such changes
 * are stored and announced like any other update, through the persistence interface.
 */
import type * as Y from 'yjs';
import type { DecodedUpdate } from './check-update';
import type { UpdateOrigin } from './origins';

export interface DocContext {
	/** The document's name: the record id. */
	readonly name: string;
	readonly doc: Y.Doc;
}

export interface LoadContext extends DocContext {
	/** The stored log had no rows: this load gives the document its first state. */
	readonly empty: boolean;
	/** Folds the log into one row now (after a repair that should not stay in the log). */
	compactSoon(): void;
	/** The document differs from what `project` last mirrored: mirror it soon. */
	projectSoon(): void;
}

export interface ApplyContext extends DocContext {
	readonly update: Uint8Array;
	/** The update as the store's own gate (check-update.ts) decoded it. */
	readonly decoded: DecodedUpdate;
	readonly origin: UpdateOrigin;
}

export interface ChangeContext extends DocContext {
	/** A change attributed to a person (origin.actor is set). */
	readonly origin: UpdateOrigin;
	/** The change's transaction (one), still open: its `changed` holds what the change changed; what a hook writes joins it. */
	readonly transactions: readonly Y.Transaction[];
}

export interface DocExtension {
	/** For logs. */
	readonly name: string;
	/**
	 * After the stored log is applied, before anyone gets the document (Hocuspocus's
	 * onLoadDocument): gives a new document its first state, repairs an old one. A hook that
	 * throws fails the load.
	 */
	onLoadDocument?(ctx: LoadContext): Promise<void> | void;
	/** A client's update, before any of it is applied: throws to refuse it (Hocuspocus's beforeHandleMessage). */
	beforeApply?(ctx: ApplyContext): void;
	/**
	 * After a person's change is made, inside its transaction, before it is stored: what the
	 * hook changes now is stored and sent with the change as one update (the change's own
	 * author gets it back too).
	 */
	afterChange?(ctx: ChangeContext): void;
	/**
	 * Mirrors the document elsewhere (Hocuspocus's onStoreDocument, debounced): called at
	 * most once per projectEveryMs after a change, and on unload. The log is the truth; a
	 * hook that rejects is called again after the next change.
	 */
	project?(ctx: DocContext): Promise<void>;
}
