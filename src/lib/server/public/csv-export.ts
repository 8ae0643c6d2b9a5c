/**
 * The CSV export, streamed: each pull of the stream reads the next batch by key, so memory
 * stays flat however many projects there are, and no statement stays open between pulls
 * (the one database connection keeps serving other requests while a download is slow).
 */
import { csvLine, LIST_SEPARATOR, recordColumns, type CsvColumn } from '../../records/csv';
import type { Sql } from '../db/sql';
import { projectsAfter, type ApiProject } from './projects';
import type { PublicFilters } from './query';

const BATCH = 500;

export const CSV_COLUMNS: CsvColumn<ApiProject>[] = [
	{ name: 'id', value: (p) => p.id },
	{ name: 'version', value: (p) => p.version },
	{ name: 'approvedAt', value: (p) => p.approvedAt },
	...recordColumns(),
	{ name: 'sources', value: (p) => p.sources.map((s) => (s.url ? `${s.title} <${s.url}>` : s.title)).join(LIST_SEPARATOR) }
];

export function csvStream(sql: Sql, filters: PublicFilters): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	let after: number | null = 0;
	return new ReadableStream<Uint8Array>({
		start(controller) {
			// The BOM tells Excel the file is UTF-8, so å, ø and æ survive a double-click.
			controller.enqueue(encoder.encode(`\uFEFF${csvLine(CSV_COLUMNS.map((c) => c.name))}`));
		},
		async pull(controller) {
			if (after === null) return controller.close();
			const batch = await projectsAfter(sql, filters, after, BATCH);
			after = batch.next;
			const text = batch.projects.map((p) => csvLine(CSV_COLUMNS.map((c) => c.value(p)))).join('');
			if (text) controller.enqueue(encoder.encode(text));
			if (after === null) controller.close();
		}
	});
}
