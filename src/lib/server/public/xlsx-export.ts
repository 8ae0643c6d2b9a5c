/**
 * The spreadsheet exports: projects (the same filters as the search page, the columns of
 * the CSV from the registry, typed) and organisations. Both stream in batches.
 */
import { FIELDS } from '../../records/fields';
import { EUR_RATES_DATE, toEur } from '../../records/eur-rates';
import { LIST_SEPARATOR } from '../../records/csv';
import { kindOf } from '../../records/kinds';
import type { Sql } from '../db/sql';
import type { DataLicence } from './licence';
import { listOrganisations, type OrganisationSummary } from './organisations';
import { projectsAfter, type ApiProject } from './projects';
import type { PublicFilters } from './query';
import { xlsxStream, type XlsxColumn } from './xlsx';

const BATCH = 500;

/** The CSV's columns (registry order, amount as value and currency), each cell typed as its kind says, plus the amount in euro. */
export function projectXlsxColumns(): XlsxColumn<ApiProject>[] {
	const fields = FIELDS.filter((f) => f.public || f.kind === 'contacts').flatMap((def) =>
		kindOf(def).csv.map((spec): XlsxColumn<ApiProject> => ({
			header: `${def.key}${spec.suffix}`,
			type: spec.type,
			width: spec.width,
			value: (p) => spec.cell(p[def.key as keyof ApiProject])
		}))
	);
	return [
		{ header: 'id', type: 'text', width: 38, value: (p) => p.id },
		{ header: 'version', type: 'number', width: 8, value: (p) => p.version },
		{ header: 'approvedAt', type: 'time', width: 20, value: (p) => p.approvedAt },
		...fields,
		{ header: 'amountEur', type: 'number', width: 14, value: (p) => (p.amount ? toEur(p.amount) : null) },
		{
			header: 'sources',
			type: 'text',
			width: 40,
			value: (p) => p.sources.map((s) => (s.url ? `${s.title} <${s.url}>` : s.title)).join(LIST_SEPARATOR)
		}
	];
}

export function projectsXlsx(sql: Sql, filters: PublicFilters, licence: DataLicence, origin: string): ReadableStream<Uint8Array> {
	let after: number | null = 0;
	return xlsxStream(
		{
			name: 'Projects',
			columns: projectXlsxColumns(),
			async next() {
				if (after === null) return null;
				const batch = await projectsAfter(sql, filters, after, BATCH);
				after = batch.next;
				return batch.projects.length ? batch.projects : null;
			}
		},
		{
			title: 'Samla: approved projects',
			licence,
			lines: [
				['Source', `${origin}/`],
				['Generated', new Date().toISOString()],
				['Euro rates', `European Central Bank reference rates of ${EUR_RATES_DATE}`]
			]
		}
	);
}

export interface OrganisationColumn {
	header: string;
	type: 'text' | 'number' | 'url';
	value(o: OrganisationSummary): string | number | null;
}

/** The organisations' columns, shared by the CSV and the XLSX. */
export function organisationColumns(origin: string): OrganisationColumn[] {
	return [
		{ header: 'name', type: 'text', value: (o) => o.name },
		{ header: 'variants', type: 'text', value: (o) => o.variants.join(LIST_SEPARATOR) },
		{ header: 'projects', type: 'number', value: (o) => o.projects },
		{ header: 'owner', type: 'number', value: (o) => o.owned },
		{ header: 'partner', type: 'number', value: (o) => o.partnered },
		{ header: 'amountEur', type: 'number', value: (o) => o.eur },
		{ header: 'url', type: 'url', value: (o) => `${origin}/organisations/${o.slug}` }
	];
}

export async function organisationsXlsx(sql: Sql, licence: DataLicence, origin: string): Promise<ReadableStream<Uint8Array>> {
	const all = await listOrganisations(sql);
	let at = 0;
	return xlsxStream(
		{
			name: 'Organisations',
			columns: organisationColumns(origin).map((c) => ({ ...c, width: c.header === 'name' || c.header === 'url' ? 40 : 14 })),
			next() {
				if (at >= all.length) return null;
				const rows = all.slice(at, at + BATCH);
				at += BATCH;
				return rows;
			}
		},
		{
			title: 'Samla: organisations',
			licence,
			lines: [
				['Source', `${origin}/organisations`],
				['Generated', new Date().toISOString()],
				['Euro rates', `European Central Bank reference rates of ${EUR_RATES_DATE}`]
			]
		}
	);
}
