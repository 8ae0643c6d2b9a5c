/**
 * The names approvers have committed — owners, partners, funders, programmes — handed to
 * the extractor so that a name approved once is recognised in every later document.
 * Read from the immutable versions; kept until a new version appears (any approval, in
 * any process, raises the highest version id), so ingest pays one indexed lookup per document.
 */
import { max } from 'drizzle-orm';
import type { Db } from '../db/client';
import { recordVersions } from '../db/schema';
import type { KnownNames } from './extract/known';

const cache = new WeakMap<Db, { stamp: number; names: KnownNames }>();

export function approvedNames(db: Db): KnownNames {
	const stamp =
		db
			.select({ last: max(recordVersions.id) })
			.from(recordVersions)
			.get()?.last ?? 0;
	const hit = cache.get(db);
	if (hit && hit.stamp === stamp) return hit.names;
	const organisations = new Set<string>();
	const funders = new Set<string>();
	const programmes = new Set<string>();
	for (const { data } of db.select({ data: recordVersions.data }).from(recordVersions).all()) {
		const add = (set: Set<string>, v: unknown) => {
			if (typeof v === 'string' && v.trim()) set.add(v.trim());
		};
		add(organisations, data.owner);
		for (const p of data.partners ?? []) add(organisations, p);
		add(funders, data.funder);
		add(programmes, data.programme);
	}
	const names: KnownNames = { organisations: [...organisations], funders: [...funders], programmes: [...programmes] };
	cache.set(db, { stamp, names });
	return names;
}
