import { error } from '@sveltejs/kit';
import { FIELDS, isFieldKey } from '$lib/records/fields';
import { segmentText } from '$lib/records/spans';
import { requireUser } from '$lib/server/auth/guard';
import { db } from '$lib/server/context';
import { getRecord } from '$lib/server/records/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireUser(event, 'viewer');
	const { params, url } = event;
	const detail = getRecord(db(), params.id);
	if (!detail) error(404, 'No record with that id');
	const { record, document, provenance } = detail;
	const field = url.searchParams.get('field');
	return {
		record: { id: record.id, title: record.title, status: record.status, draft: record.draft, sameAsId: record.sameAsId },
		document: {
			id: document.id,
			title: document.title,
			language: document.language,
			fileName: document.fileName,
			sourceUrl: document.sourceUrl
		},
		provenance: provenance.map((p) => ({
			id: String(p.id),
			field: p.field,
			index: p.itemIndex,
			start: p.start,
			end: p.end,
			snippet: p.snippet,
			rule: p.rule,
			confidence: p.confidence
		})),
		segments: segmentText(
			document.content,
			provenance.map((p) => ({ id: String(p.id), start: p.start, end: p.end }))
		),
		selectedField: field && isFieldKey(field) ? field : null,
		fieldKeys: FIELDS.map((f) => f.key)
	};
};
