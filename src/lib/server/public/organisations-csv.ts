/** The organisations as CSV: the XLSX's columns, text through the shared formula guard. */
import { csvLine } from '../../records/csv';
import type { Sql } from '../db/sql';
import { guardFormula } from './formula-guard';
import { listOrganisations } from './organisations';
import { organisationColumns } from './xlsx-export';

export async function organisationsCsv(sql: Sql, origin: string): Promise<string> {
	const columns = organisationColumns(origin);
	const lines = [csvLine(columns.map((c) => c.header))];
	for (const o of await listOrganisations(sql)) {
		lines.push(
			csvLine(
				columns.map((c) => {
					const v = c.value(o);
					return typeof v === 'string' ? guardFormula(v) : v;
				})
			)
		);
	}
	// The BOM tells Excel the file is UTF-8.
	return `\uFEFF${lines.join('')}`;
}
