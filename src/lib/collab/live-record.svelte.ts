/**
 * A record's live document in the page: its state as runes, the page's own changes
 * tagged with this object as origin, and undo/redo of exactly those changes.
 */
import * as Y from 'yjs';
import { fieldsMap, readRecordDoc, type RecordDocState } from '$lib/records/ydoc';

export class LiveRecord {
	readonly doc = new Y.Doc();
	readonly undoManager: Y.UndoManager;
	/** Everything the page shows, re-read after each change from anyone. */
	state: RecordDocState = $state.raw() as RecordDocState;
	/** Bumped on each change: lists and contacts re-read their shared types from it. */
	version = $state(0);
	canUndo = $state(false);
	canRedo = $state(false);

	constructor(initialState: Uint8Array) {
		Y.applyUpdate(this.doc, initialState);
		this.state = readRecordDoc(this.doc);
		this.doc.on('update', this.refresh);
		// 500 ms of typing is one undo step; only this page's own changes are undone.
		this.undoManager = new Y.UndoManager(fieldsMap(this.doc), { trackedOrigins: new Set([this]), captureTimeout: 500 });
		this.undoManager.on('stack-item-added', this.refreshStacks);
		this.undoManager.on('stack-item-popped', this.refreshStacks);
		this.undoManager.on('stack-cleared', this.refreshStacks);
	}

	/** Runs a change as this page's own (undoable) change. */
	change(fn: () => void): void {
		this.doc.transact(fn, this);
	}

	/** Removes one element of a list field (a list item, a contact) as this page's own change. */
	removeFrom(list: Y.Array<unknown> | null, item: unknown): void {
		this.change(() => {
			const i = list?.toArray().indexOf(item) ?? -1;
			if (i >= 0) list?.delete(i, 1);
		});
	}

	undo(): void {
		this.undoManager.undo();
	}

	redo(): void {
		this.undoManager.redo();
	}

	destroy(): void {
		this.doc.off('update', this.refresh);
		this.undoManager.off('stack-item-added', this.refreshStacks);
		this.undoManager.off('stack-item-popped', this.refreshStacks);
		this.undoManager.off('stack-cleared', this.refreshStacks);
		this.undoManager.destroy();
		this.doc.destroy();
	}

	private readonly refresh = () => {
		this.state = readRecordDoc(this.doc);
		this.version++;
	};

	private readonly refreshStacks = () => {
		this.canUndo = this.undoManager.canUndo();
		this.canRedo = this.undoManager.canRedo();
	};
}
