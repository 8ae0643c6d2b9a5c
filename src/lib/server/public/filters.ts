/**
 * The WHERE clause of a public search, on `public_projects p`: for the API and the export. The
 * search page applies the same filters on its in-memory index (candidates.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import { ftsQuery } from './fold';
import { AMOUNT_BANDS, FACETS, type AmountBand, type FacetKey, type PublicFilters } from './query';

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

/** One condition per facet of the registry, on the value the filter holds. */
const CONDITIONS: { [K in FacetKey]: (v: NonNullable<PublicFilters[K]>) => SQL | null } = {
	country: (v) => sql`p.country = ${v}`,
	funder: (v) => sql`p.funder = ${v}`,
	programme: (v) => sql`p.programme = ${v}`,
	year: (v) => sql`p.start_year = ${v}`,
	region: (v) => sql`p.id IN (SELECT project_id FROM public_project_regions WHERE region = ${v})`,
	amount: (v) => {
		const band = AMOUNT_BANDS.find((b) => b.id === v);
		return band ? bandCondition(band) : null;
	}
};

export function whereOf(f: PublicFilters): Where {
	const conds: SQL[] = [];
	for (const key of FACETS) {
		const v = f[key];
		const cond = v === null ? null : (CONDITIONS[key] as (v: string | number) => SQL | null)(v);
		if (cond) conds.push(cond);
	}
	const match = ftsQuery(f.q);
	const rest = conds.length ? sql.join(conds, sql` AND `) : sql`1`;
	const all = match ? sql`p.id IN (SELECT rowid FROM public_search WHERE public_search MATCH ${match}) AND ${rest}` : rest;
	return { match, rest, all };
}
