import { fail } from '@sveltejs/kit';
import { ACTION_MESSAGES } from '$lib/i18n/action-messages';
import { formProblemText } from '$lib/i18n/form-messages';
import { readFields } from '$lib/server/auth/form-fields';
import { requireUser } from '$lib/server/auth/guard';
import { hasRole } from '$lib/server/auth/roles';
import { sql } from '$lib/server/context';
import { mergeOrganisations, splitOrganisation } from '$lib/server/public/organisation-aliases';
import { refusalText } from '$lib/server/refusal-fail';
import { searchOrganisations, variantsOf } from '$lib/server/public/organisations';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event, 'viewer');
	const q = event.url.searchParams.get('q')?.trim().slice(0, 200) ?? '';
	const found = await searchOrganisations(sql(), q, 1, 100);
	const variants = await variantsOf(
		sql(),
		found.items.map((o) => o.slug)
	);
	return {
		q,
		total: found.total,
		organisations: found.items.map((o) => ({ slug: o.slug, name: o.name, projects: o.projects, variants: variants.get(o.slug) ?? [] })),
		canCurate: hasRole(user, 'approver')
	};
};

export const actions: Actions = {
	/** Joins the ticked organisations to the chosen one: their projects and names show on its page from now on. */
	merge: async function merge(event) {
		const user = requireUser(event, 'approver');
		const { fields, lists, problem } = await readFields(event.request, ['into'], { lists: ['merge'] });
		if (problem) return fail(400, { form: 'merge', ok: false, message: formProblemText(event.locals.lang.lang, problem) });
		const into = fields.into;
		const merged = lists.merge.filter((slug) => slug !== '');
		if (!into) return fail(400, { form: 'merge', ok: false, message: ACTION_MESSAGES[event.locals.lang.lang].chooseKeep });
		if (!merged.length) return fail(400, { form: 'merge', ok: false, message: ACTION_MESSAGES[event.locals.lang.lang].tickToMerge });
		const result = await mergeOrganisations(sql(), into, merged, user.id);
		if (!result.ok) return fail(result.refusal.status, { form: 'merge', ok: false, message: refusalText(result.refusal) });
		return { form: 'merge', ok: true, message: ACTION_MESSAGES[event.locals.lang.lang].mergedInto(result.name, result.into ?? '') };
	},
	/** Shows a merged name variant as its own organisation again. */
	split: async function split(event) {
		const user = requireUser(event, 'approver');
		const { fields, problem } = await readFields(event.request, ['slug']);
		if (problem) return fail(400, { form: 'split', ok: false, message: formProblemText(event.locals.lang.lang, problem) });
		const slug = fields.slug;
		if (!slug) return fail(400, { form: 'split', ok: false, message: ACTION_MESSAGES[event.locals.lang.lang].sayWhichSplit });
		const result = await splitOrganisation(sql(), slug, user.id);
		if (!result.ok) return fail(result.refusal.status, { form: 'split', ok: false, message: refusalText(result.refusal) });
		return { form: 'split', ok: true, message: ACTION_MESSAGES[event.locals.lang.lang].splitFrom(result.name, result.into ?? '') };
	}
};
