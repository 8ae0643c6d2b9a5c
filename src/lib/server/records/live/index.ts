/**
 * The rules of a record's live document, as extensions of the generic document store
 * (docs/extension.ts), in the order they run: the schema gate in front of a client's
 * update; the seed (or repair) on load; "changed by" and the review state after a
 * person's change; the records-row projection; optionally, clearing source provenance a
 * person's typing made stale.
 */
import type * as Y from 'yjs';
import type { FieldKey } from '../../../records/fields';
import type { RecordDocState } from '../../../records/ydoc';
import type { DocExtension, LoadContext } from '../../docs/extension';
import type { DocStore } from '../../docs/store';
import { changedByExtension } from './changed-by';
import { projectionExtension } from './projection';
import { provenanceExtension } from './provenance';
import type { RecordRows, RecordSeed } from './rows';
import { schemaGate } from './schema-gate';
import { seedExtension } from './seed';

/** The app's store: record documents, read by snapshot() as readRecordDoc reads them. */
export type RecordStore = DocStore<RecordDocState>;

export interface RecordExtensionOptions {
	rows: RecordRows;
	now: () => Date;
	log: (line: string) => void;
	/** Clears the provenance of fields a person typed in (the app's store does; a store under test may not). */
	clearProvenance?: (recordId: string, fields: FieldKey[]) => void | Promise<void>;
}

export function recordExtensions({ rows, now, log, clearProvenance }: RecordExtensionOptions): DocExtension[] {
	// The seed and the projection both read the row a document is loaded from: once per load.
	const atLoad = new WeakMap<Y.Doc, Promise<RecordSeed>>();
	const rowAtLoad = (ctx: LoadContext) => {
		let row = atLoad.get(ctx.doc);
		if (!row) {
			row = rows.seed(ctx.name).then((r) => r ?? Promise.reject(new Error(`record ${ctx.name} has no row`)));
			atLoad.set(ctx.doc, row);
		}
		return row;
	};
	return [
		schemaGate,
		seedExtension(rowAtLoad, log),
		changedByExtension(now),
		projectionExtension(rows, rowAtLoad, now),
		...(clearProvenance ? [provenanceExtension(clearProvenance, log)] : [])
	];
}
