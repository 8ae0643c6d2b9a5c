/** Approved funding summed by country, programme and start year, in euro and in the original currencies. */
import { sql, type SQL } from 'drizzle-orm';
import type { Money } from '../../records/fields';
import type { Conn } from './conn';
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
	const { generation } = publicVersion(db);
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
