/**
 * Each PostgreSQL table reads (and is written) as the same TypeScript row as its SQLite
 * twin, so code written against one schema compiles against the other. Checked by the
 * type checker (`npm run check`); the runtime test only confirms both schemas load.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as S from './schema';
import type * as P from './schema-pg';

type Row<T extends { $inferSelect: unknown }> = T['$inferSelect'];
type New<T extends { $inferInsert: unknown }> = T['$inferInsert'];

describe('PostgreSQL rows', () => {
	it('have the SQLite rows’ types, table by table', async () => {
		expectTypeOf<Row<typeof P.users>>().toEqualTypeOf<Row<typeof S.users>>();
		expectTypeOf<Row<typeof P.sessions>>().toEqualTypeOf<Row<typeof S.sessions>>();
		expectTypeOf<Row<typeof P.signInThrottle>>().toEqualTypeOf<Row<typeof S.signInThrottle>>();
		expectTypeOf<Row<typeof P.apiTokens>>().toEqualTypeOf<Row<typeof S.apiTokens>>();
		expectTypeOf<Row<typeof P.auditLog>>().toEqualTypeOf<Row<typeof S.auditLog>>();
		expectTypeOf<Row<typeof P.comments>>().toEqualTypeOf<Row<typeof S.comments>>();
		expectTypeOf<Row<typeof P.documents>>().toEqualTypeOf<Row<typeof S.documents>>();
		expectTypeOf<Row<typeof P.documentFiles>>().toEqualTypeOf<Row<typeof S.documentFiles>>();
		expectTypeOf<Row<typeof P.appMeta>>().toEqualTypeOf<Row<typeof S.appMeta>>();
		expectTypeOf<Row<typeof P.records>>().toEqualTypeOf<Row<typeof S.records>>();
		expectTypeOf<Row<typeof P.fieldProvenance>>().toEqualTypeOf<Row<typeof S.fieldProvenance>>();
		expectTypeOf<Row<typeof P.fieldSuggestions>>().toEqualTypeOf<Row<typeof S.fieldSuggestions>>();
		expectTypeOf<Row<typeof P.recordVersions>>().toEqualTypeOf<Row<typeof S.recordVersions>>();
		expectTypeOf<Row<typeof P.yjsUpdates>>().toEqualTypeOf<Row<typeof S.yjsUpdates>>();
		expectTypeOf<Row<typeof P.publicProjects>>().toEqualTypeOf<Row<typeof S.publicProjects>>();
		expectTypeOf<Row<typeof P.publicProjectRecords>>().toEqualTypeOf<Row<typeof S.publicProjectRecords>>();
		expectTypeOf<Row<typeof P.publicProjectFacetValues>>().toEqualTypeOf<Row<typeof S.publicProjectFacetValues>>();
		expectTypeOf<Row<typeof P.savedViews>>().toEqualTypeOf<Row<typeof S.savedViews>>();
		expectTypeOf<Row<typeof P.notifications>>().toEqualTypeOf<Row<typeof S.notifications>>();
		expectTypeOf<Row<typeof P.notificationPrefs>>().toEqualTypeOf<Row<typeof S.notificationPrefs>>();
		expectTypeOf<Row<typeof P.commentMentions>>().toEqualTypeOf<Row<typeof S.commentMentions>>();
		expectTypeOf<Row<typeof P.emailOutbox>>().toEqualTypeOf<Row<typeof S.emailOutbox>>();
		expectTypeOf<Row<typeof P.webhooks>>().toEqualTypeOf<Row<typeof S.webhooks>>();
		expectTypeOf<Row<typeof P.webhookDeliveries>>().toEqualTypeOf<Row<typeof S.webhookDeliveries>>();
		expectTypeOf<Row<typeof P.publicState>>().toEqualTypeOf<Row<typeof S.publicState>>();
		expectTypeOf<Row<typeof P.publicOrganisations>>().toEqualTypeOf<Row<typeof S.publicOrganisations>>();
		expectTypeOf<Row<typeof P.publicProjectOrganisations>>().toEqualTypeOf<Row<typeof S.publicProjectOrganisations>>();
		expectTypeOf<Row<typeof P.organisationAliases>>().toEqualTypeOf<Row<typeof S.organisationAliases>>();
		expectTypeOf<New<typeof P.records>>().toEqualTypeOf<New<typeof S.records>>();
		expectTypeOf<New<typeof P.yjsUpdates>>().toEqualTypeOf<New<typeof S.yjsUpdates>>();
		expectTypeOf<New<typeof P.recordVersions>>().toEqualTypeOf<New<typeof S.recordVersions>>();
		const [sqlite, pg] = await Promise.all([import('./schema'), import('./schema-pg')]);
		expect(Object.keys(pg).filter((k) => !(k in sqlite))).toEqual([]);
	});
});
