import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/lib/server/ingest/extract';
import { ingestDocument } from '../../src/lib/server/ingest/ingest';
import { commitApproval } from '../../src/lib/server/records/approve';
import { describeEachDialect } from '../helpers/dialects';
import { clearDocumentTables } from '../helpers/documents-sql';
import { createTestUser, type TestUser } from '../helpers/users';

/**
 * A name the team approved once is recognised in later documents, also where nothing in
 * the name (no AS, no "kommune") says it is an organisation.
 */

const FIRST = `Nytt liv i gamle naust

Bygdelaget har fått 300 000 kroner fra Innovasjon Norge til prosjektet «Naustliv».
Prosjektet skal sette i stand tolv naust i Sunnfjord.`;

// The owner's name holds lower-case words, so running-text grammar reads only "Bygdelaget".
const LATER = `Fjordlys får støtte

Bygdelaget sør for fjorden får 450 000 kroner fra Innovasjon Norge til prosjektet «Fjordlys».
Prosjektet skal lyse opp kaiområdet i Sunnfjord fra 1. mars 2025.`;

const OWNER = 'Bygdelaget sør for fjorden';
const FUNDER = 'Fjordstyret for kyst og hav';

describe('learning from approvals', () => {
	it('does not know the owner before anyone approved it', () => {
		const [rec] = extractDocument(LATER).records;
		expect(rec.record.title).toBe('Fjordlys');
		expect(rec.record.owner).not.toBe(OWNER);
	});
});

describeEachDialect('learning from approvals', (database) => {
	const sql = () => database().sql;
	let approver: TestUser;
	beforeEach(async () => {
		// One database per dialect: each test starts from no documents, records, versions or users.
		await sql().db.delete(sql().t.recordVersions);
		await clearDocumentTables(sql());
		approver = await createTestUser(sql(), { role: 'approver' });
	});

	const recordRow = async (id: string) => {
		const { records } = sql().t;
		const [row] = await sql().db.select().from(records).where(eq(records.id, id));
		return row;
	};

	async function approveAs(recordId: string, changes: Record<string, unknown>) {
		const row = await recordRow(recordId);
		const outcome = await commitApproval(sql(), {
			recordId,
			expectedVersion: null,
			record: { ...row.draft, ...changes },
			stateVector: new Uint8Array([0]),
			approverId: approver.id
		});
		expect(outcome).toMatchObject({ ok: true });
	}

	it('recognises an approved owner and funder in a document ingested later, with provenance on the name', async () => {
		const first = await ingestDocument(sql(), { text: FIRST });
		if (first.status !== 'new') throw new Error('expected a new document');
		expect(first.recordIds).toHaveLength(1);
		// The approver writes the owner's full name and the body that really granted the money.
		await approveAs(first.recordIds[0], { owner: OWNER, funder: FUNDER });

		const later = await ingestDocument(sql(), { text: LATER + `\n\nSaka vart handsama av ${FUNDER}, som løyvde pengane.` });
		if (later.status !== 'new') throw new Error('expected a new document');
		const row = await recordRow(later.recordIds[0]);
		expect(row.draft.title).toBe('Fjordlys');
		expect(row.draft.owner).toBe(OWNER);
		expect(row.draft.funder).toBe(FUNDER);
		const { fieldProvenance } = sql().t;
		const owner = (await sql().db.select().from(fieldProvenance).where(eq(fieldProvenance.recordId, row.id))).find(
			(p) => p.field === 'owner'
		);
		expect(owner).toMatchObject({ snippet: OWNER });
	});

	it('learns again after a later approval changes the spelling', async () => {
		const first = await ingestDocument(sql(), { text: FIRST });
		if (first.status !== 'new') throw new Error('expected a new document');
		await approveAs(first.recordIds[0], { owner: 'Bygdelaget' });
		const before = await ingestDocument(sql(), { text: LATER });
		if (before.status !== 'new') throw new Error('expected a new document');
		expect((await recordRow(before.recordIds[0])).draft.owner).not.toBe(OWNER);

		const { records } = sql().t;
		await sql().db.update(records).set({ status: 'draft' }).where(eq(records.id, first.recordIds[0]));
		const row = await recordRow(first.recordIds[0]);
		const outcome = await commitApproval(sql(), {
			recordId: first.recordIds[0],
			expectedVersion: 1,
			record: { ...row.draft, owner: OWNER },
			stateVector: new Uint8Array([1]),
			approverId: approver.id
		});
		expect(outcome).toMatchObject({ ok: true, version: 2 });
		const after = await ingestDocument(sql(), { text: LATER + '\n\nOppdatert.' });
		if (after.status !== 'new') throw new Error('expected a new document');
		expect((await recordRow(after.recordIds[0])).draft.owner).toBe(OWNER);
	});
});
