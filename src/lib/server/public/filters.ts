/**
 * The WHERE clause of a public search, on `public_projects p`: for the API and the export. The
 * search page applies the same filters on its in-memory index (candidates.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import { ftsQuery } from './fold';
import { AMOUNT_BANDS, type AmountBand, type PublicFilters } from './query';

function bandCondition(band: AmountBand): SQL {
	return band.max === null ? sql`p.amount_eur >= ${band.min}` : sql`p.amount_eur >= ${band.min} AND p.amount_eur < ${band.max}`;
}

export interface Where {
	/** The FTS5 query, when there is text to search for. */
	match: string | null;
	/** Everything but the text search, ANDed; `sql\`1\`` when empty. */
	rest: SQL;
	/** All of it, text search as a subquery: for counts. */
	all: SQL;
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
	return { match, rest, all };
}
