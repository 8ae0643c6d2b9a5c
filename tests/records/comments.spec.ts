import { beforeEach, expect, it } from 'vitest';
import {
	addComment,
	CommentError,
	fieldsWithOpenComments,
	listComments,
	MAX_COMMENT_BYTES,
	setResolved
} from '../../src/lib/server/records/comments';
import { describeEachDialect } from '../helpers/dialects';
import { clearRecordTables, draftRecord } from '../helpers/records-sql';
import { createTestUser, type TestUser } from '../helpers/users';

/** The CommentError a call is refused with. */
const refusal = (p: Promise<unknown>) =>
	p.then(
		() => null,
		(e: unknown) => (e instanceof CommentError ? e : null)
	);

describeEachDialect('comments', (database) => {
	const sql = () => database().sql;
	let editor: TestUser;
	let recordId: string;
	beforeEach(async () => {
		await clearRecordTables(sql());
		editor = await createTestUser(sql(), { role: 'editor', name: 'Eva Editor' });
		recordId = await draftRecord(sql());
	});

	it('threads replies under the first comment of a field and marks the field while open', async () => {
		const first = await addComment(sql(), { recordId, authorId: editor.id, body: 'Beloppet är fel?', field: 'amount' });
		const reply = await addComment(sql(), { recordId, authorId: editor.id, body: 'Nej, rätt.', parentId: first });
		const replyToReply = await addComment(sql(), { recordId, authorId: editor.id, body: 'Ok!', parentId: reply });
		const list = await listComments(sql(), recordId);
		expect(list.map((c) => [c.body, c.parentId, c.field, c.authorName])).toEqual([
			['Beloppet är fel?', null, 'amount', 'Eva Editor'],
			['Nej, rätt.', first, 'amount', 'Eva Editor'],
			['Ok!', first, 'amount', 'Eva Editor']
		]);
		expect(replyToReply).not.toBe(first);
		expect([...fieldsWithOpenComments(list)]).toEqual(['amount']);

		await setResolved(sql(), recordId, reply, editor.id, true);
		expect(fieldsWithOpenComments(await listComments(sql(), recordId)).size).toBe(0);
		await setResolved(sql(), recordId, first, editor.id, false);
		expect([...fieldsWithOpenComments(await listComments(sql(), recordId))]).toEqual(['amount']);
	});

	it('lists comments in the order they were written, also when written in the same millisecond or from two processes', async () => {
		const sameMoment = new Date('2026-01-01T12:00:00Z');
		const other = await database().openAnother();
		const bodies = Array.from({ length: 12 }, (_, i) => `nr ${i}`);
		// One after the other, alternating handles: each is committed before the next begins.
		for (const [i, body] of bodies.entries()) {
			await addComment(i % 2 ? other : sql(), { recordId, authorId: editor.id, body }, sameMoment);
		}
		const list = await listComments(sql(), recordId);
		expect(list.map((c) => c.body)).toEqual(bodies);
		expect(new Set(list.map((c) => c.createdAt.getTime())).size).toBe(bodies.length);
		// Written at once: each still gets its own moment, so the order read is one order, every time.
		await Promise.all(
			bodies.map((body, i) => addComment(i % 2 ? other : sql(), { recordId, authorId: editor.id, body: `at once ${body}` }, sameMoment))
		);
		const again = await listComments(sql(), recordId);
		expect(new Set(again.map((c) => c.createdAt.getTime())).size).toBe(bodies.length * 2);
		expect(again.map((c) => c.id)).toEqual((await listComments(other, recordId)).map((c) => c.id));
	});

	it('refuses empty, oversized, unknown-field, foreign-parent and unknown-record comments, writing nothing', async () => {
		const other = await draftRecord(sql());
		const elsewhere = await addComment(sql(), { recordId: other, authorId: editor.id, body: 'annan' });
		const cases: [Parameters<typeof addComment>[1], number, RegExp][] = [
			[{ recordId, authorId: editor.id, body: '   ' }, 400, /Write a comment/],
			[{ recordId, authorId: editor.id, body: 'x'.repeat(MAX_COMMENT_BYTES + 1) }, 400, /under 10 KB/],
			[{ recordId, authorId: editor.id, body: 'å'.repeat(MAX_COMMENT_BYTES / 2 + 1) }, 400, /under 10 KB/],
			[{ recordId, authorId: editor.id, body: 'hej', field: 'colour' }, 400, /no field "colour"/],
			[{ recordId, authorId: editor.id, body: 'hej', parentId: elsewhere }, 400, /not on this record/],
			[{ recordId: 'nope', authorId: editor.id, body: 'hej' }, 404, /No record/]
		];
		for (const [input, status, message] of cases) {
			const err = await refusal(addComment(sql(), input));
			expect(err?.message).toMatch(message);
			expect(err?.status).toBe(status);
		}
		expect(await sql().db.select().from(sql().t.comments)).toHaveLength(1);
		expect((await refusal(setResolved(sql(), recordId, elsewhere, editor.id, true)))?.message).toMatch(/No such comment/);
	});
});
