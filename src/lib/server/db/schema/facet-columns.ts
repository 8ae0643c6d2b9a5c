import { FACET_FIELDS } from '../../../records/fields';
import { facetKind } from '../../../records/kinds';

/**
 * The facet columns of public_projects, one per facet of the field registry whose kind keeps
 * a single value (a list's values are rows of public_project_facet_values), named by the
 * kind (`country`, `start_year`, `amount_band`…). Both dialects build their table from this
 * one list, so a facet added to the registry lands in SQLite and PostgreSQL alike.
 */
const FACET_COLUMNS = FACET_FIELDS.flatMap((def) => {
	const facet = facetKind(def);
	return facet.store === 'rows' ? [] : [{ name: facet.column(def.key), store: facet.store }];
});

/** The dialect's column builders for the two stores a facet column has. */
export interface FacetColumnBuilders<T, I> {
	text(name: string): T;
	integer(name: string): I;
}

/** The facet columns as a table's column map, built with one dialect's builders. */
export function facetColumns<T, I>(build: FacetColumnBuilders<T, I>): Record<string, T | I> {
	return Object.fromEntries(FACET_COLUMNS.map(({ name, store }) => [name, build[store](name)]));
}

/** One index per facet column (`public_projects_<column>_idx`), built with the dialect's `index`. */
export function facetIndexes<C, I>(table: object, indexOn: (indexName: string, column: C) => I): I[] {
	const columns = table as Record<string, C>;
	return FACET_COLUMNS.map(({ name }) => indexOn(`public_projects_${name}_idx`, columns[name]));
}
