/**
 * After a person's change: "last changed by" on each field it touched, and the review
 * state an edit leads to (an edit of an approved record opens a new draft). Written by the
 * server alone, in the same stored update as the change.
 */
import { stateAfterEdit } from '../../../records/review';
import { changedByOf, readReview, setChangedBy, setReviewState } from '../../../records/ydoc';
import type { DocExtension } from '../../docs/extension';
import { STORE_ORIGIN } from '../../docs/origins';
import { touchedBy } from './touched';

export function changedByExtension(now: () => Date): DocExtension {
	return {
		name: 'changed by',
		afterChange(ctx) {
			const fields = touchedBy(ctx);
			const actor = ctx.origin.actor;
			if (!fields.length || !actor) return;
			const { doc } = ctx;
			const stale = fields.filter((k) => {
				const last = changedByOf(doc, k);
				return last?.id !== actor.id || last.name !== actor.name;
			});
			const review = readReview(doc);
			const next = stateAfterEdit(review);
			if (!stale.length && next === review) return;
			const at = now().toISOString();
			doc.transact(() => {
				for (const k of stale) setChangedBy(doc, k, { id: actor.id, name: actor.name, at });
				if (next !== review) setReviewState(doc, next);
			}, STORE_ORIGIN);
		}
	};
}
