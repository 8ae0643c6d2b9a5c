import { listAudit } from '$lib/server/audit';
import { requireUser } from '$lib/server/auth/guard';
import { db } from '$lib/server/context';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = (event) => {
	requireUser(event, 'admin');
	const asked = Number(event.url.searchParams.get('page') ?? '1');
	const page = Number.isInteger(asked) && asked >= 1 ? asked : 1;
	const { entries, total } = listAudit(db(), { page, pageSize: PAGE_SIZE });
	return { entries, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), total };
};
