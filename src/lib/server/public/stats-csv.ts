/** Each statistics chart's figures as CSV, the same numbers as its table. */
import { csvLine } from '../../records/csv';
import type { Sql } from '../db/sql';
import { guardFormula } from './formula-guard';
import { fundingByYearAndProgramme, fundingStats, type FundingRow } from './stats';

export const STATS_GROUPS = ['country', 'programme', 'year', 'year-programme'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

export function isStatsGroup(v: string): v is StatsGroup {
	return (STATS_GROUPS as readonly string[]).includes(v);
}

const text = (v: string | null) => (v === null ? null : guardFormula(v));

function fundingCsv(key: string, rows: FundingRow[]): string {
	const lines = [csvLine([key, 'projects', 'projectsWithEurAmount', 'projectsWithoutEurAmount', 'eur', 'asGranted'])];
	for (const r of rows) {
		lines.push(
			csvLine([
				text(r.key),
				r.projects,
				r.converted,
				r.projects - r.converted,
				Math.round(r.eur * 100) / 100,
				text(r.original.map((m) => `${m.value} ${m.currency}`).join('; '))
			])
		);
	}
	return lines.join('');
}

export async function statsCsv(sql: Sql, group: StatsGroup): Promise<string> {
	if (group === 'year-programme') {
		const s = await fundingByYearAndProgramme(sql);
		const lines = [
			csvLine(['startYear', ...s.programmes.map((p) => text(p ?? 'other programmes')), 'eur', 'projects', 'projectsWithoutEurAmount'])
		];
		for (const r of s.rows) {
			const round = r.eur.map((e) => Math.round(e * 100) / 100);
			lines.push(
				csvLine([r.year, ...round, Math.round(r.eur.reduce((a, b) => a + b, 0) * 100) / 100, r.projects, r.projects - r.converted])
			);
		}
		return `\uFEFF${lines.join('')}`;
	}
	const stats = await fundingStats(sql);
	const rows = group === 'country' ? stats.byCountry : group === 'programme' ? stats.byProgramme : stats.byYear;
	return `\uFEFF${fundingCsv(group === 'year' ? 'startYear' : group, rows)}`;
}
