/** Turns workspace events into notifications for the people they concern. */
import type { NotificationKind } from '../../records/notification-kinds';
import { eq } from 'drizzle-orm';
import type { Sql } from '../db/sql';
import { onEvent, type RecordDecision } from '../events';
import { notify, threadParticipants } from './notifications';

export function subscribeNotifications(sql: Sql): () => void {
	const { records } = sql.t;
	// The record's editors and whoever it is assigned to; each is told once.
	const decision = (kind: NotificationKind) => async (e: RecordDecision) => {
		const [record] = await sql.db.select({ assigneeId: records.assigneeId }).from(records).where(eq(records.id, e.recordId));
		const told = new Set([...e.editorIds, ...(record?.assigneeId ? [record.assigneeId] : [])]);
		for (const userId of told) await notify(sql, { userId, kind, recordId: e.recordId, actorId: e.byUserId });
	};
	const stops = [
		onEvent('record.approved', decision('approved')),
		onEvent('record.rejected', decision('rejected')),
		onEvent('record.changes_requested', decision('changes_requested')),
		onEvent('record.assigned', async (e) => {
			if (e.assignee) await notify(sql, { userId: e.assignee.id, kind: 'assigned', recordId: e.recordId, actorId: e.actor.id });
		}),
		onEvent('comment.created', async (e) => {
			const told = new Set<string>();
			for (const userId of e.mentionedIds) {
				told.add(userId);
				await notify(sql, { userId, kind: 'mentioned', recordId: e.recordId, commentId: e.commentId, actorId: e.authorId });
			}
			if (!e.parentId) return;
			// Someone called in by name is told once, as mentioned, not again as a thread participant.
			for (const userId of await threadParticipants(sql, e.parentId)) {
				if (!told.has(userId))
					await notify(sql, { userId, kind: 'reply', recordId: e.recordId, commentId: e.commentId, actorId: e.authorId });
			}
		})
	];
	return () => stops.forEach((stop) => stop());
}
