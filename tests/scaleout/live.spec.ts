/**
 * What people watch live crosses `samla start` processes: an approver assigns a record on A,
 * and the editor's open queue (the live feed) and bell on B hear of it; the notification
 * itself is written once, by A.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeCluster } from '../helpers/cluster';
import type { TestServer } from '../helpers/server';
import { eventually, useScaleout } from './processes';

/** An open Server-Sent Events stream: everything it has sent so far. */
function follow(url: string, cookie: string): { text(): string; close(): void } {
	const abort = new AbortController();
	let text = '';
	void fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal: abort.signal })
		.then(async (res) => {
			const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
			for (;;) {
				const { value, done } = await reader.read();
				if (done) return;
				text += value;
			}
		})
		.catch(() => {});
	return { text: () => text, close: () => abort.abort() };
}

describeCluster('live feed and bell across samla start processes', () => {
	const cluster = useScaleout();
	let a: TestServer;
	let b: TestServer;
	const streams: { close(): void }[] = [];
	beforeAll(async () => {
		[a, b] = await cluster.startMany(2);
	});
	afterAll(() => streams.forEach((s) => s.close()));

	it('shows an assignment made on A in the editor’s queue feed and bell on B, and notifies once', async () => {
		const approver = await cluster.person('approver');
		const editor = await cluster.person('editor');
		const id = await cluster.newRecord(`Levande flöde ${Date.now()}`);

		const feed = follow(`${b.url}/workspace/live`, editor.cookie);
		const bell = follow(`${b.url}/workspace/notifications/stream`, editor.cookie);
		streams.push(feed, bell);
		await eventually(async () => bell.text().includes('event: unread\ndata: 0'), 10_000, 'the bell on B to open at 0');

		const res = await fetch(`${a.url}/workspace?/bulkAssign`, {
			method: 'POST',
			headers: {
				cookie: approver.cookie,
				origin: a.url,
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: `id=${id}&assignee=${editor.user.id}`
		});
		expect(((await res.json()) as { type: string }).type).toBe('success');

		const assigned = `data: ${JSON.stringify({ type: 'record.assigned', recordId: id })}`;
		await eventually(async () => feed.text().includes(assigned), 10_000, 'the feed on B to name the assignment');
		await eventually(async () => bell.text().includes('event: unread\ndata: 1'), 10_000, 'the bell on B to count it');

		const { notifications } = cluster.sql().t;
		const rows = await cluster
			.sql()
			.db.select()
			.from(notifications)
			.where(and(eq(notifications.userId, editor.user.id), eq(notifications.recordId, id)));
		expect(rows).toHaveLength(1);
	}, 60_000);
});
