/** "This document has no project": stored, shown, counted in the lists, audited, and taken back the same way. */
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { auditSql } from '../audit';
import type { Sql } from '../db/sql';

/** Sets (on) or clears the flag; false when there is no such document. Setting it twice changes nothing and audits nothing. */
export async function markNoProject(
	sql: Sql,
	documentId: string,
	on: boolean,
	by: { id: string },
	clientAddress: string | null = null,
	now = new Date()
): Promise<boolean> {
	const { documents } = sql.t;
	return sql.tx(async (tx) => {
		// One statement decides: of two people setting it at once (two processes), one changes it and is audited.
		const [changed] = await tx
			.update(documents)
			.set(on ? { noProjectAt: now, noProjectById: by.id } : { noProjectAt: null, noProjectById: null })
			.where(and(eq(documents.id, documentId), on ? isNull(documents.noProjectAt) : isNotNull(documents.noProjectAt)))
			.returning({ id: documents.id });
		if (!changed) {
			const [doc] = await tx.select({ id: documents.id }).from(documents).where(eq(documents.id, documentId));
			return !!doc;
		}
		await auditSql(sql, tx, {
			action: on ? 'document.no_project_set' : 'document.no_project_cleared',
			actorId: by.id,
			targetType: 'document',
			targetId: documentId,
			clientAddress,
			at: now
		});
		return true;
	});
}
