/**
 * The review queue's query: its filters and sort as the URL carries them. A saved view is
 * this query string, parsed by the same function, so a view means exactly what its link means.
 * Pure: the page builds links with it and the server parses with it.
 */
import { isReviewState, type ReviewState } from './review';

/** Columns the queue sorts by; `confidence` is the extractor's least sure field, lowest first by default. */
export const QUEUE_SORTS = ['title', 'owner', 'amount', 'status', 'assignee', 'source', 'confidence', 'updated'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/* The columns' names, per language: WORKFLOW_MESSAGES[lang].sortLabels (src/lib/i18n/workflow-messages.ts). */

/** The direction a column sorts in when first chosen: what needs a human most, or the newest, first. */
export const DEFAULT_DIRECTION: Record<QueueSort, 'asc' | 'desc'> = {
	title: 'asc',
	owner: 'asc',
	amount: 'desc',
	status: 'asc',
	assignee: 'asc',
	source: 'asc',
	confidence: 'asc',
	updated: 'desc'
};

export function isQueueSort(v: unknown): v is QueueSort {
	return typeof v === 'string' && (QUEUE_SORTS as readonly string[]).includes(v);
}

export interface QueueQuery {
	q: string;
	status: ReviewState | null;
	document: string | null;
	funder: string | null;
	country: string | null;
	changed: boolean;
	/** `me` (whoever looks), `none`, or a person's id. */
	assigned: string | null;
	sort: QueueSort | null;
	dir: 'asc' | 'desc';
}

const MAX_PARAM = 200;

export function parseQueueQuery(params: URLSearchParams): QueueQuery {
	const param = (name: string) => params.get(name)?.trim().slice(0, MAX_PARAM) || null;
	const status = params.get('status');
	const sort = params.get('sort');
	const dir = params.get('dir');
	return {
		q: param('q') ?? '',
		status: isReviewState(status) ? status : null,
		document: param('document'),
		funder: param('funder'),
		country: param('country'),
		changed: params.get('changed') === '1',
		assigned: param('assigned'),
		sort: isQueueSort(sort) ? sort : null,
		dir: dir === 'asc' || dir === 'desc' ? dir : isQueueSort(sort) ? DEFAULT_DIRECTION[sort] : 'asc'
	};
}

/** The query as a canonical string (fixed order, defaults left out): equal queries give equal strings. */
export function queueQueryString(query: QueueQuery): string {
	const out = new URLSearchParams();
	if (query.q) out.set('q', query.q);
	if (query.status) out.set('status', query.status);
	if (query.document) out.set('document', query.document);
	if (query.funder) out.set('funder', query.funder);
	if (query.country) out.set('country', query.country);
	if (query.changed) out.set('changed', '1');
	if (query.assigned) out.set('assigned', query.assigned);
	if (query.sort) {
		out.set('sort', query.sort);
		if (query.dir !== DEFAULT_DIRECTION[query.sort]) out.set('dir', query.dir);
	}
	return out.toString();
}

/** The link that sorts by `column`: first in its default direction, then the other way. */
export function sortLink(query: QueueQuery, column: QueueSort): string {
	const dir = query.sort === column ? (query.dir === 'asc' ? 'desc' : 'asc') : DEFAULT_DIRECTION[column];
	return `?${queueQueryString({ ...query, sort: column, dir })}`;
}
