/** Approved funding summed by country, programme and start year, in euro and in the original currencies. */
import { count, sql as rawSql, type AnyColumn } from 'drizzle-orm';
import type { Money } from '../../records/fields';
import type { Sql } from '../db/sql';
import { publicVersion } from './state';

export interface FundingRow {
	/** The country code, programme or year; null for projects that do not state it. */
	key: string | null;
	projects: number;
	/** Projects whose amount is in euro here; the others have no amount or a currency without a rate. */
	converted: number;
	eur: number;
	/** The same money as granted, one sum per currency, largest first. */
	original: Money[];
}

export interface FundingStats {
	byCountry: FundingRow[];
	byProgramme: FundingRow[];
	byYear: FundingRow[];
}

/** PostgreSQL sums into numeric or bigint, which arrive as text: Number for both dialects. */
const sumOf = (column: AnyColumn) => rawSql<number | null>`sum(${column})`.mapWith((v) => (v === null ? null : Number(v)));

async function group(sql: Sql, key: 'country' | 'programme' | 'start_year'): Promise<FundingRow[]> {
	const { publicProjects: p } = sql.t;
	const k = rawSql<string | number | null>`${rawSql.identifier(key)}`;
	const rows = await sql.db
		.select({
			k,
			c: p.amountCurrency,
			n: count(),
			conv: count(p.amountEur),
			v: sumOf(p.amountValue),
			e: sumOf(p.amountEur)
		})
		.from(p)
		.groupBy(k, p.amountCurrency);
	const byKey = new Map<string | null, FundingRow>();
	for (const r of rows) {
		const k = r.k === null ? null : String(r.k);
		const row = byKey.get(k) ?? { key: k, projects: 0, converted: 0, eur: 0, original: [] };
		row.projects += r.n;
		row.converted += r.conv;
		row.eur += r.e ?? 0;
		if (r.c && r.v !== null) row.original.push({ value: r.v, currency: r.c });
		byKey.set(k, row);
	}
	for (const row of byKey.values()) row.original.sort((a, b) => b.value - a.value);
	return [...byKey.values()];
}

// The key last, so both databases, which group in different orders, list ties alike; no key after every key.
const byEur = (a: FundingRow, b: FundingRow) =>
	b.eur - a.eur || b.projects - a.projects || (a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1);

/** Sums change only when the public data does; at 100,000 projects they are worth keeping. */
const cache = new WeakMap<Sql, { generation: number; stats: FundingStats }>();

export async function fundingStats(sql: Sql): Promise<FundingStats> {
	const { generation } = await publicVersion(sql);
	const hit = cache.get(sql);
	if (hit?.generation === generation) return hit.stats;
	const [byCountry, byProgramme, byYear] = await Promise.all([group(sql, 'country'), group(sql, 'programme'), group(sql, 'start_year')]);
	const stats = {
		byCountry: byCountry.sort(byEur),
		byProgramme: byProgramme.sort(byEur),
		byYear: byYear.sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : Number(a.key) - Number(b.key)))
	};
	cache.set(sql, { generation, stats });
	return stats;
}

export interface YearProgrammeStats {
	/** The programmes with the most euro, then null for all others together. */
	programmes: (string | null)[];
	rows: { year: string | null; eur: number[]; projects: number; converted: number }[];
}

/** How many programmes get their own colour in the chart; the rest are summed as "other". */
export const TOP_PROGRAMMES = 5;

const yearCache = new WeakMap<Sql, { generation: number; stats: YearProgrammeStats }>();

/** Funding per start year, split by programme: the largest programmes each, the rest together. */
export async function fundingByYearAndProgramme(sql: Sql): Promise<YearProgrammeStats> {
	const { generation } = await publicVersion(sql);
	const hit = yearCache.get(sql);
	if (hit?.generation === generation) return hit.stats;
	const { publicProjects: p } = sql.t;
	const y = rawSql<number | null>`${rawSql.identifier('start_year')}`;
	const pr = rawSql<string | null>`${rawSql.identifier('programme')}`;
	const rows = await sql.db
		.select({ y, pr, n: count(), conv: count(p.amountEur), e: sumOf(p.amountEur) })
		.from(p)
		.groupBy(y, pr);
	const byProgramme = new Map<string, number>();
	for (const r of rows) if (r.pr !== null) byProgramme.set(r.pr, (byProgramme.get(r.pr) ?? 0) + (r.e ?? 0));
	const top = [...byProgramme]
		.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
		.slice(0, TOP_PROGRAMMES)
		.map(([p]) => p);
	const programmes: (string | null)[] = [...top, null];
	const years = new Map<number | null, YearProgrammeStats['rows'][number]>();
	for (const r of rows) {
		const row = years.get(r.y) ?? { year: r.y === null ? null : String(r.y), eur: programmes.map(() => 0), projects: 0, converted: 0 };
		const at = r.pr !== null && top.includes(r.pr) ? top.indexOf(r.pr) : programmes.length - 1;
		row.eur[at] += r.e ?? 0;
		row.projects += r.n;
		row.converted += r.conv;
		years.set(r.y, row);
	}
	const stats = {
		programmes,
		rows: [...years.values()].sort((a, b) => (a.year === null ? 1 : b.year === null ? -1 : Number(a.year) - Number(b.year)))
	};
	yearCache.set(sql, { generation, stats });
	return stats;
}
