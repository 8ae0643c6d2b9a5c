import { fail, type RequestEvent } from '@sveltejs/kit';
import { readFields } from '$lib/server/auth/form-fields';
import { formProblemText } from '$lib/i18n/form-messages';
import { requireUser } from '$lib/server/auth/guard';
import { hasRole } from '$lib/server/auth/roles';
import { auditSql } from '$lib/server/audit';
import { docs, sql } from '$lib/server/context';
import { failWith, refusalText } from '$lib/server/refusal-fail';
import { assignRecord, listAssignable } from '$lib/server/records/assign';
import { countRecords, listRecords, queueFacets, queueFilter } from '$lib/server/records/queries';
import { sameProjectPairs } from '$lib/server/records/same-project';
import { deleteView, listViews, MAX_VIEW_NAME, saveView } from '$lib/server/records/views';
import { approveRecord } from '$lib/server/records/workflow';
import { ACTION_MESSAGES, type ActionMessages } from '$lib/i18n/action-messages';
import { REFUSAL_MESSAGES } from '$lib/i18n/refusal-messages';
import { fieldDef } from '$lib/records/fields';
import { issueText } from '$lib/records/kinds';
import { parseQueueQuery, queueQueryString } from '$lib/records/queue';
import type { Actions, PageServerLoad } from './$types';

const MAX_BULK = 200;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event, 'viewer');
	// The live feed invalidates this when a record changes, is assigned or moves.
	event.depends('samla:queue');
	const query = parseQueueQuery(event.url.searchParams);
	const { filter, sort } = queueFilter(query, user.id);
	const current = queueQueryString(query);
	const views = await Promise.all(
		(await listViews(sql(), user)).map(async (v) => ({
			...v,
			count: await countRecords(sql(), queueFilter(parseQueueQuery(new URLSearchParams(v.query)), user.id).filter)
		}))
	);
	return {
		query,
		/** The query as a canonical string: a saved view whose query equals it is the one shown. */
		current,
		filter: {
			q: query.q,
			status: query.status,
			documentId: query.document,
			funder: query.funder,
			country: query.country,
			changedSinceApproved: query.changed,
			assigned: query.assigned
		},
		records: await listRecords(sql(), filter, sort),
		facets: await queueFacets(sql()),
		views,
		people: await listAssignable(sql()),
		me: { id: user.id },
		/** Records that may be the same project as another: "possibly the same project as …". */
		sameProject: Object.fromEntries(await sameProjectPairs(sql())),
		/** People on each record right now (live editing). */
		present: Object.fromEntries(docs().presence()),
		canApprove: hasRole(user, 'approver'),
		canAssign: hasRole(user, 'editor'),
		canShareViews: hasRole(user, 'approver'),
		maxViewName: MAX_VIEW_NAME
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

/** What a bulk action says when nothing, or too much, is selected. */
const SELECTION: Record<'bulkApprove' | 'bulkAssign', (t: ActionMessages) => { none: string; tooMany: string }> = {
	bulkApprove: (t) => ({ none: t.selectToApprove, tooMany: t.approveAtMost(MAX_BULK) }),
	bulkAssign: (t) => ({ none: t.selectToAssign, tooMany: t.assignAtMost(MAX_BULK) })
};

/** The ids ticked in the queue, or the refusal to show. */
async function selectedIds(event: RequestEvent, form: keyof typeof SELECTION, extra: string[] = []) {
	const { fields, lists, problem } = await readFields(event.request, extra, { lists: ['id'], maxItems: 10 * MAX_BULK });
	if (problem) return { refusal: fail(400, { form, message: formProblemText(event.locals.lang.lang, problem), results: [] }) };
	const ids = lists.id;
	const say = SELECTION[form](ACTION_MESSAGES[event.locals.lang.lang]);
	if (!ids.length) return { refusal: fail(400, { form, message: say.none, results: [] }) };
	if (ids.length > MAX_BULK) return { refusal: fail(400, { form, message: say.tooMany, results: [] }) };
	return { ids, fields };
}

export const actions: Actions = {
	/** Approves every selected record that validates; each record answers for itself. */
	bulkApprove: async function bulkApprove(event) {
		const user = requireUser(event, 'approver');
		const picked = await selectedIds(event, 'bulkApprove');
		if (picked.refusal) return picked.refusal;
		const { ids } = picked;
		const lang = event.locals.lang.lang;
		const t = ACTION_MESSAGES[lang];
		const known = new Map((await listRecords(sql(), { includeRejected: true })).map((r) => [r.id, r]));
		const results: BulkResult[] = [];
		for (const id of ids) {
			const row = known.get(id);
			if (!row) {
				results.push({ id, title: id, ok: false, message: REFUSAL_MESSAGES[lang].noRecord, reasons: [] });
				continue;
			}
			const outcome = await approveRecord(
				{ sql: sql(), docs: docs() },
				{ recordId: id, expectedVersion: row.approvedVersion, user, clientAddress: event.getClientAddress(), bulk: true }
			);
			results.push(
				outcome.ok
					? { id, title: row.title, ok: true, message: t.approvedAs(outcome.version), reasons: [] }
					: {
							id,
							title: row.title,
							ok: false,
							message: refusalText(outcome),
							reasons: (outcome.issues ?? []).map((i) => `${fieldDef(i.field).labels[lang]}: ${issueText(i, lang)}`)
						}
			);
		}
		const approved = results.filter((r) => r.ok).length;
		await auditSql(sql(), sql().db, {
			action: 'record.bulk_approved',
			actorId: user.id,
			targetType: 'record',
			detail: { selected: ids.length, approved, records: results.map(({ id, ok }) => ({ id, ok })) },
			clientAddress: event.getClientAddress()
		});
		return { form: 'bulkApprove', message: t.approvedOf(approved, ids.length), results };
	},

	/** Hands every selected record to one person (or to nobody); each record answers for itself. */
	bulkAssign: async function bulkAssign(event) {
		const user = requireUser(event, 'editor');
		const picked = await selectedIds(event, 'bulkAssign', ['assignee']);
		if (picked.refusal) return picked.refusal;
		const { ids, fields } = picked;
		const t = ACTION_MESSAGES[event.locals.lang.lang];
		const assigneeId = fields.assignee || null;
		const titles = new Map((await listRecords(sql(), { includeRejected: true })).map((r) => [r.id, r.title]));
		const results: BulkResult[] = [];
		for (const id of ids) {
			const outcome = await assignRecord(sql(), {
				recordId: id,
				assigneeId,
				actor: user,
				clientAddress: event.getClientAddress(),
				bulk: true
			});
			const title = titles.get(id) ?? id;
			if (!outcome.ok) {
				// Who may be assigned is the same for every record: say it once, not fifty times.
				if (outcome.code === 'invalid' || outcome.code === 'forbidden') return failWith('bulkAssign', outcome);
				results.push({ id, title, ok: false, message: refusalText(outcome), reasons: [] });
				continue;
			}
			const message = outcome.assignee
				? (outcome.changed ? t.assignedTo : t.alreadyAssignedTo)(outcome.assignee.name)
				: outcome.changed
					? t.unassigned
					: t.wasNotAssigned;
			results.push({ id, title, ok: true, message, reasons: [] });
		}
		const done = results.filter((r) => r.ok).length;
		return { form: 'bulkAssign', message: (assigneeId ? t.assignedOf : t.unassignedOf)(done, ids.length), results };
	},

	saveView: async function saveViewAction(event) {
		const user = requireUser(event, 'viewer');
		const { fields, problem } = await readFields(event.request, ['name', 'query', 'shared']);
		if (problem) return fail(400, { form: 'saveView', message: formProblemText(event.locals.lang.lang, problem), results: [] });
		const outcome = await saveView(sql(), {
			user,
			name: fields.name,
			query: fields.query,
			shared: fields.shared === 'on',
			clientAddress: event.getClientAddress()
		});
		if (!outcome.ok) return failWith('saveView', outcome);
		return { form: 'saveView', message: ACTION_MESSAGES[event.locals.lang.lang].viewSaved(outcome.view.name), results: [] };
	},

	deleteView: async function deleteViewAction(event) {
		const user = requireUser(event, 'viewer');
		const { fields, problem } = await readFields(event.request, ['viewId']);
		if (problem) return fail(400, { form: 'deleteView', message: formProblemText(event.locals.lang.lang, problem), results: [] });
		const outcome = await deleteView(sql(), { user, id: fields.viewId, clientAddress: event.getClientAddress() });
		if (!outcome.ok) return failWith('deleteView', outcome);
		return { form: 'deleteView', message: ACTION_MESSAGES[event.locals.lang.lang].viewDeleted, results: [] };
	}
};
