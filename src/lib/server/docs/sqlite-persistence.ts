/**
 * The document log in SQLite: table yjs_updates, one row per update, in the app's database.
 * Appends are committed in groups: all updates that arrive in one turn of the event loop
 * go into one transaction (one WAL write), and each caller hears back once it committed.
 */
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { records, yjsUpdates } from '../db/schema';
import type { DocPersistence, RecordProjection, StoredDoc } from './persistence';

interface PendingAppend {
	recordId: string;
	data: Buffer;
	resolve(id: number): void;
	reject(err: unknown): void;
}

export class SqlitePersistence implements DocPersistence {
	/** Prepared once: appending is the hot path, run for every keystroke of every editor. */
	private readonly appendQuery;
	private pending: PendingAppend[] = [];

	constructor(
		private readonly db: Db,
		private readonly now: () => Date = () => new Date()
	) {
		this.appendQuery = db
			.insert(yjsUpdates)
			.values({ recordId: sql.placeholder('recordId'), data: sql.placeholder('data'), createdAt: sql.placeholder('createdAt') })
			.returning({ id: yjsUpdates.id })
			.prepare();
	}

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

	append(recordId: string, update: Uint8Array): Promise<number> {
		return new Promise((resolve, reject) => {
			if (this.pending.push({ recordId, data: toBuffer(update), resolve, reject }) === 1) setImmediate(() => this.flush());
		});
	}

	private flush(): void {
		const batch = this.pending;
		this.pending = [];
		const createdAt = this.now();
		const one = (a: PendingAppend) => this.appendQuery.get({ recordId: a.recordId, data: a.data, createdAt })!.id;
		let ids: number[];
		try {
			ids = this.db.transaction(() => batch.map(one));
		} catch {
			// One bad row (say, a record deleted meanwhile) must not fail the others: store them one by one.
			for (const a of batch) {
				try {
					a.resolve(one(a));
				} catch (err) {
					a.reject(err);
				}
			}
			return;
		}
		batch.forEach((a, i) => a.resolve(ids[i]));
	}

	async compact(recordId: string, state: Uint8Array, throughId: number): Promise<number> {
		return this.db.transaction((tx) => {
			tx.delete(yjsUpdates).where(and(eq(yjsUpdates.recordId, recordId), lte(yjsUpdates.id, throughId))).run();
			return this.insert(recordId, state, tx);
		}, { behavior: 'immediate' });
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
			.values({ recordId, data: toBuffer(data), createdAt: this.now() })
			.returning({ id: yjsUpdates.id })
			.get().id;
	}
}

function toBuffer(data: Uint8Array): Buffer {
	return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
