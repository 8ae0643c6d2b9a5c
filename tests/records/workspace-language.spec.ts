/**
 * The workspace's answers to a form in the person's language, against the real server: a
 * Swedish approver's bulk summaries, refusals (with the role and review-state names), a
 * comment refused, a view and a token without a name all read in Swedish, and not one of them
 * shows the English words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, PLAIN_HTTP_ENV } from '../auth/http-client';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { createTestUser, signedInAs } from '../helpers/users';

/** The page's text, entities decoded where the messages use them. */
async function text(res: Response): Promise<string> {
	return (await res.text()).replaceAll('&quot;', '"').replaceAll('&#39;', "'");
}

describeServerEachDialect('the workspace in Swedish', { env: PLAIN_HTTP_ENV }, (app) => {
	let approver: Client;
	let editor: Client;

	async function swedish(role: 'editor' | 'approver') {
		const { cookie } = await signedInAs(app().sql, role);
		const client = new Client(app().server.url, { 'accept-language': 'sv-SE,sv;q=0.9,en;q=0.5' });
		client.cookies.set(cookie.name, { value: cookie.value, attributes: [] });
		return client;
	}

	beforeAll(async () => {
		approver = await swedish('approver');
		editor = await swedish('editor');
	});

	describe('a Swedish workspace', () => {
		it('sums up a bulk approval in Swedish, the blocked record’s reason too', async () => {
			const bad = await draftRecord(app().sql, validRecord({ title: 'Datumprojektet', startDate: '2024-02-30' }));
			const good = await draftRecord(app().sql, validRecord({ title: 'Gröna jobb' }));
			const html = await text(await approver.post('/workspace?/bulkApprove', `id=${bad}&id=${good}`));
			expect(html).toContain('1 av 2 godkända.');
			expect(html).toContain('Gröna jobb: Godkänd som v1.');
			expect(html).toContain('Datumprojektet: Godkännandet är spärrat tills detta är rättat.');
			for (const english of ['of 2 approved', 'Approved as', 'Approval is blocked']) expect(html).not.toContain(english);
		});

		it('asks for a selection in Swedish', async () => {
			const html = await text(await approver.post('/workspace?/bulkApprove', ''));
			expect(html).toContain('Markera de poster som ska godkännas.');
			expect(html).not.toContain('Select the records');
		});

		it('refuses to assign records to a viewer, naming the role in Swedish', async () => {
			const viewer = await createTestUser(app().sql, { role: 'viewer', name: 'Vera Läsare' });
			const id = await draftRecord(app().sql);
			const html = await text(await approver.post('/workspace?/bulkAssign', `id=${id}&assignee=${viewer.id}`));
			expect(html).toContain('Vera Läsare är läsare och kan inte redigera poster');
			expect(html).not.toContain('is a viewer');
		});

		it('sums up a bulk assignment in Swedish', async () => {
			const someone = await createTestUser(app().sql, { role: 'editor', name: 'Rut Redaktör' });
			const id = await draftRecord(app().sql, validRecord({ title: 'Havsnära' }));
			const html = await text(await approver.post('/workspace?/bulkAssign', `id=${id}&assignee=${someone.id}`));
			expect(html).toContain('1 av 1 tilldelade.');
			expect(html).toContain('Havsnära: Tilldelad Rut Redaktör.');
			expect(html).not.toContain('Assigned to');
		});

		it('names the review state in Swedish when a move does not fit it, and asks for a reason first', async () => {
			const id = await draftRecord(app().sql);
			const reopen = await text(await approver.post(`/workspace/records/${id}?/reopen`, { reason: '' }));
			expect(reopen).toContain('En post med status ”Utkast” kan inte flyttas på det sättet.');
			expect(reopen).not.toContain('cannot be moved');
			const sendBack = await text(await approver.post(`/workspace/records/${id}?/requestChanges`, { reason: '' }));
			expect(sendBack).toContain('Skriv varför, så att redaktörerna vet vad de ska ändra.');
			expect(sendBack).not.toContain('Say why');
		});

		it('refuses an empty comment and an unnamed view in Swedish', async () => {
			const id = await draftRecord(app().sql);
			const comment = await editor.post(`/workspace/records/${id}?/comment`, { body: '  ', field: '', parentId: '' });
			expect(comment.status).toBe(400);
			const commentHtml = await text(comment);
			expect(commentHtml).toContain('Skriv en kommentar först.');
			expect(commentHtml).not.toContain('Write a comment first');
			// Just over the limit: the comment's own refusal, not the form reader's about a field called "body".
			const long = await editor.post(`/workspace/records/${id}?/comment`, { body: 'x'.repeat(11 * 1024), field: '', parentId: '' });
			expect(long.status).toBe(400);
			const longHtml = await text(long);
			expect(longHtml).toContain('Håll kommentaren under 10 kB.');
			expect(longHtml).not.toContain('is too long');
			const view = await text(await editor.post('/workspace?/saveView', { name: ' ', query: '', shared: '' }));
			expect(view).toContain('Ge vyn ett namn.');
			expect(view).not.toContain('Give the view a name');
		});

		it('names the role on the API tokens page and refuses a token without a name in Swedish', async () => {
			const page = await text(await editor.get('/workspace/tokens'));
			expect(page).toContain('med din roll (redaktör)');
			const refused = await editor.post('/workspace/tokens?/create', { name: ' ' });
			expect(refused.status).toBe(400);
			const html = await text(refused);
			expect(html).toContain('Ge nyckeln ett namn, till exempel skriptet som ska använda den.');
			expect(html).not.toContain('Give the token a name');
		});
	});
});
