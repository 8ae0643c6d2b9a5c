/** The public data's version: see `publicState` in the schema. */
import { eq, sql } from 'drizzle-orm';
import { publicState } from '../db/schema';
import type { Conn } from './conn';

export interface PublicVersion {
	generation: number;
	changedAt: Date;
}

export function publicVersion(db: Conn): PublicVersion {
	const row = db.select().from(publicState).where(eq(publicState.id, 1)).get();
	return row ? { generation: row.generation, changedAt: row.changedAt } : { generation: 0, changedAt: new Date(0) };
}

/** changed_at never goes back, so If-Modified-Since stays sound if the clock does. */
export function markChanged(tx: Conn, now: Date): void {
	tx.insert(publicState)
		.values({ id: 1, generation: 1, changedAt: now })
		.onConflictDoUpdate({
			target: publicState.id,
			set: {
				generation: sql`${publicState.generation} + 1`,
				changedAt: sql`max(${publicState.changedAt}, excluded.changed_at)`
			}
		})
		.run();
}
