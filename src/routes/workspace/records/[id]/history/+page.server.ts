import { error, fail, redirect } from '@sveltejs/kit';
import { ACTION_MESSAGES } from '$lib/i18n/action-messages';
import { failWith } from '$lib/server/refusal-fail';
import { diffRecords } from '$lib/records/diff';
import type { ProjectRecord } from '$lib/records/fields';
import { readFields } from '$lib/server/auth/form-fields';
import { formProblemText } from '$lib/i18n/form-messages';
import { requireUser } from '$lib/server/auth/guard';
import { hasRole } from '$lib/server/auth/roles';
import { docs, sql } from '$lib/server/context';
import { getRecord } from '$lib/server/records/queries';
import { getVersion, listVersions } from '$lib/server/records/versions';
import { restoreVersion } from '$lib/server/records/workflow';
import type { Actions, PageServerLoad } from './$types';

/** "draft" or a version number; anything else is ignored rather than an error, as in any shared URL. */
function side(value: string | null): number | 'draft' | null {
	if (value === 'draft') return 'draft';
	const n = Number(value);
	return Number.isInteger(n) && n > 0 ? n : null;
}

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event, 'viewer');
	const detail = await getRecord(sql(), event.params.id);
	const live = detail && (await docs().snapshot(event.params.id));
	if (!detail || !live) error(404, 'No record with that id');
	const versions = await listVersions(sql(), event.params.id);
	const latest = versions[0]?.version ?? null;

	const read = async (s: number | 'draft' | null): Promise<ProjectRecord | null> =>
		s === 'draft' ? live.record : s === null ? null : ((await getVersion(sql(), event.params.id, s))?.data ?? null);
	// By default: what changed since the last approval, or what the last approval changed.
	let to = side(event.url.searchParams.get('to')) ?? 'draft';
	let from = side(event.url.searchParams.get('from')) ?? (to === 'draft' ? latest : to - 1 || null);
	if (to !== 'draft' && !(await read(to))) to = 'draft';
	if (from !== null && from !== 'draft' && !(await read(from))) from = null;

	return {
		record: { id: detail.record.id, title: live.record.title, review: live.review, approvedVersion: detail.record.approvedVersion },
		versions,
		from,
		to,
		changes: diffRecords(await read(from), (await read(to)) ?? live.record, event.locals.lang.lang),
		canRestore: hasRole(user, 'approver')
	};
};

export const actions: Actions = {
	restore: async function restore(event) {
		const user = requireUser(event, 'approver');
		const { fields, problem } = await readFields(event.request, ['version']);
		if (problem) return fail(400, { form: 'restore', message: formProblemText(event.locals.lang.lang, problem) });
		const version = Number(fields.version);
		if (!Number.isInteger(version) || version < 1) {
			return fail(400, { form: 'restore', message: ACTION_MESSAGES[event.locals.lang.lang].chooseVersion });
		}
		const outcome = await restoreVersion(
			{ sql: sql(), docs: docs() },
			{ recordId: event.params.id, version, user, clientAddress: event.getClientAddress() }
		);
		if (!outcome.ok) return failWith('restore', outcome);
		redirect(303, `/workspace/records/${event.params.id}?restored=${version}&changed=${outcome.changed.join(',')}`);
	}
};
