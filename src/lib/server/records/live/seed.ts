/**
 * A record document's first state, from its records row, the first time it is loaded
 * (ingest and "new record" write rows, never Yjs updates): made with the store's origin,
 * so it is stored through the persistence interface like any update. A document with a
 * log is repaired instead: what lies outside the record's schema (written before the sync
 * server enforced it) is dropped and compacted away, and fields added to the registry
 * since get their shared types.
 */
import { dropForeign, ensureLayout, initRecordDoc } from '../../../records/ydoc';
import type { DocExtension, LoadContext } from '../../docs/extension';
import { STORE_ORIGIN } from '../../docs/origins';
import type { RecordSeed } from './rows';

export function seedExtension(rowAtLoad: (ctx: LoadContext) => Promise<RecordSeed>, log: (line: string) => void): DocExtension {
	return {
		name: 'record seed',
		async onLoadDocument(ctx) {
			if (ctx.empty) {
				const row = await rowAtLoad(ctx);
				initRecordDoc(ctx.doc, row.draft, row.status, STORE_ORIGIN);
				return;
			}
			if (dropForeign(ctx.doc, STORE_ORIGIN)) {
				log(`samla: record ${ctx.name} held content outside its schema; dropped it`);
				ctx.compactSoon();
			}
			ensureLayout(ctx.doc, STORE_ORIGIN);
		}
	};
}
