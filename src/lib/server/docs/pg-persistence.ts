/**
 * The document log in PostgreSQL: table yjs_updates, shared by every process serving the
 * same records. A document exists while its records row does.
 *
 * An append is one INSERT, committed when it resolves (the store announces the update only
 * then). A document's appends are sent one after the other, so rows are numbered in the
 * order the live document applied them and the log loads into exactly what was live; other
 * documents' appends run beside them on the pool.
 *
 * Compaction folds the rows stored, not this process's live copy, which may not yet have
 * heard what another process stored: under an advisory lock per document, it reads the
 * rows, writes their fold as one row and deletes exactly the rows it read (not "every row
 * up to an id": a row with a smaller id may commit later). Two processes compacting at once
 * fold once: the second finds one row and leaves it.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { PgDb } from '../db/pg-client';
import { records, yjsUpdates } from '../db/schema-pg';
import type { DocPersistence, SharedLog, StoredDoc } from './persistence';

/** First key of the compaction locks (pg_advisory_xact_lock(int, int)); the second is hashtext(record id). */
export const COMPACT_LOCK_SPACE = 0x53616d6c; // "Saml"

const APPEND = 'INSERT INTO yjs_updates (record_id, data, created_at) VALUES ($1, $2, $3) RETURNING id';

export class PgPersistence implements DocPersistence {
	/** Each document's newest append, the one its next append waits for. */
	private readonly appending = new Map<string, Promise<unknown>>();
	readonly shared: SharedLog;

	constructor(
		private readonly db: PgDb,
		private readonly now: () => Date = () => new Date()
	) {
		this.shared = {
			storedIds: async (names) => {
				const rows = await this.db
					.select({ recordId: yjsUpdates.recordId, id: yjsUpdates.id })
					.from(yjsUpdates)
					.where(inArray(yjsUpdates.recordId, names))
					.orderBy(asc(yjsUpdates.id));
				const out = new Map<string, number[]>();
				for (const r of rows) {
					const ids = out.get(r.recordId);
					if (ids) ids.push(r.id);
					else out.set(r.recordId, [r.id]);
				}
				return out;
			},
			read: async (name, ids) => {
				const rows = await this.db
					.select({ data: yjsUpdates.data })
					.from(yjsUpdates)
					.where(and(eq(yjsUpdates.recordId, name), inArray(yjsUpdates.id, ids)))
					.orderBy(asc(yjsUpdates.id));
				return rows.map((r) => new Uint8Array(r.data));
			}
		};
	}

	async load(recordId: string): Promise<StoredDoc | null> {
		if (!(await this.exists(recordId))) return null;
		const rows = await this.rows(this.db, recordId);
		return { updates: rows.map((r) => new Uint8Array(r.data)), lastId: rows.at(-1)?.id ?? 0, ids: rows.map((r) => r.id) };
	}

	append(recordId: string, update: Uint8Array): Promise<number> {
		const before = this.appending.get(recordId) ?? Promise.resolve();
		const values = [recordId, toBuffer(update), this.now()];
		// Prepared once per pooled connection (named): this runs for every keystroke of every editor.
		const insert = () => this.db.$client.query<{ id: string }>({ name: 'samla-yjs-append', text: APPEND, values });
		const done = before.then(insert, insert).then((r) => Number(r.rows[0].id));
		this.appending.set(recordId, done);
		const forget = () => {
			if (this.appending.get(recordId) === done) this.appending.delete(recordId);
		};
		done.then(forget, forget);
		return done;
	}

	/** Folds the stored rows (state and throughId are the live copy's, which a shared log cannot trust). */
	async compact(recordId: string): Promise<number> {
		return this.db.transaction(async (tx) => {
			await tx.execute(sql`SELECT pg_advisory_xact_lock(${COMPACT_LOCK_SPACE}, hashtext(${recordId}))`);
			const rows = await this.rows(tx, recordId);
			if (rows.length <= 1) return rows[0]?.id ?? 0;
			const doc = new Y.Doc();
			doc.transact(() => {
				for (const r of rows) Y.applyUpdate(doc, new Uint8Array(r.data));
			});
			// As the store does with its live copy: what waits for changes never stored is not kept.
			doc.store.pendingStructs = null;
			doc.store.pendingDs = null;
			const state = Y.encodeStateAsUpdate(doc);
			doc.destroy();
			await tx.delete(yjsUpdates).where(
				and(
					eq(yjsUpdates.recordId, recordId),
					inArray(
						yjsUpdates.id,
						rows.map((r) => r.id)
					)
				)
			);
			const [row] = await tx
				.insert(yjsUpdates)
				.values({ recordId, data: toBuffer(state), createdAt: this.now() })
				.returning({ id: yjsUpdates.id });
			return row.id;
		});
	}

	async exists(recordId: string): Promise<boolean> {
		const [row] = await this.db.select({ id: records.id }).from(records).where(eq(records.id, recordId));
		return !!row;
	}

	private rows(db: Pick<PgDb, 'select'>, recordId: string) {
		return db
			.select({ id: yjsUpdates.id, data: yjsUpdates.data })
			.from(yjsUpdates)
			.where(eq(yjsUpdates.recordId, recordId))
			.orderBy(asc(yjsUpdates.id));
	}
}

function toBuffer(data: Uint8Array): Buffer {
	return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
