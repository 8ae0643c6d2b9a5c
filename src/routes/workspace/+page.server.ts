import { requireUser } from '$lib/server/auth/guard';
import { db } from '$lib/server/context';
import { listRecords } from '$lib/server/records/queries';
import { isReviewState } from '$lib/records/review';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireUser(event, 'viewer');
	const { url } = event;
	const q = url.searchParams.get('q')?.slice(0, 200) ?? '';
	const status = url.searchParams.get('status');
	return {
		q,
		status: isReviewState(status) ? status : null,
		records: listRecords(db(), { q, status: isReviewState(status) ? status : undefined })
	};
};
