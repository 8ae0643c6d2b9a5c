/**
 * The names approvers have committed — owners, partners, funders, programmes — handed to
 * the extractor so that a name approved once is recognised in every later document.
 * Read from the immutable versions; kept until a new version appears (any approval, in
 * any process, raises the highest version id), so ingest pays one indexed lookup per document.
 */
import { max } from 'drizzle-orm';
import type { Sql } from '../db/sql';
import type { KnownNames } from './extract/known';

/** Per database connection (`sql.db`), not per handle: handles over one connection share it. */
const cache = new WeakMap<object, { stamp: number; names: KnownNames }>();

export async function approvedNames(sql: Sql): Promise<KnownNames> {
	const { recordVersions } = sql.t;
	const [row] = await sql.db.select({ last: max(recordVersions.id) }).from(recordVersions);
	const stamp = row?.last ?? 0;
	const hit = cache.get(sql.db);
	if (hit && hit.stamp === stamp) return hit.names;
	const organisations = new Set<string>();
	const funders = new Set<string>();
	const programmes = new Set<string>();
	for (const { data } of await sql.db.select({ data: recordVersions.data }).from(recordVersions)) {
		const add = (set: Set<string>, v: unknown) => {
			if (typeof v === 'string' && v.trim()) set.add(v.trim());
		};
		add(organisations, data.owner);
		for (const p of data.partners ?? []) add(organisations, p);
		add(funders, data.funder);
		add(programmes, data.programme);
	}
	const names: KnownNames = { organisations: [...organisations], funders: [...funders], programmes: [...programmes] };
	cache.set(sql.db, { stamp, names });
	return names;
}
