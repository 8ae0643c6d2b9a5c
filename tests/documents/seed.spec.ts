/**
 * seeds/ on a database's first start, on SQLite and PostgreSQL: ingested once, marked, and
 * left alone by later starts; processes starting on a new database at once store each seed
 * document once, and exactly one of them says it seeded (so --demo approves once).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { seedOnFirstStart } from '../../server/seed';
import { describeEachDialect } from '../helpers/dialects';
import { clearDocumentTables } from '../helpers/documents-sql';

const ROOT = join(import.meta.dirname, '../..');
const seedsDir = mkdtempSync(join(tmpdir(), 'samla-seeds-'));
mkdirSync(join(seedsDir, 'nested'));
copyFileSync(join(ROOT, 'seeds/001_eb5f08e581a28cbb.txt'), join(seedsDir, 'compcor.txt'));
copyFileSync(join(ROOT, 'seeds/003_526b8efec8d43795.txt'), join(seedsDir, 'nested/innovasjon.txt'));
afterAll(() => rmSync(seedsDir, { recursive: true, force: true }));
const cfg = { seedsDir, maxDocumentBytes: 10 * 1024 * 1024 };

describeEachDialect('seeding on the first start', (database) => {
	const sql = () => database().sql;
	beforeEach(async () => {
		await clearDocumentTables(sql());
		await sql().db.delete(sql().t.appMeta);
	});
	const fileNames = async () => (await sql().db.select().from(sql().t.documents)).map((d) => d.fileName).sort();

	it('ingests the seeds once and leaves them to the editors on later starts', async () => {
		const lines: string[] = [];
		expect(await seedOnFirstStart(sql(), cfg, (line) => lines.push(line))).toBe(true);
		expect(lines.join('\n')).toMatch(/First start: ingested 2 seed documents .*\(\d+ draft records\)/);
		expect(await fileNames()).toEqual(['compcor.txt', 'innovasjon.txt']);
		await sql().db.delete(sql().t.records);
		await sql().db.delete(sql().t.documents);
		expect(await seedOnFirstStart(sql(), cfg, () => {})).toBe(false);
		expect(await fileNames()).toEqual([]);
	});

	it('stores each seed once when two processes start on the new database at once, and one of them seeded', async () => {
		const other = await database().openAnother();
		const seeded = await Promise.all([seedOnFirstStart(sql(), cfg, () => {}), seedOnFirstStart(other, cfg, () => {})]);
		expect(seeded.filter(Boolean)).toHaveLength(1);
		expect(await fileNames()).toEqual(['compcor.txt', 'innovasjon.txt']);
	});
});
