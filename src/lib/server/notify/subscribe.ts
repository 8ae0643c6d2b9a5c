/** Turns workspace events into notifications for the people they concern. */
import type { NotificationKind } from '../../records/notification-kinds';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { records } from '../db/schema';
import { onEvent, type RecordDecision } from '../events';
import { notify, threadParticipants } from './notifications';

export function subscribeNotifications(db: Db): () => void {
	// The record's editors and whoever it is assigned to; each is told once.
	const decision = (kind: NotificationKind) => (e: RecordDecision) => {
		const assignee = db.select({ id: records.assigneeId }).from(records).where(eq(records.id, e.recordId)).get()?.id;
		const told = new Set([...e.editorIds, ...(assignee ? [assignee] : [])]);
		for (const userId of told) notify(db, { userId, kind, recordId: e.recordId, actorId: e.byUserId });
	};
	const stops = [
		onEvent('record.approved', decision('approved')),
		onEvent('record.rejected', decision('rejected')),
		onEvent('record.changes_requested', decision('changes_requested')),
		onEvent('record.assigned', (e) => {
			if (e.assignee) notify(db, { userId: e.assignee.id, kind: 'assigned', recordId: e.recordId, actorId: e.actor.id });
		}),
		onEvent('comment.created', (e) => {
			const told = new Set<string>();
			for (const userId of e.mentionedIds) {
				told.add(userId);
				notify(db, { userId, kind: 'mentioned', recordId: e.recordId, commentId: e.commentId, actorId: e.authorId });
			}
			if (!e.parentId) return;
			// Someone called in by name is told once, as mentioned, not again as a thread participant.
			for (const userId of threadParticipants(db, e.parentId)) {
				if (!told.has(userId)) notify(db, { userId, kind: 'reply', recordId: e.recordId, commentId: e.commentId, actorId: e.authorId });
			}
		})
	];
	return () => stops.forEach((stop) => stop());
}
