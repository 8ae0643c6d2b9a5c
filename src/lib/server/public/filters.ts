/**
 * The facet filters of a public search as conditions on public_projects, for the API and the
 * exports, on either database. The text search is not among them: its words are matched on
 * the process's search index (search-index.ts `matchingIds`), the only full-text index
 * PostgreSQL mode has. The search page applies the same filters in memory (candidates.ts).
 */
import { and, eq, getTableColumns, inArray, type SQL } from 'drizzle-orm';
import { FACET_FIELDS } from '../../records/fields';
import { facetKind } from '../../records/kinds';
import type { Sql } from '../db/sql';
import type { PublicFilters } from './query';

/** One condition per facet that is set: on its column of public_projects, or its rows for a list. */
export function facetWhere(sql: Sql, f: PublicFilters): SQL | undefined {
	const { publicProjects, publicProjectFacetValues } = sql.t;
	const columns = Object.values(getTableColumns(publicProjects));
	const conds: SQL[] = [];
	for (const def of FACET_FIELDS) {
		const value = f[def.facet.param];
		if (value === null) continue;
		const facet = facetKind(def);
		if (facet.store === 'rows') {
			const members = sql.db
				.select({ id: publicProjectFacetValues.projectId })
				.from(publicProjectFacetValues)
				.where(and(eq(publicProjectFacetValues.facet, def.key), eq(publicProjectFacetValues.value, String(value))));
			conds.push(inArray(publicProjects.id, members));
		} else {
			const name = facet.column(def.key);
			conds.push(
				eq(
					columns.find((c) => c.name === name)!,
					value
				)
			);
		}
	}
	return conds.length ? and(...conds) : undefined;
}
