/**
 * The WHERE clause of a public search, on `public_projects p`: for the API and the export. The
 * search page applies the same filters on its in-memory index (candidates.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import { FACET_FIELDS } from '../../records/fields';
import { facetKind } from '../../records/kinds';
import { ftsQuery } from './fold';
import type { PublicFilters } from './query';

export interface Where {
	/** The FTS5 query, when there is text to search for. */
	match: string | null;
	/** Everything but the text search, ANDed; `sql\`1\`` when empty. */
	rest: SQL;
	/** All of it, text search as a subquery: for counts. */
	all: SQL;
}

/** One condition per facet of the registry: on its column of public_projects, or its rows for a list. */
function condition(def: (typeof FACET_FIELDS)[number], value: string | number): SQL {
	const facet = facetKind(def);
	return facet.store === 'rows'
		? sql`p.id IN (SELECT project_id FROM public_project_facet_values WHERE facet = ${def.key} AND value = ${value})`
		: sql`${sql.identifier('p')}.${sql.identifier(facet.column(def.key))} = ${value}`;
}

export function whereOf(f: PublicFilters): Where {
	const conds: SQL[] = [];
	for (const def of FACET_FIELDS) {
		const v = f[def.facet.param];
		if (v !== null) conds.push(condition(def, v));
	}
	const match = ftsQuery(f.q);
	const rest = conds.length ? sql.join(conds, sql` AND `) : sql`1`;
	const all = match ? sql`p.id IN (SELECT rowid FROM public_search WHERE public_search MATCH ${match}) AND ${rest}` : rest;
	return { match, rest, all };
}
