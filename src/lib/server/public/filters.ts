/** The WHERE clause of a public search, on `public_projects p`: shared by the page, the API and the export. */
import { sql, type SQL } from 'drizzle-orm';
import { ftsQuery } from './fold';
import { AMOUNT_BANDS, type AmountBand, type PublicFilters } from './query';

/** Unqualified: used on public_projects and on a search's matching set. */
export function bandCondition(band: AmountBand): SQL {
	return band.max === null ? sql`amount_eur >= ${band.min}` : sql`amount_eur >= ${band.min} AND amount_eur < ${band.max}`;
}

/** The SQL CASE that names the band of amount_eur, built from the same table as the filter. */
export const bandCase: SQL = sql.join(
	[sql`CASE`, ...AMOUNT_BANDS.map((b) => sql`WHEN ${bandCondition(b)} THEN ${b.id}`), sql`END`],
	sql` `
);

export interface Where {
	/** The FTS5 query, when there is text to search for. */
	match: string | null;
	/** Everything but the text search, ANDed; `sql\`1\`` when empty. */
	rest: SQL;
	/** All of it, text search as a subquery: for counts and facets. */
	all: SQL;
	/** Nothing narrows the set: every public project matches. */
	everything: boolean;
}

export function whereOf(f: PublicFilters): Where {
	const conds: SQL[] = [];
	if (f.country) conds.push(sql`p.country = ${f.country}`);
	if (f.funder) conds.push(sql`p.funder = ${f.funder}`);
	if (f.programme) conds.push(sql`p.programme = ${f.programme}`);
	if (f.year !== null) conds.push(sql`p.start_year = ${f.year}`);
	if (f.region) conds.push(sql`p.id IN (SELECT project_id FROM public_project_regions WHERE region = ${f.region})`);
	const band = AMOUNT_BANDS.find((b) => b.id === f.amount);
	if (band) conds.push(bandCondition(band));
	const match = ftsQuery(f.q);
	const rest = conds.length ? sql.join(conds, sql` AND `) : sql`1`;
	const all = match ? sql`p.id IN (SELECT rowid FROM public_search WHERE public_search MATCH ${match}) AND ${rest}` : rest;
	return { match, rest, all, everything: !match && !conds.length };
}
