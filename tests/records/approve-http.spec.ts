/**
 * Every entry point to approval against the real server (issue 14, item 6): the queue's
 * bulk approval (also what its "a" key posts) and the record page's approve action refuse
 * a record the record page shows as blocked, name the reasons, and write nothing.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { Client, PLAIN_HTTP_ENV } from '../auth/http-client';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { draftRecord } from '../helpers/records-sql';
import { validRecord } from '../helpers/records';
import { signedInAs } from '../helpers/users';

describeServerEachDialect('approving a record whose start date does not exist', { env: PLAIN_HTTP_ENV }, (app) => {
	let approver: Client;
	beforeAll(async () => {
		const { cookie } = await signedInAs(app().sql, 'approver');
		approver = new Client(app().server.url);
		approver.cookies.set(cookie.name, { value: cookie.value, attributes: [] });
	});

	const versions = (id: string) => {
		const { db, t } = app().sql;
		return db.select().from(t.recordVersions).where(eq(t.recordVersions.recordId, id));
	};
	const published = (id: string) => {
		const { db, t } = app().sql;
		return db.select().from(t.publicProjects).where(eq(t.publicProjects.recordId, id));
	};

	it('is refused by the queue, one record at a time, with the reason, while a valid record beside it is approved', async () => {
		const { db, t } = app().sql;
		const bad = await draftRecord(app().sql, validRecord({ title: 'Attract2Tech', startDate: '2024-02-30' }));
		const good = await draftRecord(app().sql, validRecord({ title: 'Gröna jobb' }));
		const res = await approver.post('/workspace?/bulkApprove', `id=${bad}&id=${good}`);
		const html = await res.text();
		expect(html).toContain('1 of 2 approved.');
		expect(html).toMatch(
			/Attract2Tech: Approval is blocked until these are fixed\.[\s\S]*Start date: 2024-02-30 is not a day in the calendar/
		);
		expect(await versions(bad)).toEqual([]);
		expect(await published(bad)).toEqual([]);
		expect((await versions(good)).map((v) => v.version)).toEqual([1]);
		const bulk = (await db.select().from(t.auditLog).where(eq(t.auditLog.action, 'record.bulk_approved')).orderBy(t.auditLog.id)).at(-1);
		expect(bulk?.detail).toMatchObject({ selected: 2, approved: 1 });
	});

	it('is refused by the record page’s approve action as well', async () => {
		const bad = await draftRecord(app().sql, validRecord({ startDate: '2024-02-30' }));
		const res = await approver.post(`/workspace/records/${bad}?/approve`, { expectedVersion: '', note: '' });
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Approval is blocked until these are fixed.');
		expect(await versions(bad)).toEqual([]);
		expect(await published(bad)).toEqual([]);
	});
});
