/** The public data's version: see `publicState` in the schema. */
import { eq, sql as rawSql } from 'drizzle-orm';
import type { Sql, SqlDb } from '../db/sql';

export interface PublicVersion {
	generation: number;
	changedAt: Date;
}

export async function publicVersion(sql: Sql, db: SqlDb = sql.db): Promise<PublicVersion> {
	const { publicState } = sql.t;
	const [row] = await db.select().from(publicState).where(eq(publicState.id, 1));
	return row ? { generation: row.generation, changedAt: row.changedAt } : { generation: 0, changedAt: new Date(0) };
}

/**
 * Serialises the transactions that write the public tables, in every process, until they
 * end: organisations are chosen by reading, then inserting (index-organisations.ts), and
 * every such transaction ends by taking public_state's row. Taken before the first write to
 * a public table, it is always taken before that row's lock, so two writers cannot each
 * hold what the other waits for. Taking it again in one transaction is free.
 */
export async function lockPublicIndex(sql: Sql, tx: SqlDb): Promise<void> {
	await sql.lockKeys(tx, ['public-index']);
}

/**
 * One more generation, in the transaction `tx` that changes the public data. The upsert
 * locks the one state row until that transaction ends, so every publication in every
 * process gets a generation of its own. changed_at never goes back, so If-Modified-Since
 * stays sound if the clock does.
 */
export async function markChanged(sql: Sql, tx: SqlDb, now: Date): Promise<void> {
	const { publicState } = sql.t;
	await lockPublicIndex(sql, tx);
	const later = sql.dialect === 'pg' ? rawSql`greatest` : rawSql`max`;
	await tx
		.insert(publicState)
		.values({ id: 1, generation: 1, changedAt: now })
		.onConflictDoUpdate({
			target: publicState.id,
			set: {
				generation: rawSql`${publicState.generation} + 1`,
				changedAt: rawSql`${later}(${publicState.changedAt}, excluded.changed_at)`
			}
		});
}
