/** Turns workspace events into notifications for the people they concern. */
import type { NotificationKind } from '../../records/notification-kinds';
import type { Db } from '../db/client';
import { on, type RecordDecision } from '../events';
import { notify, threadParticipants } from './notifications';

export function subscribeNotifications(db: Db): () => void {
	const decision = (kind: NotificationKind) => (e: RecordDecision) => {
		for (const userId of e.editorIds) notify(db, { userId, kind, recordId: e.recordId, actorId: e.byUserId });
	};
	const stops = [
		on('record.approved', decision('approved')),
		on('record.rejected', decision('rejected')),
		on('record.changes_requested', decision('changes_requested')),
		on('record.assigned', (e) => {
			notify(db, { userId: e.assigneeId, kind: 'assigned', recordId: e.recordId, actorId: e.byUserId });
		}),
		on('comment.created', (e) => {
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
