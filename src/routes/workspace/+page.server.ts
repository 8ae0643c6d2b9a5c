import { fail } from '@sveltejs/kit';
import { readFields } from '$lib/server/auth/form-fields';
import { requireUser } from '$lib/server/auth/guard';
import { hasRole } from '$lib/server/auth/roles';
import { audit } from '$lib/server/audit';
import { db, docs } from '$lib/server/context';
import { listRecords, queueFacets } from '$lib/server/records/queries';
import { sameProjectPairs } from '$lib/server/records/same-project';
import { approveRecord } from '$lib/server/records/workflow';
import { fieldDef } from '$lib/records/fields';
import { isReviewState } from '$lib/records/review';
import type { Actions, PageServerLoad } from './$types';

const MAX_BULK = 200;

export const load: PageServerLoad = (event) => {
	const user = requireUser(event, 'viewer');
	const { searchParams } = event.url;
	const param = (name: string) => searchParams.get(name)?.slice(0, 200) || undefined;
	const status = searchParams.get('status');
	const filter = {
		q: param('q') ?? '',
		status: isReviewState(status) ? status : undefined,
		documentId: param('document'),
		funder: param('funder'),
		country: param('country'),
		changedSinceApproved: searchParams.get('changed') === '1'
	};
	return {
		filter: { ...filter, status: filter.status ?? null },
		records: listRecords(db(), filter),
		facets: queueFacets(db()),
		/** Records that may be the same project as another: "possibly the same project as …". */
		sameProject: Object.fromEntries(sameProjectPairs(db())),
		/** People on each record right now (live editing). */
		present: Object.fromEntries(docs().presence()),
		canApprove: hasRole(user, 'approver')
	};
};

export interface BulkResult {
	id: string;
	title: string;
	ok: boolean;
	message: string;
	/** What blocks approval, field by field, as the record page lists it. */
	reasons: string[];
}

export const actions: Actions = {
	/** Approves every selected record that validates; each record answers for itself. */
	bulkApprove: async function bulkApprove(event) {
		const user = requireUser(event, 'approver');
		const { lists, problem } = await readFields(event.request, [], { lists: ['id'], maxItems: 10 * MAX_BULK });
		if (problem) return fail(400, { form: 'bulkApprove', message: problem, results: [] });
		const ids = lists.id;
		if (!ids.length) return fail(400, { form: 'bulkApprove', message: 'Select the records to approve.', results: [] });
		if (ids.length > MAX_BULK) {
			return fail(400, { form: 'bulkApprove', message: `Approve at most ${MAX_BULK} records at once.`, results: [] });
		}
		const known = new Map(listRecords(db(), { includeRejected: true }).map((r) => [r.id, r]));
		const results: BulkResult[] = [];
		for (const id of ids) {
			const row = known.get(id);
			if (!row) {
				results.push({ id, title: id, ok: false, message: 'No record with that id.', reasons: [] });
				continue;
			}
			const outcome = await approveRecord(
				{ db: db(), docs: docs() },
				{ recordId: id, expectedVersion: row.approvedVersion, user, clientAddress: event.getClientAddress(), bulk: true }
			);
			results.push(
				outcome.ok
					? { id, title: row.title, ok: true, message: `Approved as v${outcome.version}.`, reasons: [] }
					: {
							id,
							title: row.title,
							ok: false,
							message: outcome.message,
							reasons: (outcome.issues ?? []).map((i) => `${fieldDef(i.field).labels.en}: ${i.message}`)
						}
			);
		}
		const approved = results.filter((r) => r.ok).length;
		audit(db(), {
			action: 'record.bulk_approved',
			actorId: user.id,
			targetType: 'record',
			detail: { selected: ids.length, approved, records: results.map(({ id, ok }) => ({ id, ok })) },
			clientAddress: event.getClientAddress()
		});
		return { form: 'bulkApprove', message: `${approved} of ${ids.length} approved.`, results };
	}
};
