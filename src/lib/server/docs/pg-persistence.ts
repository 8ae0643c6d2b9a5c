/**
 * The document log in PostgreSQL: table yjs_updates, shared by every process serving the
 * same records. A document exists while its records row does.
 *
 * An append is committed when it resolves (the store announces the update only then). A
 * document's appends are sent one INSERT after the other, so rows are numbered in the order
 * the live document applied them and the log loads into exactly what was live; the appends
 * that arrive while one is under way go together in the next INSERT (one commit for a
 * burst, not a queue of them). Other documents' appends run beside them on the pool.
 *
 * An append commits with synchronous_commit=off unless `durable` (DATABASE_DURABLE_EDITS): it
 * is committed and visible to every process when it resolves, and PostgreSQL flushes it to
 * disk a moment later, as SQLite's synchronous=NORMAL does; a PostgreSQL crash can lose the
 * last moment of appends (docs/database.md). The setting is the append's own statement's
 * (set_config(…, true) ends with its transaction): the pool's other writes wait for the disk.
 * A PostgreSQL restart may have lost such appends that this process's live copy holds, so an
 * append to a log read before the server's last start fails (RestartedError), and
 * readBeforeRestart names such logs. The store then stores its live copy again (restore()):
 * clients cannot send back what was lost, as it holds the server's own writes ("changed by",
 * the review state), which the gate refuses from clients (docs/database.md).
 *
 * Compaction folds the rows stored, not this process's live copy, which may not yet have
 * heard what another process stored: under an advisory lock per document, it reads the
 * rows, writes their fold as one row and deletes exactly the rows it read (not "every row
 * up to an id": a row with a smaller id may commit later). Two processes compacting at once
 * fold once: the second finds one row and leaves it.
 *
 * A document's first state is stored under the same lock, only while its log is empty: of
 * two processes loading a new record at once, the second loads the first's (seed()).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { PgDb } from '../db/pg-client';
import { records, yjsUpdates } from '../db/schema-pg';
import type { DocPersistence, SharedLog, StoredDoc } from './persistence';

/** First key of the per-record locks of compaction and the first state (pg_advisory_xact_lock(int, int)); the second is hashtext(record id). */
export const RECORD_LOCK_SPACE = 0x53616d6c; // "Saml"

/** At most this many appends in one INSERT (each size is a prepared statement per connection). */
const MAX_BATCH = 64;

/**
 * The DELETE of spans (clearSpans) in the append's own statement, its fields the last
 * parameter: a data-modifying WITH runs whether or not the INSERT reads it.
 */
const clearing = (rows: number) =>
	`cleared AS (DELETE FROM field_provenance WHERE record_id = $1 AND field = ANY($${rows * 2 + 2}::text[]) AND merged_from_id IS NULL)`;

/** Rows of one INSERT get their ids in the order of their VALUES. */
const durableInsertSql = (rows: number, clear: boolean) =>
	(clear ? `WITH ${clearing(rows)} ` : '') +
	`INSERT INTO yjs_updates (record_id, data, created_at) VALUES ${Array.from({ length: rows }, (_, i) => `($1, $${i * 2 + 2}, $${i * 2 + 3})`).join(', ')} RETURNING id`;

/**
 * The same rows, in one statement that turns off the wait for the WAL flush for its own
 * transaction: one round trip, where BEGIN; SET LOCAL …; INSERT; COMMIT takes three. The
 * ordinal keeps the ids in the order of the VALUES.
 */
const asyncInsertSql = (rows: number, clear: boolean) =>
	`WITH async AS (SELECT set_config('synchronous_commit', 'off', true))${clear ? `, ${clearing(rows)}` : ''} ` +
	`INSERT INTO yjs_updates (record_id, data, created_at) ` +
	`SELECT v.record_id, v.data, v.created_at FROM async, ` +
	`(VALUES ${Array.from({ length: rows }, (_, i) => `($1, $${i * 2 + 2}::bytea, $${i * 2 + 3}::timestamptz, ${i})`).join(', ')}) AS v(record_id, data, created_at, n) ` +
	`ORDER BY v.n RETURNING id, pg_postmaster_start_time()::text AS started`;

/** An append to a log read before PostgreSQL last started, which may have lost appends not yet flushed then. */
export class RestartedError extends Error {
	constructor(recordId: string) {
		super(`PostgreSQL restarted since record ${recordId}'s log was read: its last appends before that may be lost`);
	}
}

interface Waiting {
	update: Uint8Array;
	at: Date;
	resolve(id: number): void;
	reject(err: unknown): void;
}

export class PgPersistence implements DocPersistence {
	/** Per document with an INSERT under way: the appends that wait for it, to go in the next. */
	private readonly waiting = new Map<string, Waiting[]>();
	readonly shared: SharedLog;

	private readonly statement: { name: string; text: (rows: number, clear: boolean) => string };
	/** Per record, the fields whose own spans its next INSERT deletes (clearSpans). */
	private readonly spansToClear = new Map<string, Set<string>>();
	/** Per record loaded here (appends without the disk wait only): when the server had started as its log was read. */
	private readonly readAt = new Map<string, string>();
	private readonly durable: boolean;

	constructor(
		private readonly db: PgDb,
		private readonly now: () => Date = () => new Date(),
		{ durable = false }: { durable?: boolean } = {}
	) {
		this.durable = durable;
		this.statement = durable
			? { name: 'samla-yjs-append-durable', text: durableInsertSql }
			: { name: 'samla-yjs-append', text: asyncInsertSql };
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
		// Before the rows: a restart between the two makes the next append fail, never pass.
		if (!this.durable) this.readAt.set(recordId, await this.serverStarted());
		if (!(await this.exists(recordId))) return null;
		return storedDoc(await this.rows(this.db, recordId));
	}

	/** Under the record's lock, so that of two processes giving a document its first state at once, the second finds the first's. */
	async seed(recordId: string, first: Uint8Array): Promise<StoredDoc | null> {
		return this.db.transaction(async (tx) => {
			await tx.execute(sql`SELECT pg_advisory_xact_lock(${RECORD_LOCK_SPACE}, hashtext(${recordId}))`);
			const rows = await this.rows(tx, recordId);
			if (rows.length) return storedDoc(rows);
			const [row] = await tx.select({ id: records.id }).from(records).where(eq(records.id, recordId));
			if (!row) return null;
			await tx.insert(yjsUpdates).values({ recordId, data: toBuffer(first), createdAt: this.now() });
			return storedDoc(await this.rows(tx, recordId));
		});
	}

	append(recordId: string, update: Uint8Array): Promise<number> {
		return new Promise((resolve, reject) => {
			const entry = { update, at: this.now(), resolve, reject };
			const queue = this.waiting.get(recordId);
			if (queue) queue.push(entry);
			else {
				this.waiting.set(recordId, []);
				void this.insert(recordId, [entry]);
			}
		});
	}

	/**
	 * Deletes the record's own spans of these fields (a person typed over their values,
	 * source-provenance.ts) in the statement of its next append: the keystroke's own, which the
	 * store makes right after its hooks ran. A DELETE of its own cost every keystroke a second
	 * round trip, a second backend woken and a pooled connection more. The order of the old
	 * statement holds: the DELETE is sent no later than the appends before it, so a span set
	 * from the source later (after its own edit is stored, which follows the keystroke's) is
	 * never the one it deletes.
	 */
	clearSpans(recordId: string, fields: readonly string[]): void {
		const pending = this.spansToClear.get(recordId);
		if (pending) for (const f of fields) pending.add(f);
		else this.spansToClear.set(recordId, new Set(fields));
	}

	/** One INSERT for these appends; then the next for those that arrived meanwhile, until none did. */
	private async insert(recordId: string, batch: Waiting[]): Promise<void> {
		const values: unknown[] = [recordId];
		for (const w of batch) values.push(toBuffer(w.update), w.at);
		const clear = this.spansToClear.get(recordId);
		if (clear) {
			this.spansToClear.delete(recordId);
			values.push([...clear]);
		}
		try {
			// Prepared once per pooled connection, batch size and kind (named): this runs for every keystroke.
			const { rows } = await this.db.$client.query<{ id: string; started?: string }>({
				name: `${this.statement.name}${clear ? '-clear' : ''}-${batch.length}`,
				text: this.statement.text(batch.length, clear !== undefined),
				values
			});
			const readAt = this.readAt.get(recordId);
			if (rows[0].started !== undefined && readAt !== undefined && rows[0].started !== readAt) throw new RestartedError(recordId);
			const ids = rows.map((r) => Number(r.id)).sort((x, y) => x - y);
			batch.forEach((w, i) => w.resolve(ids[i]));
		} catch (err) {
			for (const w of batch) w.reject(err);
		}
		const queue = this.waiting.get(recordId)!;
		if (queue.length) void this.insert(recordId, queue.splice(0, MAX_BATCH));
		else this.waiting.delete(recordId);
	}

	/**
	 * Folds the stored rows (throughId is the live copy's, which a shared log cannot trust, nor
	 * its state alone: it may lack rows another process stored). After a restart that may have
	 * lost appends the live copy holds, its state is folded in as well: a document unloaded
	 * before anything noticed the restart keeps what its clients saw.
	 */
	async compact(recordId: string, state?: Uint8Array): Promise<number> {
		const started = this.durable || !state ? undefined : await this.serverStarted();
		const restarted = started !== undefined && this.readAt.has(recordId) && this.readAt.get(recordId) !== started;
		const id = await this.db.transaction(async (tx) => {
			await tx.execute(sql`SELECT pg_advisory_xact_lock(${RECORD_LOCK_SPACE}, hashtext(${recordId}))`);
			const rows = await this.rows(tx, recordId);
			if (rows.length <= 1 && !restarted) return rows[0]?.id ?? 0;
			const doc = new Y.Doc();
			doc.transact(() => {
				for (const r of rows) Y.applyUpdate(doc, new Uint8Array(r.data));
				if (restarted) Y.applyUpdate(doc, state!);
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
		if (restarted) this.readAt.set(recordId, started!);
		return id;
	}

	async readBeforeRestart(names: string[]): Promise<string[]> {
		if (this.durable || !names.some((n) => this.readAt.has(n))) return [];
		const started = await this.serverStarted();
		return names.filter((n) => this.readAt.has(n) && this.readAt.get(n) !== started);
	}

	/** With the server's own synchronous_commit: this row waits for the disk. */
	async restore(recordId: string, state: Uint8Array): Promise<number | null> {
		const readAt = this.readAt.get(recordId);
		if (this.durable || readAt === undefined) return null;
		// Read before the row is written: a restart in between makes the next check find it again.
		const started = await this.serverStarted();
		if (started === readAt) return null;
		const [row] = await this.db
			.insert(yjsUpdates)
			.values({ recordId, data: toBuffer(state), createdAt: this.now() })
			.returning({ id: yjsUpdates.id });
		this.readAt.set(recordId, started);
		return row.id;
	}

	forget(recordId: string): void {
		this.readAt.delete(recordId);
	}

	private async serverStarted(): Promise<string> {
		const { rows } = await this.db.$client.query<{ started: string }>('SELECT pg_postmaster_start_time()::text AS started');
		return rows[0].started;
	}

	async exists(recordId: string): Promise<boolean> {
		const [row] = await this.db.select({ id: records.id }).from(records).where(eq(records.id, recordId));
		return !!row;
	}

	/** A document's rows, oldest first (protected: a test makes a row commit right after this read). */
	protected async rows(db: Pick<PgDb, 'select'>, recordId: string): Promise<{ id: number; data: Buffer }[]> {
		return db
			.select({ id: yjsUpdates.id, data: yjsUpdates.data })
			.from(yjsUpdates)
			.where(eq(yjsUpdates.recordId, recordId))
			.orderBy(asc(yjsUpdates.id));
	}
}

function storedDoc(rows: { id: number; data: Buffer }[]): StoredDoc {
	return { updates: rows.map((r) => new Uint8Array(r.data)), lastId: rows.at(-1)?.id ?? 0, ids: rows.map((r) => r.id) };
}

function toBuffer(data: Uint8Array): Buffer {
	return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
