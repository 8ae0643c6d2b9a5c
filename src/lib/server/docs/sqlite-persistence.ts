/** The document log in SQLite: table yjs_updates, one row per update, in the app's database. */
import { and, asc, eq, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { records, yjsUpdates } from '../db/schema';
import type { DocPersistence, RecordProjection, StoredDoc } from './persistence';

export class SqlitePersistence implements DocPersistence {
	constructor(
		private readonly db: Db,
		private readonly now: () => Date = () => new Date()
	) {}

	async load(recordId: string): Promise<StoredDoc | null> {
		const record = this.db
			.select({ draft: records.draft, status: records.status })
			.from(records)
			.where(eq(records.id, recordId))
			.get();
		if (!record) return null;
		const rows = this.db
			.select({ id: yjsUpdates.id, data: yjsUpdates.data })
			.from(yjsUpdates)
			.where(eq(yjsUpdates.recordId, recordId))
			.orderBy(asc(yjsUpdates.id))
			.all();
		return { updates: rows.map((r) => new Uint8Array(r.data)), lastId: rows.at(-1)?.id ?? 0, seed: record };
	}

	async append(recordId: string, update: Uint8Array): Promise<number> {
		return this.insert(recordId, update);
	}

	async compact(recordId: string, state: Uint8Array, throughId: number): Promise<number> {
		return this.db.transaction((tx) => {
			tx.delete(yjsUpdates).where(and(eq(yjsUpdates.recordId, recordId), lte(yjsUpdates.id, throughId))).run();
			return this.insert(recordId, state, tx);
		});
	}

	async project(recordId: string, p: RecordProjection): Promise<void> {
		this.db.update(records).set(p).where(eq(records.id, recordId)).run();
	}

	async recordExists(recordId: string): Promise<boolean> {
		return !!this.db.select({ id: records.id }).from(records).where(eq(records.id, recordId)).get();
	}

	private insert(recordId: string, data: Uint8Array, db: Pick<Db, 'insert'> = this.db): number {
		return db
			.insert(yjsUpdates)
			.values({ recordId, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength), createdAt: this.now() })
			.returning({ id: yjsUpdates.id })
			.get().id;
	}
}
