import { eq } from 'drizzle-orm';
import { existsSync } from 'node:fs';
import type { Config } from '../src/lib/server/config';
import type { Db } from '../src/lib/server/db/client';
import { appMeta } from '../src/lib/server/db/schema';
import { ingestFiles } from './ingest-files';

const SEEDED = 'seeded_at';

/**
 * seeds/ is ingested once per database, on its first start; later starts leave the data as
 * editors left it. True when this start was the first.
 */
export async function seedOnFirstStart(
	db: Db,
	cfg: Pick<Config, 'seedsDir' | 'maxDocumentBytes'>,
	log: (line: string) => void
): Promise<boolean> {
	const { seedsDir } = cfg;
	if (db.select().from(appMeta).where(eq(appMeta.key, SEEDED)).get()) return false;
	if (existsSync(seedsDir)) {
		const summary = await ingestFiles(db, cfg, [seedsDir]);
		log(
			`First start: ingested ${summary.newDocuments} seed documents from ${seedsDir} ` +
				`(${summary.recordsCreated} draft records${summary.failedDocuments ? `, ${summary.failedDocuments} failed` : ''}).`
		);
		for (const o of summary.outcomes) if (o.status === 'failed') log(`  ${o.message}`);
	}
	db.insert(appMeta).values({ key: SEEDED, value: new Date().toISOString() }).run();
	return true;
}
