/** "This document has no project": stored, shown, counted in the lists, audited, and taken back the same way. */
import { eq } from 'drizzle-orm';
import { audit } from '../audit';
import type { Db } from '../db/client';
import { documents } from '../db/schema';

/** Sets (on) or clears the flag; false when there is no such document. Setting it twice changes nothing and audits nothing. */
export function markNoProject(
	db: Db,
	documentId: string,
	on: boolean,
	by: { id: string },
	clientAddress: string | null = null,
	now = new Date()
): boolean {
	return db.transaction((tx) => {
		const doc = tx.select({ noProjectAt: documents.noProjectAt }).from(documents).where(eq(documents.id, documentId)).get();
		if (!doc) return false;
		if ((doc.noProjectAt !== null) === on) return true;
		tx.update(documents)
			.set(on ? { noProjectAt: now, noProjectById: by.id } : { noProjectAt: null, noProjectById: null })
			.where(eq(documents.id, documentId))
			.run();
		audit(tx, {
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
