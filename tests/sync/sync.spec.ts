/** The sync endpoint with the stock y-websocket provider: sync, read-only, refusals, persistence. */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { applyTextDiff, docToRecord, fieldText, readChangedBy } from '../../src/lib/records/ydoc';
import type { Sql } from '../../src/lib/server/db/sql';
import { describeEachDialect } from '../helpers/dialects';
import { failInserts } from '../helpers/documents-sql';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { storedDocSql } from '../helpers/stored-doc-sql';
import { connect, person, raw, startHarnessOn, until, sleep, type Client, type SyncHarness, eventually } from './harness';

let h: SyncHarness & { sql: Sql };
const clients: Client[] = [];
const client = (...args: Parameters<typeof connect>) => {
	const c = connect(...args);
	clients.push(c);
	return c;
};

const title = (c: Client) => fieldText(c.doc, 'title')?.toString();
const rows = (id: string) => h.sql.db.select().from(h.sql.t.yjsUpdates).where(eq(h.sql.t.yjsUpdates.recordId, id));

function type(c: Client, text: string, key: 'title' | 'owner' = 'title') {
	c.doc.transact(() => applyTextDiff(fieldText(c.doc, key)!, text));
}

describeEachDialect('live sync', (database) => {
	beforeEach(async () => {
		h = await startHarnessOn(database());
	});
	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		await h.close();
	});

	it('syncs two editors through the stock provider, stores every update and projects the record', async () => {
		const id = await draftRecord(h.sql, validRecord({ title: 'Kompetens' }));
		const [ada, bo] = [await person(h.sql, 'editor'), await person(h.sql, 'editor')];
		const a = client(h.url, id, ada);
		const b = client(h.url, id, bo);
		await Promise.all([a.synced, b.synced]);
		expect(title(a)).toBe('Kompetens');
		type(a, 'Kompetens Skåne');
		type(b, 'Kompetenslyft');
		await until(() => title(a) === title(b) && title(a)!.length > 'Kompetens'.length + 5, 2000, 'convergence');
		expect(title(a)).toMatch(/Skåne/);
		expect(title(a)).toMatch(/lyft/);
		const row = async () => (await h.sql.db.select().from(h.sql.t.records).where(eq(h.sql.t.records.id, id)))[0];
		await eventually(async () => (await row()).title === title(a), 2000, 'projection');
		expect((await row()).draft.title).toBe(title(a));
		expect(Object.values(readChangedBy(a.doc)).map((c) => c?.name)).toEqual([expect.stringMatching(/editor/)]);

		expect(docToRecord(await storedDocSql(h.sql, id))).toEqual(docToRecord(a.doc));
	});

	it('gives a viewer the live values read-only and closes the connection when it sends an update', async () => {
		const id = await draftRecord(h.sql);
		const [editor, viewer] = [await person(h.sql, 'editor'), await person(h.sql, 'viewer')];
		const e = client(h.url, id, editor);
		const v = client(h.url, id, viewer);
		await Promise.all([e.synced, v.synced]);
		v.provider.awareness.setLocalStateField('field', 'owner');
		await until(() => [...e.provider.awareness.getStates().values()].some((s) => s.field === 'owner'), 2000, 'viewer presence');
		type(e, 'Edited by the editor');
		await until(() => title(v) === 'Edited by the editor', 2000, 'viewer sees the edit');
		const stored = (await rows(id)).length;

		type(v, 'Forged by the viewer');
		await until(() => v.closes.length > 0, 2000, 'viewer closed');
		expect(v.closes[0].code).toBe(CloseCode.readOnly);
		await sleep(100);
		expect(title(e)).toBe('Edited by the editor');
		expect((await rows(id)).length).toBe(stored);
		expect(h.store.presence().get(id)).toBe(1);
	});

	it('names each person in awareness as their session says, whatever the client claims', async () => {
		const id = await draftRecord(h.sql);
		const [ada, bo] = [await person(h.sql, 'editor'), await person(h.sql, 'editor')];
		const a = client(h.url, id, ada);
		const b = client(h.url, id, bo);
		await Promise.all([a.synced, b.synced]);
		a.provider.awareness.setLocalState({ user: { name: 'The CEO', colour: '#000' }, field: 'title' });
		await until(() => [...b.provider.awareness.getStates().values()].some((s) => s.field === 'title'), 2000, 'awareness');
		const seen = [...b.provider.awareness.getStates().values()].find((s) => s.field === 'title')!;
		expect(seen.user).toMatchObject({ id: ada.user.id, name: ada.user.name });
	});

	it('refuses before accepting: unknown record 404, no or bad session 401, another site 403', async () => {
		const id = await draftRecord(h.sql);
		const ed = await person(h.sql, 'editor');
		const port = new URL(h.url).port;
		expect(await raw(`${h.url}/no-such-record`, { cookie: ed.cookie })).toEqual({ status: 404 });
		expect(await raw(`${h.url}/bad%20id!`, { cookie: ed.cookie })).toEqual({ status: 404 });
		expect(await raw(`${h.url}/${id}`, {})).toEqual({ status: 401 });
		expect(await raw(`${h.url}/${id}`, { cookie: 'samla_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).toEqual({ status: 401 });
		expect(await raw(`${h.url}/${id}`, { cookie: ed.cookie, origin: 'https://evil.example' })).toEqual({ status: 403 });
		expect(await raw(h.url.replace('/sync', '/elsewhere'), { cookie: ed.cookie })).toEqual({ status: 404 });
		const ok = await raw(`${h.url}/${id}`, { cookie: ed.cookie, origin: `http://127.0.0.1:${port}` }, (ws) => ws.close(1000));
		expect(ok).toEqual({ code: 1000 });
	});

	it('checks Origin against the configured ORIGIN when there is one', async () => {
		await h.close();
		h = await startHarnessOn(database(), { sync: { origin: 'https://samla.example.org' } });
		const id = await draftRecord(h.sql);
		const ed = await person(h.sql, 'editor');
		const host = new URL(h.url).host;
		expect(await raw(`${h.url}/${id}`, { cookie: ed.cookie, origin: `http://${host}` })).toEqual({ status: 403 });
		expect(await raw(`${h.url}/${id}`, { cookie: ed.cookie, origin: 'https://samla.example.org' }, (ws) => ws.close(1000))).toEqual({
			code: 1000
		});
	});

	it('stores an update before broadcasting it: an update that cannot be stored reaches no one, and is re-sent after reconnecting', async () => {
		const id = await draftRecord(h.sql, validRecord({ owner: 'Region Skåne' }));
		const [ada, bo] = [await person(h.sql, 'editor'), await person(h.sql, 'editor')];
		const a = client(h.url, id, ada);
		const b = client(h.url, id, bo);
		await Promise.all([a.synced, b.synced]);
		const restore = await failInserts(database(), 'yjs_updates', 'disk full');
		// The suite's database outlives this test: a failure here must not leave the trigger behind.
		try {
			type(a, 'Region Blekinge', 'owner');
			await until(() => a.closes.some((c) => c.code === CloseCode.storeFailed), 2000, 'store failure close');
			await sleep(150);
			expect(fieldText(b.doc, 'owner')!.toString()).toBe('Region Skåne');
		} finally {
			await restore();
		}
		await until(() => fieldText(b.doc, 'owner')!.toString() === 'Region Blekinge', 5000, 'edit after reconnect');
		expect(docToRecord(await storedDocSql(h.sql, id)).owner).toBe('Region Blekinge');
	});

	it('keeps offline edits and merges them on reconnect', async () => {
		const id = await draftRecord(h.sql, validRecord({ title: 'Base' }));
		const [ada, bo] = [await person(h.sql, 'editor'), await person(h.sql, 'editor')];
		const a = client(h.url, id, ada);
		const b = client(h.url, id, bo);
		await Promise.all([a.synced, b.synced]);
		a.provider.disconnect();
		type(a, 'Base offline');
		type(b, 'Online Base');
		await sleep(100);
		a.provider.connect();
		await until(() => title(a) === 'Online Base offline' && title(b) === title(a), 3000, 'merge after reconnect');
		expect(title(b)).toBe('Online Base offline');
	});

	it('closes a socket whose session ends or whose role changes while it is open', async () => {
		await h.close();
		h = await startHarnessOn(database(), { sync: { sessionRecheckMs: 50 } });
		const id = await draftRecord(h.sql);
		const [ada, bo] = [await person(h.sql, 'editor'), await person(h.sql, 'editor')];
		const a = client(h.url, id, ada);
		const b = client(h.url, id, bo);
		await Promise.all([a.synced, b.synced]);
		const { invalidateUserSessions } = await import('../../src/lib/server/auth/session');
		await invalidateUserSessions(h.sql, ada.user.id);
		await until(() => a.closes.length > 0, 2000, 'session-ended close');
		expect(a.closes[0].code).toBe(CloseCode.sessionEnded);
		const { users } = h.sql.t;
		await h.sql.db.update(users).set({ role: 'viewer' }).where(eq(users.id, bo.user.id));
		await until(() => b.closes.length > 0, 2000, 'permissions-changed close');
		expect(b.closes[0].code).toBe(CloseCode.permissionsChanged);
		await sleep(300);
		expect(a.closes).toHaveLength(1); // 44xx: the provider does not retry
	});

	it('survives a server restart with every edit stored, the log folded into one row on the way down', async () => {
		const id = await draftRecord(h.sql);
		const [ada, bo] = [await person(h.sql, 'editor'), await person(h.sql, 'editor')];
		const a = client(h.url, id, ada);
		const watcher = client(h.url, id, bo);
		await Promise.all([a.synced, watcher.synced]);
		for (let i = 0; i < 20; i++) fieldText(a.doc, 'summary')!.insert(0, `${i};`);
		await until(() => fieldText(watcher.doc, 'summary')!.toString().startsWith('19;'), 2000, 'edits broadcast');
		await h.close();
		expect(await rows(id)).toHaveLength(1);
		h = await startHarnessOn(database());
		const b = client(h.url, id, bo);
		await b.synced;
		expect(fieldText(b.doc, 'summary')!.toString()).toMatch(/^19;18;17;.*;0;$/);
	});
});
