/** Review comments: threads on a record or on one field, each resolvable. */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { isFieldKey, type FieldKey } from '../../records/fields';
import type { Sql } from '../db/sql';
import { emitEvent } from '../events';
import { resolveMentions } from '../../records/mentions';
import type { RefusalSay } from '../../i18n/refusal-messages';
import { refuse, type Refusal } from '../refusal';

export const MAX_COMMENT_BYTES = 10 * 1024;

/** Thrown from inside the comment's transaction (which it rolls back); carries the service refusal. */
export class CommentError extends Error {
	readonly refusal: Refusal;
	constructor(status: 400 | 404, say: RefusalSay) {
		const refusal = refuse(status === 404 ? 'not_found' : 'invalid', say);
		super(refusal.message);
		this.refusal = refusal;
	}

	get status(): Refusal['status'] {
		return this.refusal.status;
	}
}

export interface CommentInput {
	recordId: string;
	authorId: string;
	body: string;
	field?: string | null;
	parentId?: string | null;
}

export interface CommentView {
	id: string;
	field: FieldKey | null;
	parentId: string | null;
	authorName: string;
	body: string;
	createdAt: Date;
	resolvedAt: Date | null;
}

export async function addComment(sql: Sql, input: CommentInput, now = new Date()): Promise<string> {
	const body = input.body.trim();
	if (!body) throw new CommentError(400, (t) => t.writeComment);
	if (Buffer.byteLength(body) > MAX_COMMENT_BYTES) throw new CommentError(400, (t) => t.commentTooLong(MAX_COMMENT_BYTES / 1024));
	if (input.field && !isFieldKey(input.field)) throw new CommentError(400, (t) => t.noField(String(input.field)));
	const { commentMentions, comments, records, users } = sql.t;
	const created = await sql.tx(async (tx) => {
		// One comment on a record at a time, so each is stamped after the one before it
		// (below): the record's comments read in the order they were written, on both dialects.
		await sql.lockKeys(tx, [`comments:${input.recordId}`]);
		const [record] = await tx.select({ id: records.id }).from(records).where(eq(records.id, input.recordId));
		if (!record) throw new CommentError(404, (t) => t.noRecord);
		let field = input.field || null;
		let parentId: string | null = null;
		if (input.parentId) {
			const [parent] = await tx
				.select({ id: comments.id, parentId: comments.parentId, field: comments.field })
				.from(comments)
				.where(and(eq(comments.id, input.parentId), eq(comments.recordId, input.recordId)));
			if (!parent) throw new CommentError(400, (t) => t.replyElsewhere);
			// One level of threading: a reply to a reply joins the thread of the first comment.
			parentId = parent.parentId ?? parent.id;
			field = parent.field;
		}
		const [last] = await tx
			.select({ at: comments.createdAt })
			.from(comments)
			.where(eq(comments.recordId, input.recordId))
			.orderBy(desc(comments.createdAt))
			.limit(1);
		const createdAt = last && last.at >= now ? new Date(last.at.getTime() + 1) : now;
		const id = randomUUID();
		await tx.insert(comments).values({ id, recordId: input.recordId, field, parentId, authorId: input.authorId, body, createdAt });
		const people = await tx.select({ id: users.id, name: users.name }).from(users).where(isNull(users.disabledAt));
		const mentionedIds = resolveMentions(body, people);
		if (mentionedIds.length) await tx.insert(commentMentions).values(mentionedIds.map((userId) => ({ commentId: id, userId })));
		return { id, parentId, mentionedIds };
	});
	emitEvent('comment.created', { commentId: created.id, recordId: input.recordId, authorId: input.authorId, ...created });
	return created.id;
}

/** Everyone who may be called in with @name: active accounts, for the comment box's autocomplete. */
export async function mentionablePeople(sql: Sql): Promise<{ id: string; name: string }[]> {
	const { users } = sql.t;
	return sql.db.select({ id: users.id, name: users.name }).from(users).where(isNull(users.disabledAt)).orderBy(asc(users.name));
}

/**
 * Resolving a thread resolves the comment that opened it; reopening clears that. Two people
 * resolving and reopening at once: the later write stands, as it would one after the other.
 */
export async function setResolved(
	sql: Sql,
	recordId: string,
	commentId: string,
	userId: string,
	resolved: boolean,
	now = new Date()
): Promise<void> {
	const { comments } = sql.t;
	const [found] = await sql.db
		.select({ id: comments.id, parentId: comments.parentId })
		.from(comments)
		.where(and(eq(comments.id, commentId), eq(comments.recordId, recordId)));
	if (!found) throw new CommentError(404, (t) => t.noComment);
	await sql.db
		.update(comments)
		.set(resolved ? { resolvedAt: now, resolvedBy: userId } : { resolvedAt: null, resolvedBy: null })
		.where(eq(comments.id, found.parentId ?? found.id));
}

/** Oldest first; addComment stamps each comment after the last, so this is the order they were written. */
export async function listComments(sql: Sql, recordId: string): Promise<CommentView[]> {
	const { comments, users } = sql.t;
	const rows = await sql.db
		.select({
			id: comments.id,
			field: comments.field,
			parentId: comments.parentId,
			authorName: users.name,
			body: comments.body,
			createdAt: comments.createdAt,
			resolvedAt: comments.resolvedAt
		})
		.from(comments)
		.innerJoin(users, eq(users.id, comments.authorId))
		.where(eq(comments.recordId, recordId))
		.orderBy(asc(comments.createdAt), asc(comments.id));
	return rows.map((c) => ({ ...c, field: c.field as FieldKey | null }));
}

/** Fields with an open thread, to mark them in the editor. */
export function fieldsWithOpenComments(list: CommentView[]): Set<FieldKey> {
	return new Set(list.filter((c) => !c.parentId && !c.resolvedAt && c.field).map((c) => c.field as FieldKey));
}
