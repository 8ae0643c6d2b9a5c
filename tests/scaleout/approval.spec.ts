/**
 * Two `samla start` processes approve the same records at the same moment, through the
 * record page's form action as a browser posts it: each record gets exactly one version;
 * and a version approved on A is found by B's public search.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeCluster } from '../helpers/cluster';
import { validRecord } from '../helpers/records';
import type { TestServer } from '../helpers/server';
import { useScaleout } from './processes';

describeCluster('approval across samla start processes', () => {
	const cluster = useScaleout();
	let a: TestServer;
	let b: TestServer;
	let approver: Awaited<ReturnType<typeof cluster.person>>;
	beforeAll(async () => {
		[a, b] = await cluster.startMany(2);
		approver = await cluster.person('approver');
	});

	/** The approve action as the record page posts it (JSON answer: SvelteKit's enhanced form). */
	async function approve(server: TestServer, recordId: string): Promise<{ type: string; status: number }> {
		const res = await fetch(`${server.url}/workspace/records/${recordId}?/approve`, {
			method: 'POST',
			headers: {
				cookie: approver.cookie,
				origin: server.url,
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ expectedVersion: '', note: 'race' }).toString()
		});
		const body = (await res.json()) as { type: string; status?: number };
		return { type: body.type, status: body.status ?? res.status };
	}

	it('gives each of 100 records raced by two processes exactly one version', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 100; i++) ids.push(await cluster.newRecord(`Kapplöpning ${i}`, validRecord({ title: `Kapplöpning ${i}` })));
		const outcomes = await Promise.all(ids.map((id) => Promise.all([approve(a, id), approve(b, id)])));
		for (const pair of outcomes) expect(pair.filter((o) => o.type === 'success')).toHaveLength(1);
		const { recordVersions } = cluster.sql().t;
		const rows = await cluster.sql().db.select({ recordId: recordVersions.recordId, version: recordVersions.version }).from(recordVersions);
		const byRecord = new Map<string, number[]>();
		for (const r of rows) byRecord.set(r.recordId, [...(byRecord.get(r.recordId) ?? []), r.version]);
		for (const id of ids) expect(byRecord.get(id)).toEqual([1]);
	}, 120_000);

	it('finds a version approved on A in the public search of B', async () => {
		const title = `Publicerad på A ${Date.now()}`;
		const id = await cluster.newRecord(title, validRecord({ title }));
		expect((await approve(a, id)).type).toBe('success');
		// B brings its index to the database's generation at most once a second (search-index.ts).
		const titles = async () => {
			const res = await fetch(`${b.url}/api/projects?q=${encodeURIComponent(title)}`);
			expect(res.status).toBe(200);
			return ((await res.json()) as { projects: { title: string }[] }).projects.map((p) => p.title);
		};
		await expect.poll(titles, { timeout: 10_000, interval: 250 }).toContain(title);
	});
});
