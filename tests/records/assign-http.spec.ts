/**
 * Assignment and the live feed against the real server: the queue's bulk assignment and
 * the record page's assign action check who may do it, answer per record, and a second
 * client's open feed hears the change; the feed ends when its session does.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { Client, PLAIN_HTTP_ENV } from '../auth/http-client';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { createTestUser, signedInAs } from '../helpers/users';

/** Reads a Server-Sent Events stream until `done` says so, or it ends. */
async function readFeed(res: Response, done: (messages: { type: string; recordId: string }[]) => boolean) {
	const reader = res.body!.getReader();
	const decoder = new TextDecoder();
	const messages: { type: string; recordId: string }[] = [];
	let buffer = '';
	for (;;) {
		const { value, done: ended } = await reader.read();
		if (ended) return { messages, ended: true };
		buffer += decoder.decode(value, { stream: true });
		let cut: number;
		while ((cut = buffer.indexOf('\n\n')) >= 0) {
			const block = buffer.slice(0, cut);
			buffer = buffer.slice(cut + 2);
			const data = block.split('\n').find((l) => l.startsWith('data: '));
			if (data) messages.push(JSON.parse(data.slice(6)));
		}
		if (done(messages)) {
			await reader.cancel();
			return { messages, ended: false };
		}
	}
}

describeServerEachDialect('assignment over HTTP', { env: PLAIN_HTTP_ENV }, (app) => {
	async function clientAs(role: 'viewer' | 'editor' | 'approver') {
		const { user, cookie } = await signedInAs(app().sql, role);
		const client = new Client(app().server.url);
		client.cookies.set(cookie.name, { value: cookie.value, attributes: [] });
		return { user, client, cookie: `${cookie.name}=${cookie.value}` };
	}

	const assignee = async (id: string) => {
		const { db, t } = app().sql;
		const [row] = await db.select({ a: t.records.assigneeId }).from(t.records).where(eq(t.records.id, id));
		return row?.a;
	};

	describe('the live feed', () => {
		it('is for signed-in people only', async () => {
			const res = await fetch(`${app().server.url}/workspace/live`, { redirect: 'manual' });
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toMatch(/^\/login/);
		});

		it('tells a viewer’s open queue that an editor assigned records, naming only their ids', async () => {
			const watcher = await clientAs('viewer');
			const editor = await clientAs('editor');
			const a = await draftRecord(app().sql);
			const b = await draftRecord(app().sql);
			const feed = await fetch(`${app().server.url}/workspace/live`, { headers: { cookie: watcher.cookie } });
			expect(feed.status).toBe(200);
			expect(feed.headers.get('content-type')).toContain('text/event-stream');
			const heard = readFeed(feed, (m) => m.filter((x) => x.type === 'record.assigned').length >= 2);
			const res = await editor.client.post('/workspace?/bulkAssign', `id=${a}&id=${b}&assignee=${editor.user.id}`);
			expect(res.status).toBe(200);
			const { messages } = await heard;
			expect(messages.filter((x) => x.type === 'record.assigned')).toEqual([
				{ type: 'record.assigned', recordId: a },
				{ type: 'record.assigned', recordId: b }
			]);
			expect(await assignee(a)).toBe(editor.user.id);
		});

		it('tells it when a record moves between review states', async () => {
			const watcher = await clientAs('viewer');
			const editor = await clientAs('editor');
			const id = await draftRecord(app().sql);
			const feed = await fetch(`${app().server.url}/workspace/live`, { headers: { cookie: watcher.cookie } });
			const heard = readFeed(feed, (m) => m.some((x) => x.type === 'record.state_changed'));
			expect((await editor.client.post(`/workspace/records/${id}?/submit`, { reason: '' })).status).toBe(200);
			expect((await heard).messages).toContainEqual({ type: 'record.state_changed', recordId: id });
		});

		it('ends when the person signs out', async () => {
			const watcher = await clientAs('viewer');
			const feed = await fetch(`${app().server.url}/workspace/live`, { headers: { cookie: watcher.cookie } });
			const ended = readFeed(feed, () => false);
			await watcher.client.post('/logout', {});
			expect((await ended).ended).toBe(true);
		});
	});

	describe('bulk assignment in the queue', () => {
		it('answers for each record and audits each change', async () => {
			const { client } = await clientAs('editor');
			const target = await createTestUser(app().sql, { role: 'approver', name: 'Agnes Assignee' });
			const id = await draftRecord(app().sql, validRecord({ title: 'Havsnära' }));
			const res = await client.post('/workspace?/bulkAssign', `id=${id}&id=no-such-record&assignee=${target.id}`);
			const html = await res.text();
			expect(html).toContain('1 of 2 assigned.');
			expect(html).toContain('Havsnära: Assigned to Agnes Assignee.');
			expect(html).toContain('no-such-record: No record with that id.');
			expect(await assignee(id)).toBe(target.id);
			const { db, t } = app().sql;
			const entries = await db.select().from(t.auditLog).where(eq(t.auditLog.targetId, id)).orderBy(t.auditLog.id);
			expect(entries.map((e) => [e.action, e.detail])).toEqual([['record.assigned', { from: null, to: target.id, bulk: true }]]);
		});

		it('refuses a viewer, and an assignee who is a viewer or disabled, changing nothing', async () => {
			const id = await draftRecord(app().sql);
			const viewer = await clientAs('viewer');
			expect((await viewer.client.post('/workspace?/bulkAssign', `id=${id}&assignee=${viewer.user.id}`)).status).toBe(403);
			const { client } = await clientAs('editor');
			const res = await client.post('/workspace?/bulkAssign', `id=${id}&assignee=${viewer.user.id}`);
			expect(res.status).toBe(400);
			expect(await res.text()).toContain('is a viewer and cannot edit records; assign it to an editor or above.');
			const disabled = await createTestUser(app().sql, { role: 'editor', disabled: true });
			const again = await client.post('/workspace?/bulkAssign', `id=${id}&assignee=${disabled.id}`);
			expect(again.status).toBe(400);
			expect(await again.text()).toContain('account is disabled');
			expect((await client.post('/workspace?/bulkAssign', `assignee=${disabled.id}`)).status).toBe(400);
			expect(await assignee(id)).toBeNull();
		});
	});

	describe('the record page’s assign action', () => {
		it('assigns for an editor and is refused to a viewer', async () => {
			const id = await draftRecord(app().sql);
			const editor = await clientAs('editor');
			const viewer = await clientAs('viewer');
			expect((await viewer.client.post(`/workspace/records/${id}?/assign`, { assignee: editor.user.id })).status).toBe(403);
			expect(await assignee(id)).toBeNull();
			expect((await editor.client.post(`/workspace/records/${id}?/assign`, { assignee: editor.user.id })).status).toBe(200);
			expect(await assignee(id)).toBe(editor.user.id);
			const page = await (await editor.client.get(`/workspace/records/${id}`)).text();
			expect(page).toMatch(/data-assigned-to="[^"]+"/);
			expect((await editor.client.post(`/workspace/records/${id}?/assign`, { assignee: '' })).status).toBe(200);
			expect(await assignee(id)).toBeNull();
		});
	});
});
