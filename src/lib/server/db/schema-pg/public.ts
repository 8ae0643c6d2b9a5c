import { bigint, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, type PgColumn } from 'drizzle-orm/pg-core';
import type { PublicRecord, PublicSource } from '../../../records/public-record';
import { facetColumns, facetIndexes } from '../schema/facet-columns';
import { ORGANISATION_ROLES } from '../schema/public';
import { records } from './records';
import { at } from './types';

/**
 * The PostgreSQL twin of schema/public.ts. Its full-text index is the table
 * `public_search` (tsvector + GIN) of the custom migration drizzle/pg/*_public_search.sql,
 * as SQLite's is the FTS5 table of drizzle/0002_public_search.sql.
 */
export const publicProjects = pgTable(
	'public_projects',
	{
		/** An identity never hands out an id twice, as SQLite's AUTOINCREMENT: API cursors stay meaningful. */
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		recordId: text('record_id')
			.notNull()
			.unique()
			.references(() => records.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		approvedAt: at('approved_at').notNull(),
		sortTitle: text('sort_title').notNull(),
		startDate: text('start_date'),
		amountValue: doublePrecision('amount_value'),
		amountCurrency: text('amount_currency'),
		amountEur: doublePrecision('amount_eur'),
		...facetColumns({ text: (name) => text(name), integer: (name) => integer(name) })
	},
	(t) => [
		index('public_projects_sort_title_idx').on(t.sortTitle),
		index('public_projects_amount_eur_idx').on(t.amountEur),
		index('public_projects_start_date_idx').on(t.startDate),
		...facetIndexes(t, (name, column: PgColumn) => index(name).on(column))
	]
);

export type PublicProjectRow = typeof publicProjects.$inferSelect;

export const publicProjectRecords = pgTable('public_project_records', {
	projectId: integer('project_id')
		.primaryKey()
		.references(() => publicProjects.id, { onDelete: 'cascade' }),
	record: jsonb('record').$type<PublicRecord>().notNull(),
	sources: jsonb('sources').$type<PublicSource[]>().notNull()
});

export type PublicProjectRecordRow = typeof publicProjectRecords.$inferSelect;

export const publicProjectFacetValues = pgTable(
	'public_project_facet_values',
	{
		projectId: integer('project_id')
			.notNull()
			.references(() => publicProjects.id, { onDelete: 'cascade' }),
		facet: text('facet').notNull(),
		value: text('value').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.projectId, t.facet, t.value] }),
		index('public_project_facet_values_value_idx').on(t.facet, t.value, t.projectId)
	]
);

export type PublicProjectFacetValueRow = typeof publicProjectFacetValues.$inferSelect;

/** bigint generation: bumped on every publish by every process, as SQLite's 64-bit integer. */
export const publicState = pgTable('public_state', {
	id: integer('id').primaryKey(),
	generation: bigint('generation', { mode: 'number' }).notNull(),
	changedAt: at('changed_at').notNull()
});

export type PublicStateRow = typeof publicState.$inferSelect;

/** The change log of the public projects: see schema/public.ts. Generations are bigint as public_state's. */
export const publicChanges = pgTable(
	'public_changes',
	{
		generation: bigint('generation', { mode: 'number' }).notNull(),
		projectId: integer('project_id').notNull()
	},
	(t) => [primaryKey({ columns: [t.generation, t.projectId] })]
);

export type PublicChangeRow = typeof publicChanges.$inferSelect;

export const publicOrganisations = pgTable('public_organisations', {
	id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
	key: text('key').notNull().unique(),
	name: text('name').notNull(),
	slug: text('slug').notNull().unique()
});

export type PublicOrganisationRow = typeof publicOrganisations.$inferSelect;

export const publicProjectOrganisations = pgTable(
	'public_project_organisations',
	{
		projectId: integer('project_id')
			.notNull()
			.references(() => publicProjects.id, { onDelete: 'cascade' }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => publicOrganisations.id),
		role: text('role', { enum: ORGANISATION_ROLES }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.projectId, t.organisationId, t.role] }),
		index('public_project_organisations_org_idx').on(t.organisationId, t.projectId)
	]
);

export type PublicProjectOrganisationRow = typeof publicProjectOrganisations.$inferSelect;

export const organisationAliases = pgTable(
	'organisation_aliases',
	{
		organisationId: integer('organisation_id')
			.primaryKey()
			.references(() => publicOrganisations.id),
		canonicalId: integer('canonical_id')
			.notNull()
			.references(() => publicOrganisations.id),
		mergedBy: text('merged_by'),
		mergedAt: at('merged_at').notNull()
	},
	(t) => [index('organisation_aliases_canonical_idx').on(t.canonicalId)]
);

export type OrganisationAliasRow = typeof organisationAliases.$inferSelect;
