import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { comments } from '../../src/lib/server/db/schema';
import { addComment, fieldsWithOpenComments, listComments, MAX_COMMENT_BYTES, setResolved } from '../../src/lib/server/records/comments';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { createDraft } from '../helpers/records';
import { createTestUser, type TestUser } from '../helpers/users';

let t: TempDatabase;
let editor: TestUser;
let recordId: string;
beforeEach(async () => {
	t = tempDatabase();
	editor = await createTestUser(t.db, { role: 'editor', name: 'Eva Editor' });
	recordId = createDraft(t.db);
});
afterEach(() => t.cleanup());

describe('comments', () => {
	it('threads replies under the first comment of a field and marks the field while open', () => {
		const first = addComment(t.db, { recordId, authorId: editor.id, body: 'Beloppet är fel?', field: 'amount' });
		const reply = addComment(t.db, { recordId, authorId: editor.id, body: 'Nej, rätt.', parentId: first });
		const replyToReply = addComment(t.db, { recordId, authorId: editor.id, body: 'Ok!', parentId: reply });
		const list = listComments(t.db, recordId);
		expect(list.map((c) => [c.body, c.parentId, c.field, c.authorName])).toEqual([
			['Beloppet är fel?', null, 'amount', 'Eva Editor'],
			['Nej, rätt.', first, 'amount', 'Eva Editor'],
			['Ok!', first, 'amount', 'Eva Editor']
		]);
		expect(replyToReply).not.toBe(first);
		expect([...fieldsWithOpenComments(list)]).toEqual(['amount']);

		setResolved(t.db, recordId, reply, editor.id, true);
		expect(fieldsWithOpenComments(listComments(t.db, recordId)).size).toBe(0);
		setResolved(t.db, recordId, first, editor.id, false);
		expect([...fieldsWithOpenComments(listComments(t.db, recordId))]).toEqual(['amount']);
	});

	it('refuses empty, oversized, unknown-field, foreign-parent and unknown-record comments, writing nothing', () => {
		const other = createDraft(t.db);
		const elsewhere = addComment(t.db, { recordId: other, authorId: editor.id, body: 'annan' });
		const cases: [Parameters<typeof addComment>[1], number, RegExp][] = [
			[{ recordId, authorId: editor.id, body: '   ' }, 400, /Write a comment/],
			[{ recordId, authorId: editor.id, body: 'x'.repeat(MAX_COMMENT_BYTES + 1) }, 400, /under 10 KB/],
			[{ recordId, authorId: editor.id, body: 'å'.repeat(MAX_COMMENT_BYTES / 2 + 1) }, 400, /under 10 KB/],
			[{ recordId, authorId: editor.id, body: 'hej', field: 'colour' }, 400, /no field "colour"/],
			[{ recordId, authorId: editor.id, body: 'hej', parentId: elsewhere }, 400, /not on this record/],
			[{ recordId: 'nope', authorId: editor.id, body: 'hej' }, 404, /No record/]
		];
		for (const [input, status, message] of cases) {
			expect(() => addComment(t.db, input)).toThrow(message);
			try {
				addComment(t.db, input);
			} catch (e) {
				expect((e as { status: number }).status).toBe(status);
			}
		}
		expect(t.db.select().from(comments).all()).toHaveLength(1);
		expect(() => setResolved(t.db, recordId, elsewhere, editor.id, true)).toThrow(/No such comment/);
	});
});
