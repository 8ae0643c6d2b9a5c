/** Saved views on both dialects: who may save, share and delete one, and names and limits holding across processes. */
import { eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { deleteView, listViews, MAX_VIEWS, saveView } from '../../src/lib/server/records/views';
import { describeEachDialect } from '../helpers/dialects';
import { clearRecordTables } from '../helpers/records-sql';
import { createTestUser, type TestUser } from '../helpers/users';

describeEachDialect('saved views', (database) => {
	const sql = () => database().sql;
	let editor: TestUser;
	let approver: TestUser;
	let viewer: TestUser;
	let admin: TestUser;

	beforeEach(async () => {
		await clearRecordTables(sql());
		[editor, approver, viewer, admin] = await Promise.all([
			createTestUser(sql(), { role: 'editor', name: 'Eva Editor' }),
			createTestUser(sql(), { role: 'approver', name: 'Arne Approver' }),
			createTestUser(sql(), { role: 'viewer', name: 'Vera Viewer' }),
			createTestUser(sql(), { role: 'admin', name: 'Ada Admin' })
		]);
	});

	const audits = (action: string) => {
		const { auditLog } = sql().t;
		return sql().db.select().from(auditLog).where(eq(auditLog.action, action));
	};

	it('saves a person’s own view, normalised, listed for them only', async () => {
		const saved = await saveView(sql(), {
			user: viewer,
			name: '  Mina   poster ',
			query: 'sort=confidence&assigned=me&junk=1',
			shared: false
		});
		expect(saved).toMatchObject({ ok: true, view: { name: 'Mina poster', query: 'assigned=me&sort=confidence', shared: false } });
		expect((await listViews(sql(), viewer)).map((v) => v.name)).toEqual(['Mina poster']);
		expect(await listViews(sql(), editor)).toEqual([]);
		expect(await audits('view.saved')).toHaveLength(1);
	});

	it('lets approvers and admins share a view, which everyone then lists; editors keep theirs personal', async () => {
		expect(await saveView(sql(), { user: editor, name: 'Alla', query: '', shared: true })).toMatchObject({ ok: false, status: 403 });
		expect((await saveView(sql(), { user: approver, name: 'Att granska', query: 'status=in_review', shared: true })).ok).toBe(true);
		expect(await listViews(sql(), viewer)).toMatchObject([
			{ name: 'Att granska', shared: true, ownerName: 'Arne Approver', canDelete: false }
		]);
		// One name means one view in a person's list.
		expect(await saveView(sql(), { user: editor, name: 'Att granska', query: '', shared: false })).toMatchObject({
			ok: false,
			status: 409
		});
		expect(await saveView(sql(), { user: editor, name: '   ', query: '', shared: false })).toMatchObject({ ok: false, status: 400 });
		expect(await saveView(sql(), { user: editor, name: 'x'.repeat(61), query: '', shared: false })).toMatchObject({
			ok: false,
			status: 400
		});
	});

	it('deletes a view for its maker, a shared one for an admin too, and for nobody else', async () => {
		const personal = await saveView(sql(), { user: editor, name: 'Min', query: '', shared: false });
		const shared = await saveView(sql(), { user: approver, name: 'Delad', query: 'assigned=none', shared: true });
		if (!personal.ok || !shared.ok) throw new Error('could not save');
		expect(await deleteView(sql(), { user: approver, id: personal.view.id })).toMatchObject({ ok: false, status: 404 });
		expect(await deleteView(sql(), { user: editor, id: shared.view.id })).toMatchObject({ ok: false, status: 403 });
		expect((await listViews(sql(), admin)).find((v) => v.name === 'Delad')?.canDelete).toBe(true);
		expect(await deleteView(sql(), { user: admin, id: shared.view.id })).toEqual({ ok: true });
		expect(await deleteView(sql(), { user: editor, id: personal.view.id })).toEqual({ ok: true });
		expect(await listViews(sql(), editor)).toEqual([]);
		expect(await audits('view.deleted')).toHaveLength(2);
	});

	it('keeps one view per name and at most MAX_VIEWS per person when two processes save at once', async () => {
		const other = await database().openAnother();
		const handle = (i: number) => (i % 2 ? other : sql());
		const same = await Promise.all(
			Array.from({ length: 8 }, (_, i) => saveView(handle(i), { user: editor, name: 'Samma', query: '', shared: false }))
		);
		expect(same.filter((o) => o.ok)).toHaveLength(1);
		// Two people sharing views of one name at once: everyone would list both, so only one is saved.
		const clash = await Promise.all([
			saveView(sql(), { user: approver, name: 'Krock', query: '', shared: true }),
			saveView(other, { user: admin, name: 'Krock', query: '', shared: true })
		]);
		expect(clash.filter((o) => o.ok)).toHaveLength(1);
		const many = await Promise.all(
			Array.from({ length: MAX_VIEWS + 5 }, (_, i) => saveView(handle(i), { user: editor, name: `Vy ${i}`, query: '', shared: false }))
		);
		expect(many.filter((o) => o.ok)).toHaveLength(MAX_VIEWS - 1);
		const own = (await listViews(sql(), editor)).filter((v) => !v.shared);
		expect(own).toHaveLength(MAX_VIEWS);
		// Two deletes of one view at once: one deletes it, one audit entry says so.
		const [first] = own;
		const deletes = await Promise.all([
			deleteView(sql(), { user: editor, id: first.id }),
			deleteView(other, { user: editor, id: first.id })
		]);
		expect(deletes.filter((o) => o.ok)).toHaveLength(1);
		expect(await audits('view.deleted')).toHaveLength(1);
	});
});
