/**
 * U+0000 from a person or a client, against the real server on both dialects. PostgreSQL's
 * text and jsonb cannot hold it (SQLite can): each path a person reaches either drops it where
 * it is part of what they wrote elsewhere (a field typed over the sync socket, then approved) or
 * refuses it with a 400, and on both dialects alike.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { fieldText } from '../../src/lib/records/ydoc';
import { Client as HttpClient, PLAIN_HTTP_ENV, PLAIN_HTTP_HEADERS } from '../auth/http-client';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { storedDocSql } from '../helpers/stored-doc-sql';
import { signedInAs } from '../helpers/users';
import { connect, eventually, type Client } from '../sync/harness';

const sockets: Client[] = [];
afterEach(() => {
	for (const s of sockets.splice(0)) s.destroy();
});

describeServerEachDialect('U+0000 in what people send', { env: PLAIN_HTTP_ENV }, (app) => {
	let approver: HttpClient;
	let cookieHeader: string;
	beforeAll(async () => {
		const { cookie } = await signedInAs(app().sql, 'approver');
		approver = new HttpClient(app().server.url);
		approver.cookies.set(cookie.name, { value: cookie.value, attributes: [] });
		cookieHeader = `${cookie.name}=${cookie.value}`;
	});

	const versions = (id: string) => {
		const { db, t } = app().sql;
		return db.select().from(t.recordVersions).where(eq(t.recordVersions.recordId, id));
	};

	it('typed into a field over the sync socket, is approved and published without it', async () => {
		const id = await draftRecord(app().sql, validRecord({ title: 'Nollbyte', summary: 'Före' }));
		const editor = connect(`${app().server.url.replace(/^http/, 'ws')}/sync`, id, null, { headers: { cookie: cookieHeader } });
		sockets.push(editor);
		await editor.synced;
		fieldText(editor.doc, 'summary')!.insert(4, ' och\0 efter');
		await eventually(
			async () => fieldText(await storedDocSql(app().sql, id), 'summary')?.toString() === 'Före och\0 efter',
			10_000,
			'the edit to be stored'
		);

		const res = await approver.post(`/workspace/records/${id}?/approve`, { expectedVersion: '', note: '' });
		expect(res.status).toBe(200);
		const [version] = await versions(id);
		expect(version.data.summary).toBe('Före och efter');
		const { db, t } = app().sql;
		const [published] = await db
			.select({ record: t.publicProjectRecords.record })
			.from(t.publicProjectRecords)
			.innerJoin(t.publicProjects, eq(t.publicProjects.id, t.publicProjectRecords.projectId))
			.where(eq(t.publicProjects.recordId, id));
		expect(published.record.summary).toBe('Före och efter');
		// The same state again is no change: the stored version already is it.
		const again = await approver.post(`/workspace/records/${id}?/approve`, { expectedVersion: '1', note: '' });
		expect(again.status).toBe(400);
		expect(await versions(id)).toHaveLength(1);
	});

	it('in a comment or an approval note, is refused with a 400 and nothing is written', async () => {
		const id = await draftRecord(app().sql, validRecord({ title: 'Kommentar' }));
		const comment = await approver.post(`/workspace/records/${id}?/comment`, { body: 'Se\0 här', field: '', parentId: '' });
		expect(comment.status).toBe(400);
		expect(await comment.text()).toContain('U+0000');
		const { db, t } = app().sql;
		expect(await db.select().from(t.comments).where(eq(t.comments.recordId, id))).toEqual([]);

		const approval = await approver.post(`/workspace/records/${id}?/approve`, { expectedVersion: '', note: 'Ok\0' });
		expect(approval.status).toBe(400);
		expect(await versions(id)).toEqual([]);
	});

	it('in a form no page sends so (a token’s name or id, organisations to merge or split), is refused with a 400', async () => {
		const posts: [string, Record<string, string>][] = [
			['/workspace/tokens?/create', { name: 'skript\0' }],
			['/workspace/tokens?/revoke', { id: 'a\0b' }],
			['/workspace/organisations?/merge', { into: 'a\0b', merge: 'c' }],
			['/workspace/organisations?/split', { slug: 'a\0b' }]
		];
		for (const [path, fields] of posts) {
			const res = await approver.post(path, fields);
			expect(res.status, path).toBe(400);
			expect(await res.text(), path).toContain('U+0000');
		}
		const { db, t } = app().sql;
		expect(await db.select().from(t.apiTokens)).toEqual([]);
	});

	it('in an address (an id, a slug, a search), is refused with a 400 before any route reads it', async () => {
		const paths = [
			'/projects/a%00b',
			'/api/projects/a%00b',
			'/organisations/a%00b',
			'/workspace/records/a%00b',
			'/workspace?q=a%00b',
			'/api/documents?q=a%00b',
			'/api/projects?q=a%00b'
		];
		for (const path of paths) {
			const res = await approver.get(path);
			expect(res.status, path).toBe(400);
			expect(await res.text(), path).toContain('U+0000');
		}
		expect((await approver.get('/workspace?q=ab')).status).toBe(200);
	});

	it('in an uploaded file’s name, stores the document under the name without it', async () => {
		const form = new FormData();
		form.append('file', new Blob(['Projektet Nollfil får 2 miljoner kronor.']), 'noll\0fil.txt');
		const res = await fetch(`${app().server.url}/workspace/documents?/upload`, {
			method: 'POST',
			body: form,
			headers: { ...PLAIN_HTTP_HEADERS, cookie: cookieHeader, origin: app().server.url }
		});
		expect(res.status).toBe(200);
		const { db, t } = app().sql;
		const names = (await db.select({ fileName: t.documents.fileName }).from(t.documents)).map((r) => r.fileName);
		expect(names).toContain('nollfil.txt');
	});
});
