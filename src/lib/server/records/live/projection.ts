/**
 * The records row mirrors the live document (title, draft, review state) for lists and
 * search, a few seconds behind it (the store calls this at most once per projectEveryMs).
 * The status column is written only when the document's review state moved since it was
 * last mirrored, so an approval written straight to the table is not overwritten by a
 * stale document.
 */
import { isDeepStrictEqual } from 'node:util';
import type * as Y from 'yjs';
import type { ReviewState } from '../../../records/review';
import { docToRecord, readReview } from '../../../records/ydoc';
import type { DocExtension, LoadContext } from '../../docs/extension';
import type { RecordRows, RecordSeed } from './rows';

export function projectionExtension(rows: RecordRows, rowAtLoad: (ctx: LoadContext) => Promise<RecordSeed>, now: () => Date): DocExtension {
	/** The review state the records row was last given from each live document. */
	const projected = new WeakMap<Y.Doc, ReviewState>();
	return {
		name: 'records row',
		// After the seed: compares the row with the document as it will be served.
		async onLoadDocument(ctx) {
			const row = await rowAtLoad(ctx);
			projected.set(ctx.doc, ctx.empty ? row.status : readReview(ctx.doc));
			// A projection still waiting when the process last stopped (or was killed) is made now.
			if (!isDeepStrictEqual(docToRecord(ctx.doc), row.draft)) ctx.projectSoon();
		},
		async project({ name, doc }) {
			const record = docToRecord(doc);
			const review = readReview(doc);
			const status = review !== projected.get(doc) ? review : undefined;
			await rows.project(name, { title: record.title, draft: record, status, updatedAt: now() });
			if (status) projected.set(doc, status);
		}
	};
}
