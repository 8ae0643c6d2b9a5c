/**
 * Shared by the fault tests: the short/long switch, a seeded random source, and how
 * figures are reported (printed, and appended as JSON lines to SAMLA_FIGURES_FILE when set,
 * which is where RELIABILITY.md's numbers come from).
 */
import { appendFileSync } from 'node:fs';
import { eq, asc } from 'drizzle-orm';
import * as Y from 'yjs';
import { openDatabase, type Db } from '../../../src/lib/server/db/client';
import { yjsUpdates } from '../../../src/lib/server/db/schema';
import type { Rng } from '../../helpers/rng';
import { foldStoredUpdates } from '../../helpers/stored-doc-sql';

/** `npm run test:faults` sets SAMLA_FAULTS=long; `npm test` runs the short forms. */
export const LONG = process.env.SAMLA_FAULTS === 'long';

/** Picks the short or long value of a parameter. */
export const scale = <T>(short: T, long: T): T => (LONG ? long : short);

export { seededRng, type Rng } from '../../helpers/rng';

/** SAMLA_FAULTS_SEED replays a run; otherwise a fresh seed, printed with the figures. */
export function runSeed(): number {
	const fromEnv = Number(process.env.SAMLA_FAULTS_SEED);
	return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.floor(Math.random() * 2 ** 31) + 1;
}

export const between = (rng: Rng, min: number, max: number) => min + rng() * (max - min);
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

export function report(name: string, figures: object): void {
	const line = { test: name, mode: LONG ? 'long' : 'short', at: new Date().toISOString(), ...figures };
	console.log(`[reliability] ${name}: ${JSON.stringify(figures)}`);
	const file = process.env.SAMLA_FIGURES_FILE;
	if (file) appendFileSync(file, `${JSON.stringify(line)}\n`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `predicate` holds; rejects with `what` after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs: number, what: string, everyMs = 20): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (!predicate()) {
		if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(everyMs);
	}
}

/** Runs `fn` on its own connection to the database file and closes it again. */
export function withDatabase<T>(path: string, fn: (db: Db) => T): T {
	const db = openDatabase(path);
	try {
		return fn(db);
	} finally {
		db.$client.close();
	}
}

export async function withDatabaseAsync<T>(path: string, fn: (db: Db) => Promise<T>): Promise<T> {
	const db = openDatabase(path);
	try {
		return await fn(db);
	} finally {
		db.$client.close();
	}
}

/** storedDocSql (helpers/stored-doc-sql.ts) without awaiting, for the crash suites' synchronous SQLite reads. */
export function storedDoc(db: Db, recordId: string): Y.Doc {
	return foldStoredUpdates(
		db.select({ data: yjsUpdates.data }).from(yjsUpdates).where(eq(yjsUpdates.recordId, recordId)).orderBy(asc(yjsUpdates.id)).all()
	);
}

export function integrityCheck(db: Db): string {
	return String(db.$client.pragma('integrity_check', { simple: true }));
}

export const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** Key order in a Y.Map follows how the document was built; compare with sorted keys. */
const canonical = (v: unknown): unknown =>
	Array.isArray(v)
		? v.map(canonical)
		: v && typeof v === 'object'
			? Object.fromEntries(
					Object.keys(v)
						.sort()
						.map((k) => [k, canonical((v as Record<string, unknown>)[k])])
				)
			: v;

/** A record document's fields, review state and changed-by stamps as one string: equal where the replicas converged. */
export const contents = (doc: Y.Doc) => JSON.stringify(['fields', 'review', 'changedBy'].map((r) => canonical(doc.getMap(r).toJSON())));
