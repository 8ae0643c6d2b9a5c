import { asc } from 'drizzle-orm';
import { startOfDay } from '$lib/i18n/format';
import { auditActions, listAudit } from '$lib/server/audit';
import { actionLabel, presentAudit } from '$lib/server/audit-view';
import { requireUser } from '$lib/server/auth/guard';
import { sql } from '$lib/server/context';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The day after `day`, as `YYYY-MM-DD` (the "to" day is included). */
const nextDay = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

export const load: PageServerLoad = async (event) => {
	requireUser(event, 'admin');
	const lang = event.locals.lang.lang;
	const params = event.url.searchParams;
	const asked = Number(params.get('page') ?? '1');
	const page = Number.isInteger(asked) && asked >= 1 ? asked : 1;

	const { users } = sql().t;
	const people = await sql().db.select({ id: users.id, name: users.name, email: users.email }).from(users).orderBy(asc(users.name));
	const actions = await auditActions(sql());
	const person = params.get('person') || '';
	const action = params.get('action') || '';
	const fromDay = params.get('from') || '';
	const toDay = params.get('to') || '';
	const from = fromDay ? startOfDay(fromDay) : null;
	const to = toDay ? startOfDay(nextDay(toDay)) : null;
	const problems = [
		...(fromDay && !from ? [`"${fromDay}" is not a date; write it as YYYY-MM-DD.`] : []),
		...(toDay && !to ? [`"${toDay}" is not a date; write it as YYYY-MM-DD.`] : []),
		...(from && to && from >= to ? ['The start date is after the end date, so nothing can match.'] : [])
	];

	const { entries, total } = await listAudit(sql(), {
		page,
		pageSize: PAGE_SIZE,
		actorId: person || null,
		action: action || null,
		from,
		to
	});
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const filterParams = new URLSearchParams();
	for (const [k, v] of [
		['person', person],
		['action', action],
		['from', fromDay],
		['to', toDay]
	])
		if (v) filterParams.set(k, v);
	const pageHref = (p: number) => {
		const q = new URLSearchParams(filterParams);
		if (p > 1) q.set('page', String(p));
		const s = q.toString();
		return s ? `?${s}` : '?';
	};

	return {
		rows: await presentAudit(sql(), entries, lang),
		total,
		page,
		pages,
		filtered: filterParams.size > 0,
		filters: { person, action, from: fromDay, to: toDay },
		problems,
		people: people.map((p) => ({ id: p.id, label: p.name && p.name !== p.email ? `${p.name} (${p.email})` : p.email })),
		actions: actions.map((a) => ({ value: a, label: actionLabel(a, lang) })).sort((a, b) => a.label.localeCompare(b.label)),
		newerHref: page > 1 ? pageHref(page - 1) : null,
		olderHref: page < pages ? pageHref(page + 1) : null
	};
};
