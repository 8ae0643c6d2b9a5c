/**
 * "Possibly the same project as …": two records with the same reference, or near-identical
 * titles and the same owner. Proposed to editors, never merged without one (see merge.ts).
 */
import { and, isNull, ne } from 'drizzle-orm';
import type { Sql } from '../db/sql';

export interface SameProjectCandidate {
	id: string;
	title: string;
	reason: 'reference' | 'title';
}

interface Comparable {
	id: string;
	title: string;
	reference: string | null;
	owner: string | null;
}

/** Case, accents, punctuation and spacing are how a text is written, not what it names. */
export function fold(s: string | null | undefined): string {
	return (s ?? '')
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** Edit distance, giving up (returning max + 1) once it is sure to exceed max. */
function distance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
			best = Math.min(best, cur[j]);
		}
		if (best > max) return max + 1;
		prev = cur;
	}
	return prev[b.length];
}

/** Titles that differ by at most one character in ten (a typo, a dash, a plural). */
export function nearlySameTitle(a: string, b: string): boolean {
	const x = fold(a);
	const y = fold(b);
	if (!x || !y) return false;
	const max = Math.floor(Math.max(x.length, y.length) / 10);
	return distance(x, y, max) <= max;
}

export function sameProject(a: Comparable, b: Comparable): SameProjectCandidate['reason'] | null {
	const ref = fold(a.reference);
	if (ref && ref === fold(b.reference)) return 'reference';
	const owner = fold(a.owner);
	if (owner && owner === fold(b.owner) && nearlySameTitle(a.title, b.title)) return 'title';
	return null;
}

async function openRecords(sql: Sql, except?: string): Promise<Comparable[]> {
	const { records } = sql.t;
	const rows = await sql.db
		.select({ id: records.id, title: records.title, reference: records.reference, draft: records.draft })
		.from(records)
		.where(and(isNull(records.mergedIntoId), except ? ne(records.id, except) : undefined));
	return rows.map((r) => ({
		id: r.id,
		title: r.draft.title || r.title,
		reference: r.draft.reference ?? r.reference,
		owner: r.draft.owner
	}));
}

/** Open records that may be the same project as this one. */
export async function sameProjectCandidates(sql: Sql, record: Comparable): Promise<SameProjectCandidate[]> {
	const out: SameProjectCandidate[] = [];
	for (const other of await openRecords(sql, record.id)) {
		const reason = sameProject(record, other);
		if (reason) out.push({ id: other.id, title: other.title, reason });
	}
	return out;
}

/** For the queue: each open record with a possible twin, and the first such twin. */
export async function sameProjectPairs(sql: Sql): Promise<Map<string, SameProjectCandidate>> {
	const all = await openRecords(sql);
	const byRef = new Map<string, Comparable[]>();
	const byOwner = new Map<string, Comparable[]>();
	for (const r of all) {
		const ref = fold(r.reference);
		if (ref) byRef.set(ref, [...(byRef.get(ref) ?? []), r]);
		const owner = fold(r.owner);
		if (owner) byOwner.set(owner, [...(byOwner.get(owner) ?? []), r]);
	}
	const out = new Map<string, SameProjectCandidate>();
	const pair = (a: Comparable, b: Comparable, reason: SameProjectCandidate['reason']) => {
		if (!out.has(a.id)) out.set(a.id, { id: b.id, title: b.title, reason });
		if (!out.has(b.id)) out.set(b.id, { id: a.id, title: a.title, reason });
	};
	for (const group of byRef.values()) for (let i = 1; i < group.length; i++) pair(group[i], group[0], 'reference');
	for (const group of byOwner.values()) {
		for (let i = 0; i < group.length; i++)
			for (let j = i + 1; j < group.length; j++) if (nearlySameTitle(group[i].title, group[j].title)) pair(group[i], group[j], 'title');
	}
	return out;
}
