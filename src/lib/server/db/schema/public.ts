import { index, integer, primaryKey, real, sqliteTable, text, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { PublicRecord, PublicSource } from '../../../records/public-record';
import { facetColumns, facetIndexes } from './facet-columns';
import { records } from './records';

/**
 * The public search index: one row per published record, the latest approved version's
 * public fields flattened for filtering, facets and sorting. Kept narrow on purpose: a
 * search joins every text match to this table, and at 100,000 rows that join is 4x faster
 * when the JSON lives in public_project_records instead. Written only by
 * public/index-projects.ts; the FTS5 table `public_search` (a custom migration) shares
 * `id` as its rowid.
 */
export const publicProjects = sqliteTable(
	'public_projects',
	{
		/** AUTOINCREMENT: an id is never reused, so API cursors stay meaningful after a record is withdrawn. */
		id: integer('id').primaryKey({ autoIncrement: true }),
		recordId: text('record_id')
			.notNull()
			.unique()
			.references(() => records.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		approvedAt: integer('approved_at', { mode: 'timestamp_ms' }).notNull(),
		/** Folded and lower-cased, so "Ålesund" sorts among the A's in every language. */
		sortTitle: text('sort_title').notNull(),
		startDate: text('start_date'),
		amountValue: real('amount_value'),
		amountCurrency: text('amount_currency'),
		/** Null when the currency is not in the rate table: such amounts are shown but not summed. */
		amountEur: real('amount_eur'),
		...facetColumns({ text: (name) => text(name), integer: (name) => integer(name) })
	},
	(t) => [
		index('public_projects_sort_title_idx').on(t.sortTitle),
		index('public_projects_amount_eur_idx').on(t.amountEur),
		index('public_projects_start_date_idx').on(t.startDate),
		...facetIndexes(t, (name, column: SQLiteColumn) => index(name).on(column))
	]
);

export type PublicProjectRow = typeof publicProjects.$inferSelect;

/** What a published project shows: the public record and its quoted sources, read a page or a batch at a time. */
export const publicProjectRecords = sqliteTable('public_project_records', {
	projectId: integer('project_id')
		.primaryKey()
		.references(() => publicProjects.id, { onDelete: 'cascade' }),
	record: text('record', { mode: 'json' }).$type<PublicRecord>().notNull(),
	sources: text('sources', { mode: 'json' }).$type<PublicSource[]>().notNull()
});

export type PublicProjectRecordRow = typeof publicProjectRecords.$inferSelect;

/** A list facet (regions) has several values per project: a row each, `facet` the field's key. */
export const publicProjectFacetValues = sqliteTable(
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

/**
 * One row (id 1): bumped on every publish and withdrawal, so caches and HTTP validators
 * (ETag, Last-Modified) change exactly when the public data does, also when another
 * process (the CLI) wrote it.
 */
export const publicState = sqliteTable('public_state', {
	id: integer('id').primaryKey(),
	generation: integer('generation').notNull(),
	changedAt: integer('changed_at', { mode: 'timestamp_ms' }).notNull()
});

export type PublicStateRow = typeof publicState.$inferSelect;

/**
 * The change log of the public projects, for the search index each process keeps in memory
 * (public/search-index.ts): a project inserted, updated or withdrawn at a generation of
 * public_state. Written only by triggers on public_projects (the migration), so every writer
 * logs its changes in its own transaction; the oldest rows are dropped by the same trigger.
 */
export const publicChanges = sqliteTable(
	'public_changes',
	{
		generation: integer('generation').notNull(),
		projectId: integer('project_id').notNull()
	},
	(t) => [primaryKey({ columns: [t.generation, t.projectId] })]
);

export type PublicChangeRow = typeof publicChanges.$inferSelect;

/**
 * Every organisation ever named as owner or partner of a published version, one row per
 * spelling once folded (case, accents, spacing). Rows are never deleted: aliases point at
 * them, and an organisation whose projects were all withdrawn simply has none to show.
 * `name` is the first spelling published; `slug` its address, fixed once given.
 */
export const publicOrganisations = sqliteTable('public_organisations', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	key: text('key').notNull().unique(),
	name: text('name').notNull(),
	slug: text('slug').notNull().unique()
});

export type PublicOrganisationRow = typeof publicOrganisations.$inferSelect;

export const ORGANISATION_ROLES = ['owner', 'partner'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

/** Who owns or takes part in a published project: written with the project by publishVersion, removed with it by cascade. */
export const publicProjectOrganisations = sqliteTable(
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

/**
 * Name variants an approver joined: `organisationId` is shown as part of `canonicalId`
 * ("Region Skåne, Regional utveckling" as "Region Skåne"). One level deep: merging into an
 * organisation that is itself merged points at its canonical one. Deleting the row splits
 * the variant off again. Curated in the workspace, audited; never written by publishing.
 */
export const organisationAliases = sqliteTable(
	'organisation_aliases',
	{
		organisationId: integer('organisation_id')
			.primaryKey()
			.references(() => publicOrganisations.id),
		canonicalId: integer('canonical_id')
			.notNull()
			.references(() => publicOrganisations.id),
		mergedBy: text('merged_by'),
		mergedAt: integer('merged_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('organisation_aliases_canonical_idx').on(t.canonicalId)]
);

export type OrganisationAliasRow = typeof organisationAliases.$inferSelect;
