/** Approved funding summed by country, programme and start year, in euro and in the original currencies. */
import { sql, type SQL } from 'drizzle-orm';
import type { Money } from '../../records/fields';
import type { Conn } from './conn';
import { publicVersionSync } from './state';

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

function group(db: Conn, key: SQL): FundingRow[] {
	const rows = db.all<{ k: string | number | null; c: string | null; n: number; conv: number; v: number | null; e: number | null }>(sql`
		SELECT ${key} AS k, p.amount_currency AS c, count(*) AS n, count(p.amount_eur) AS conv,
			sum(p.amount_value) AS v, sum(p.amount_eur) AS e
		FROM public_projects p GROUP BY k, c`);
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

const byEur = (a: FundingRow, b: FundingRow) => b.eur - a.eur || b.projects - a.projects;

/** Sums change only when the public data does; at 100,000 projects they are worth keeping. */
const cache = new WeakMap<Conn, { generation: number; stats: FundingStats }>();

export function fundingStats(db: Conn): FundingStats {
	const { generation } = publicVersionSync(db); // pg: stats.ts not converted yet
	const hit = cache.get(db);
	if (hit?.generation === generation) return hit.stats;
	const stats = {
		byCountry: group(db, sql`p.country`).sort(byEur),
		byProgramme: group(db, sql`p.programme`).sort(byEur),
		byYear: group(db, sql`p.start_year`).sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : Number(a.key) - Number(b.key)))
	};
	cache.set(db, { generation, stats });
	return stats;
}

export interface YearProgrammeStats {
	/** The programmes with the most euro, then null for all others together. */
	programmes: (string | null)[];
	rows: { year: string | null; eur: number[]; projects: number; converted: number }[];
}

/** How many programmes get their own colour in the chart; the rest are summed as "other". */
export const TOP_PROGRAMMES = 5;

const yearCache = new WeakMap<Conn, { generation: number; stats: YearProgrammeStats }>();

/** Funding per start year, split by programme: the largest programmes each, the rest together. */
export function fundingByYearAndProgramme(db: Conn): YearProgrammeStats {
	const { generation } = publicVersionSync(db); // pg: stats.ts not converted yet
	const hit = yearCache.get(db);
	if (hit?.generation === generation) return hit.stats;
	const rows = db.all<{ y: number | null; pr: string | null; n: number; conv: number; e: number | null }>(sql`
		SELECT p.start_year AS y, p.programme AS pr, count(*) AS n, count(p.amount_eur) AS conv, sum(p.amount_eur) AS e
		FROM public_projects p GROUP BY y, pr`);
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
	yearCache.set(db, { generation, stats });
	return stats;
}
