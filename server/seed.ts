import { eq } from 'drizzle-orm';
import { existsSync } from 'node:fs';
import type { Config } from '../src/lib/server/config';
import type { Sql } from '../src/lib/server/db/sql';
import { ingestFiles } from './ingest-files';

const SEEDED = 'seeded_at';

/**
 * seeds/ is ingested once per database, on its first start; later starts leave the data as
 * editors left it. True when this start was the first. The mark is written after the
 * documents, so a start that stopped half-way seeds again (stored documents are skipped).
 * Processes starting on a new PostgreSQL database at once may all ingest: each document is
 * stored once (ingest locks its hashes), and only the one that writes the mark says true.
 */
export async function seedOnFirstStart(
	sql: Sql,
	cfg: Pick<Config, 'seedsDir' | 'maxDocumentBytes'>,
	log: (line: string) => void
): Promise<boolean> {
	const { seedsDir } = cfg;
	const { appMeta } = sql.t;
	const [seeded] = await sql.db.select({ key: appMeta.key }).from(appMeta).where(eq(appMeta.key, SEEDED));
	if (seeded) return false;
	if (existsSync(seedsDir)) {
		const summary = await ingestFiles(sql, cfg, [seedsDir]);
		log(
			`First start: ingested ${summary.newDocuments} seed documents from ${seedsDir} ` +
				`(${summary.recordsCreated} draft records${summary.failedDocuments ? `, ${summary.failedDocuments} failed` : ''}).`
		);
		for (const o of summary.outcomes) if (o.status === 'failed') log(`  ${o.message}`);
	}
	const [marked] = await sql.db
		.insert(appMeta)
		.values({ key: SEEDED, value: new Date().toISOString() })
		.onConflictDoNothing()
		.returning({ key: appMeta.key });
	return !!marked;
}
