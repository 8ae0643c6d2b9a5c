/**
 * bm25.ts against FTS5's bm25(): the same double for every matching row of words of every
 * kind (a prefix, a whole word, two words, a word in every project, one in a single one),
 * while projects are republished and withdrawn between the rounds (FTS5 then answers from
 * segments with deletions in them); and from counts kept across those rounds (kept-counts.ts).
 */
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { ProjectRecord } from '../../src/lib/records/fields';
import { SEARCH_FIELDS } from '../../src/lib/records/fields';
import type { Db } from '../../src/lib/server/db/client';
import { bm25Scores } from '../../src/lib/server/public/bm25';
import { facetIndex } from '../../src/lib/server/public/facet-index';
import { ftsQuery } from '../../src/lib/server/public/fold';
import { keptCounts } from '../../src/lib/server/public/kept-counts';
import { unpublishRecord } from '../../src/lib/server/public/index-projects';
import { createApproved, republish } from '../helpers/approved';
import { describeEachDialect } from '../helpers/dialects';
import { seededRng } from '../helpers/rng';
import { searchEachTest } from './search-db';

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const some = (r: () => number, list: readonly string[], max: number): string =>
	Array.from({ length: Math.floor(r() * (max + 1)) }, () => pick(r, list)).join(' ');

// Few words, often repeated: many rows with the same counts and lengths, so equal scores.
const WORDS = ['kompetens', 'kompetenslyft', 'Grønn', 'grön', 'energi', 'Tromsø', 'skog', 'skogsbruk', 'a', 'överallt'];

function project(r: () => number, i: number): Partial<ProjectRecord> {
	return {
		// "överallt" in every title: its IDF is negative, which bm25() clamps to 1e-6; "ensam" in one (7, then its republication 1007).
		title: `${some(r, WORDS, 3)} överallt ${i % 500 === 7 ? 'ensam' : ''}`,
		owner: r() < 0.6 ? `${pick(r, WORDS)} kommun` : null,
		partners: Array.from({ length: Math.floor(r() * 3) }, () => `${pick(r, WORDS)} AB`),
		summary: r() < 0.8 ? some(r, WORDS, 20) : null,
		regions: r() < 0.5 ? ['Skåne', 'Troms'].slice(0, 1 + Math.floor(r() * 2)) : []
	};
}

const QUERIES = [
	'kompet',
	'kompetens',
	'grön',
	'gronn',
	'tromso',
	'skog',
	'a',
	'överallt',
	'ensam',
	'energi skog',
	'sk kompetenslyft',
	'skane'
];

const columns = SEARCH_FIELDS.map((f) => f.key);

/** `keepFrom` 1: every phrase read is kept, and later compared as brought forward from the change log. */
function compare(db: Db, keepFrom?: number, queries = QUERIES): void {
	const client = db.$client;
	const index = facetIndex(client);
	// The columns in the table's order, as text-match.ts lines them up.
	const order = client.prepare("SELECT name FROM pragma_table_info('public_search')").pluck().all() as string[];
	expect([...order].sort()).toEqual([...columns].sort());
	const weights = order.map((c) => SEARCH_FIELDS.find((f) => f.key === c)!.search!);
	const bm25 = `bm25(public_search, ${weights.map((w) => w.toFixed(1)).join(', ')})`;
	for (const q of queries) {
		const match = ftsQuery(q)!;
		const rows = client.prepare(`SELECT rowid, ${bm25} FROM public_search WHERE public_search MATCH ? ORDER BY rowid`).raw().all(match) as [
			number,
			number
		][];
		expect(rows.length, q).toBeGreaterThan(0);
		const ids = Int32Array.from(rows.map((row) => row[0]));
		const got = bm25Scores(client, index, match, ids.length, ids, order, weights, keepFrom);
		expect(got, q).not.toBeNull();
		// Bit for bit: equal doubles order and tie exactly as bm25()'s.
		expect(Buffer.from(got!.buffer).toString('hex'), q).toBe(
			Buffer.from(Float64Array.from(rows.map((row) => row[1])).buffer).toString('hex')
		);
		// A subset (what facet filters leave) gets the same scores.
		const odd = ids.filter((_, i) => i % 2 === 1);
		expect(Array.from(bm25Scores(client, index, match, ids.length, odd, order, weights, keepFrom)!), q).toEqual(
			rows.filter((_, i) => i % 2 === 1).map((row) => row[1])
		);
	}
	expect(
		new Set(QUERIES.map((q) => client.prepare(`SELECT ${bm25} FROM public_search WHERE public_search MATCH ?`).pluck().get(ftsQuery(q))))
			.size
	).toBeGreaterThan(1);
}

describeEachDialect('relevance without bm25() per row', (database) => {
	const sql = () => database().sql;
	const index = searchEachTest(database);

	it("gives bm25()'s scores, bit for bit, while projects are republished and withdrawn", async () => {
		const r = seededRng(5);
		const ids: string[] = [];
		for (let i = 0; i < 150; i++) ids.push((await createApproved(sql(), { record: project(r, i) })).recordId);
		compare(await index.db());
		for (let round = 0; round < 2; round++) {
			for (let i = 0; i < 15; i++) await republish(sql(), ids[(i * 7 + round) % ids.length], project(r, 1000 + i), round + 2);
			for (let i = 0; i < 5; i++) {
				const id = ids[(i * 13 + round * 3) % ids.length];
				await sql().db.update(sql().t.records).set({ status: 'rejected' }).where(eq(sql().t.records.id, id));
				await sql().tx((tx) => unpublishRecord(sql(), tx, id));
			}
			compare(await index.db());
		}
	}, 120_000);

	it("gives bm25()'s scores from counts kept across republications and withdrawals, without reading them again", async () => {
		const r = seededRng(6);
		const ids: string[] = [];
		for (let i = 0; i < 150; i++) ids.push((await createApproved(sql(), { record: project(r, i) })).recordId);
		// Seven phrases: a connection keeps eight.
		const queries = ['kompet', 'grön', 'tromso', 'a', 'överallt', 'energi skog'];
		const matches = queries.map((q) => ftsQuery(q)!.match(/"[^"]*"\*?/g)!).flat();
		compare(await index.db(), 1, queries);
		for (let round = 0; round < 2; round++) {
			// The counts as kept now: brought forward in place, not read afresh, they stay the same objects.
			const before = await index.db();
			const { generation } = facetIndex(before.$client);
			const kept = matches.map((m) => keptCounts(before.$client, facetIndex(before.$client), m, () => null));
			expect(kept.every(Boolean)).toBe(true);
			for (let i = 0; i < 15; i++) await republish(sql(), ids[(i * 11 + round) % ids.length], project(r, 2000 + i), round + 2);
			// A project published after the counts were kept: a row past their end.
			ids.push((await createApproved(sql(), { record: project(r, 3000 + round) })).recordId);
			for (let i = 0; i < 5; i++) {
				const id = ids[(i * 17 + round * 5) % ids.length];
				await sql().db.update(sql().t.records).set({ status: 'rejected' }).where(eq(sql().t.records.id, id));
				await sql().tx((tx) => unpublishRecord(sql(), tx, id));
			}
			const db = await index.db();
			compare(db, Infinity, queries);
			const now = facetIndex(db.$client);
			// The data moved on, and compare() found the counts kept: brought forward, the same objects.
			expect(now.generation).toBeGreaterThan(generation);
			matches.forEach((m, i) =>
				expect(
					keptCounts(db.$client, now, m, () => null),
					m
				).toBe(kept[i])
			);
		}
	}, 120_000);

	it('declines, rather than guess, when a weight is not an integer', async () => {
		await createApproved(sql(), { record: { title: 'Kompetens' } });
		const db = await index.db();
		const ids = Int32Array.from(db.$client.prepare('SELECT id FROM public_projects').pluck().all() as number[]);
		const scores = (phrases: number, weight: number) =>
			bm25Scores(
				db.$client,
				facetIndex(db.$client),
				'"kompetens"*',
				phrases,
				ids,
				columns,
				columns.map(() => weight)
			);
		expect(scores(1, 1)).not.toBeNull();
		expect(scores(1, 0.3)).toBeNull();
		// FTS5's count disagreeing (here: told wrong) is a reason to ask bm25() instead.
		expect(scores(2, 1)).toBeNull();
	});
});
