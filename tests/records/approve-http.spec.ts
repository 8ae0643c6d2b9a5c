/**
 * Every entry point to approval against the real server (issue 14, item 6): the queue's
 * bulk approval (also what its "a" key posts) and the record page's approve action refuse
 * a record the record page shows as blocked, name the reasons, and write nothing.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/lib/server/db/client';
import { auditLog, publicProjects, recordVersions } from '../../src/lib/server/db/schema';
import { Client, PLAIN_HTTP_ENV } from '../auth/http-client';
import { createDraft, validRecord } from '../helpers/records';
import { startTestServer, type TestServer } from '../helpers/server';
import { signedInAs } from '../helpers/users';

let server: TestServer;
let db: Db;
let approver: Client;

beforeAll(async () => {
	server = await startTestServer({ env: PLAIN_HTTP_ENV });
	db = openDatabase(server.databasePath);
	const { cookie } = await signedInAs(db, 'approver');
	approver = new Client(server.url);
	approver.cookies.set(cookie.name, { value: cookie.value, attributes: [] });
});
afterAll(async () => {
	db?.$client.close();
	await server?.dispose();
});

const versions = (id: string) => db.select().from(recordVersions).where(eq(recordVersions.recordId, id)).all();
const published = (id: string) => db.select().from(publicProjects).where(eq(publicProjects.recordId, id)).all();

describe('approving a record whose start date does not exist', () => {
	it('is refused by the queue, one record at a time, with the reason, while a valid record beside it is approved', async () => {
		const bad = createDraft(db, validRecord({ title: 'Attract2Tech', startDate: '2024-02-30' }));
		const good = createDraft(db, validRecord({ title: 'Gröna jobb' }));
		const res = await approver.post('/workspace?/bulkApprove', `id=${bad}&id=${good}`);
		const html = await res.text();
		expect(html).toContain('1 of 2 approved.');
		expect(html).toMatch(
			/Attract2Tech: Approval is blocked until these are fixed\.[\s\S]*Start date: 2024-02-30 is not a day in the calendar/
		);
		expect(versions(bad)).toEqual([]);
		expect(published(bad)).toEqual([]);
		expect(versions(good).map((v) => v.version)).toEqual([1]);
		const bulk = db.select().from(auditLog).where(eq(auditLog.action, 'record.bulk_approved')).all().at(-1);
		expect(bulk?.detail).toMatchObject({ selected: 2, approved: 1 });
	});

	it('is refused by the record page’s approve action as well', async () => {
		const bad = createDraft(db, validRecord({ startDate: '2024-02-30' }));
		const res = await approver.post(`/workspace/records/${bad}?/approve`, { expectedVersion: '', note: '' });
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Approval is blocked until these are fixed.');
		expect(versions(bad)).toEqual([]);
		expect(published(bad)).toEqual([]);
	});
});
