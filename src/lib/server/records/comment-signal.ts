/**
 * Comments live in SQLite, but everyone on the record should see a new one at once.
 * Bumping a counter in the record's live document reaches every open editor over the
 * sync connection they already have; their page then reloads the comments.
 */
import { bumpCommentsRevision } from '../../records/ydoc';
import { UpdateOrigin } from '../docs/origins';
import type { DocStore } from '../docs/store';

/** Not attributed to a person: a comment is no edit of the record, so it must not reopen an approved one. */
const COMMENTS_ORIGIN = new UpdateOrigin(null, 'comments');

export async function announceComments(docs: DocStore, recordId: string): Promise<void> {
	await docs.edit(recordId, COMMENTS_ORIGIN, bumpCommentsRevision);
}
