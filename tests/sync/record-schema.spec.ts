/**
 * The sync socket enforces the record document's schema and who may write what in it. Each
 * forged update is made by the stock y-websocket provider of a signed-in person over a real
 * WebSocket, as a doctored page would send it; the server closes that socket with its code
 * and nothing changes: the live document, the stored log, the records row, the audit log,
 * the public index.
 */
import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { diffRecords } from '../../src/lib/records/diff';
import { docToRecord, fieldList, fieldText, fieldsMap, newContactItem, readRecordDoc } from '../../src/lib/records/ydoc';
import type { Sql } from '../../src/lib/server/db/sql';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { dialectRecordStore } from '../helpers/dialect-store';
import { describeEachDialect } from '../helpers/dialects';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { storedDocSql } from '../helpers/stored-doc-sql';
import { connect, eventually, person, sleep, startHarnessOn, until, type Client, type Person, type SyncHarness } from './harness';

let h: SyncHarness & { sql: Sql };
let id: string;
let editor: Person;
let approver: Person;
const clients: Client[] = [];

const contact = {
	name: 'Anna Andersson',
	role: 'Projektledare',
	organisation: 'Region Skåne',
	phone: '070-123 45 67',
	email: 'anna@example.org',
	public: false
};

async function open(who: Person): Promise<Client> {
	const c = connect(h.url, id, who);
	clients.push(c);
	await c.synced;
	return c;
}

/** Everything a forged update could have changed. */
async function world() {
	const snap = (await h.store.snapshot(id))!;
	const stored = await storedDocSql(h.sql, id);
	const { db, t } = h.sql;
	const [row] = await db.select().from(t.records).where(eq(t.records.id, id));
	const [audit] = await db.select({ n: count() }).from(t.auditLog);
	const [published] = await db.select({ n: count() }).from(t.publicProjects).where(eq(t.publicProjects.recordId, id));
	const [logRows] = await db.select({ n: count() }).from(t.yjsUpdates).where(eq(t.yjsUpdates.recordId, id));
	return {
		live: { ...snapshotState(snap.state), stateVector: Buffer.from(snap.stateVector).toString('hex') },
		stored: {
			state: readRecordDoc(stored),
			stateVector: Buffer.from(Y.encodeStateVector(stored)).toString('hex'),
			roots: [...stored.share.keys()].sort()
		},
		row: { status: row.status, draft: row.draft, title: row.title },
		audit: audit.n,
		published: published.n,
		logRows: logRows.n
	};
}

function snapshotState(state: Uint8Array) {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	return { ...readRecordDoc(doc), roots: [...doc.share.keys()].sort() };
}

/** Makes the change in an editor's page and expects the server to close that socket with `code`, changing nothing. */
async function refused(who: Person, code: number, change: (doc: Y.Doc) => void): Promise<void> {
	const c = await open(who);
	await sleep(50); // stamps and projections of the connection's first sync settle
	const before = await world();
	const logged = h.logs.filter((l) => l.includes('refused an update')).length;
	c.doc.transact(() => change(c.doc));
	await until(() => c.closes.length > 0, 5000, 'the server to close the socket');
	expect(c.closes[0].code).toBe(code);
	await sleep(100); // a projection the update might have scheduled would run in this time
	expect(await world()).toEqual(before);
	expect(h.logs.filter((l) => l.includes('refused an update')).length).toBe(logged + 1);
}

describeEachDialect('the record document’s schema', (database) => {
	beforeEach(async () => {
		h = await startHarnessOn(database());
		id = await draftRecord(h.sql, validRecord({ title: 'Schema', contacts: [contact] }));
		editor = await person(h.sql, 'editor');
		approver = await person(h.sql, 'approver');
	});
	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		await h.close();
	});

	describe('the record document over the sync socket', () => {
		it('refuses a review state, approval, note or changed-by stamp written by an editor (4422)', async () => {
			await refused(editor, CloseCode.refused, (d) => d.getMap('review').set('state', 'approved'));
			await refused(editor, CloseCode.refused, (d) =>
				d.getMap('review').set('approval', { version: 7, by: 'Arne Approver', at: new Date().toISOString() })
			);
			await refused(editor, CloseCode.refused, (d) =>
				d.getMap('review').set('note', { text: 'Looks good', by: 'Arne Approver', at: new Date().toISOString() })
			);
			await refused(editor, CloseCode.refused, (d) =>
				d.getMap('changedBy').set('title', { id: approver.user.id, name: approver.user.name, at: new Date().toISOString() })
			);
			// Deleting them is writing them too.
			await refused(editor, CloseCode.refused, (d) => d.getMap('review').delete('state'));
			// An approver's page may not write them either: the workflow actions do, on the server.
			await refused(approver, CloseCode.refused, (d) => d.getMap('review').set('state', 'approved'));
		});

		it('refuses hidden content: another root, a key the registry does not name, a field replaced by another type (4422)', async () => {
			await refused(editor, CloseCode.refused, (d) => d.getText('hidden').insert(0, 'x'.repeat(400_000)));
			await refused(editor, CloseCode.refused, (d) => fieldsMap(d).set('notAField', 'x'.repeat(1000)));
			await refused(editor, CloseCode.refused, (d) => fieldsMap(d).set('title', new Y.Text('Replaced')));
			await refused(editor, CloseCode.refused, (d) => fieldsMap(d).delete('summary'));
			await refused(editor, CloseCode.refused, (d) => fieldList(d, 'regions')!.push(['not a Y.Text']));
			await refused(editor, CloseCode.refused, (d) => (fieldList(d, 'contacts')!.get(0) as Y.Map<unknown>).set('notes', 'x'));
		});

		it('refuses a field grown past its bound in the registry (4413), and takes an edit up to it', async () => {
			await refused(editor, CloseCode.tooLarge, (d) => fieldText(d, 'title')!.insert(0, 'x'.repeat(501)));
			await refused(editor, CloseCode.tooLarge, (d) => fieldText(d, 'summary')!.insert(0, 'y'.repeat(20_001)));
			await refused(editor, CloseCode.tooLarge, (d) => fieldsMap(d).set('startDate', '2'.repeat(65)));
			await refused(editor, CloseCode.tooLarge, (d) => fieldList(d, 'themes')!.push(Array.from({ length: 201 }, () => new Y.Text('t'))));

			const c = await open(editor);
			const title = fieldText(c.doc, 'title')!;
			c.doc.transact(() => {
				title.delete(0, title.length);
				title.insert(0, 't'.repeat(500));
			});
			await eventually(async () => (await docToRecordTitle()) === 't'.repeat(500), 5000, 'the 500-character title to arrive');
			expect(c.closes).toEqual([]);
		});

		it('lets only an approver make a contact public (4423 for an editor); the diff shows the flag', async () => {
			await refused(editor, CloseCode.notPermitted, (d) => (fieldList(d, 'contacts')!.get(0) as Y.Map<unknown>).set('public', true));
			await refused(editor, CloseCode.notPermitted, (d) =>
				fieldList(d, 'contacts')!.push([newContactItem({ name: 'Bo Berg', phone: '070-765 43 21', public: true })])
			);

			// An editor still edits contacts, and adds one that is not public.
			const ed = await open(editor);
			ed.doc.transact(() => fieldList(ed.doc, 'contacts')!.push([newContactItem({ name: 'Cecilia Carlsson' })]));
			await eventually(async () => (await liveContacts()).length === 2, 5000, 'the editor’s contact to arrive');
			expect(ed.closes).toEqual([]);

			const before = docToRecord(await storedDocSql(h.sql, id));
			const ap = await open(approver);
			ap.doc.transact(() => (fieldList(ap.doc, 'contacts')!.get(0) as Y.Map<unknown>).set('public', true));
			await eventually(async () => (await liveContacts())[0]?.public === true, 5000, 'the approver’s flag to arrive');
			expect(ap.closes).toEqual([]);
			const after = docToRecord(await storedDocSql(h.sql, id));
			expect(after.contacts[0].public).toBe(true);
			const changes = diffRecords(before, after);
			expect(changes.map((c) => c.field)).toEqual(['contacts']);
		});
	});

	async function docToRecordTitle(): Promise<string> {
		return docToRecord(await storedDocSql(h.sql, id)).title;
	}

	async function liveContacts() {
		return docToRecord(await storedDocSql(h.sql, id)).contacts;
	}

	describe('an update that waits for one the server never got', () => {
		it('is held back whole, new list elements and their characters alike, and taken once the missing one arrives', async () => {
			const s = (await h.store.open(id))!;
			try {
				await s.persisted();
				const page = new Y.Doc();
				Y.applyUpdate(page, Y.encodeStateAsUpdate(s.doc));
				const edit = (change: () => void) => {
					let u: Uint8Array | null = null;
					page.once('update', (x: Uint8Array) => (u = x));
					page.transact(change);
					return u!;
				};
				const themes = fieldList(page, 'themes')!;
				edit(() => themes.push([new Y.Text('Energi')]));
				// Placed after the lost element: the server cannot tell where it goes yet.
				const after = edit(() => themes.push([new Y.Text('Klimat')]));
				const before = Buffer.from(Y.encodeStateAsUpdate(s.doc)).toString('hex');
				const by = new UpdateOrigin({ id: editor.user.id, name: editor.user.name }, 'socket');
				s.apply(after, by);
				expect(Buffer.from(Y.encodeStateAsUpdate(s.doc)).toString('hex')).toBe(before);

				s.apply(Y.encodeStateAsUpdate(page, Y.encodeStateVector(s.doc)), by);
				expect(docToRecord(s.doc).themes).toEqual(docToRecord(page).themes);
				expect(docToRecord(s.doc).themes.slice(-2)).toEqual(['Energi', 'Klimat']);
			} finally {
				s.close();
			}
		});
	});

	describe('stored documents written before the schema was enforced', () => {
		it('drop what the schema does not know on load, and compact it away', async () => {
			// What a client could store before: hidden text in a root of its own, keys no field has.
			const rogue = new Y.Doc();
			Y.applyUpdate(rogue, (await h.store.snapshot(id))!.state);
			rogue.transact(() => {
				rogue.getText('hidden').insert(0, 'h'.repeat(300_000));
				fieldsMap(rogue).set('notAField', 'n'.repeat(50_000));
				rogue.getMap('review').set('junk', 'j'.repeat(50_000));
			});
			const bare = (await h.store.snapshot(id))!;
			const expected = docToRecord(storedDocFrom(bare.state));
			await h.close();
			const { db, t } = h.sql;
			await db
				.insert(t.yjsUpdates)
				.values({ recordId: id, data: Buffer.from(Y.encodeStateAsUpdate(rogue, bare.stateVector)), createdAt: new Date() });
			const bytes = async () =>
				(await db.select({ data: t.yjsUpdates.data }).from(t.yjsUpdates).where(eq(t.yjsUpdates.recordId, id))).reduce(
					(n, r) => n + r.data.length,
					0
				);
			expect(await bytes()).toBeGreaterThan(400_000);

			const logs: string[] = [];
			const store = dialectRecordStore(database(), { log: (l) => logs.push(l) });
			try {
				const s = (await store.open(id))!;
				await s.persisted();
				expect(s.doc.getText('hidden').length).toBe(0);
				expect(fieldsMap(s.doc).has('notAField')).toBe(false);
				expect(s.doc.getMap('review').has('junk')).toBe(false);
				expect(docToRecord(s.doc)).toEqual(expected);
				expect(logs.some((l) => l.includes('held content outside its schema'))).toBe(true);
				s.close();
			} finally {
				await store.close();
			}
			// Compacted into one row that holds none of it.
			expect(await bytes()).toBeLessThan(20_000);
			expect(docToRecord(await storedDocSql(h.sql, id))).toEqual(expected);
			h = await startHarnessOn(database());
		});
	});
});

function storedDocFrom(state: Uint8Array): Y.Doc {
	const d = new Y.Doc();
	Y.applyUpdate(d, state);
	return d;
}
