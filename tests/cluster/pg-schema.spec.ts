/**
 * Rows written through the PostgreSQL schema read back as the SQLite schema's do (Buffer,
 * Date, parsed JSON, numbers), and the database itself enforces what approval relies on.
 */
import { eq } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { emptyRecord } from '../../src/lib/records/fields';
import { migratePgDatabase, openPgDatabase, type PgDb } from '../../src/lib/server/db/pg-client';
import { documentFiles, documents, records, recordVersions, users, yjsUpdates } from '../../src/lib/server/db/schema-pg';
import { describeCluster, useTestDatabase } from '../helpers/cluster';

const MIGRATIONS = join(import.meta.dirname, '../../drizzle/pg');
const JOURNAL = JSON.parse(readFileSync(join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };

describeCluster('the PostgreSQL schema', () => {
	const database = useTestDatabase();
	let db: PgDb;
	const at = new Date('2026-03-01T12:34:56.789Z');

	beforeAll(async () => {
		expect(await migratePgDatabase(database.url, MIGRATIONS)).toEqual({ applied: JOURNAL.entries.length });
		db = openPgDatabase(database.url);
		await db
			.insert(users)
			.values({ id: 'u1', email: 'a@example.org', name: 'A', role: 'editor', passwordHash: 'x', createdAt: at, updatedAt: at });
		await db.insert(documents).values({ id: 'd1', contentHash: 'h', content: 'text', language: 'sv', title: 'Doc', ingestedAt: at });
		await db
			.insert(records)
			.values({ id: 'r1', title: 'Unga vägar', documentId: 'd1', draft: emptyRecord('Unga vägar'), matchKey: 'unga vagar', createdAt: at });
	});
	afterAll(async () => {
		await db?.$client.end();
	});

	it('reads bytes, times, JSON and identities back as the SQLite schema does', async () => {
		const bytes = Buffer.from([0, 1, 2, 255, 0x5c, 0x78]);
		await db.insert(documentFiles).values({ documentId: 'd1', data: bytes });
		const [first] = await db.insert(yjsUpdates).values({ recordId: 'r1', data: bytes, createdAt: at }).returning();
		const [second] = await db
			.insert(yjsUpdates)
			.values({ recordId: 'r1', data: Buffer.alloc(0), createdAt: at })
			.returning();

		const [file] = await db.select().from(documentFiles).where(eq(documentFiles.documentId, 'd1'));
		expect(Buffer.isBuffer(file.data) && file.data.equals(bytes)).toBe(true);
		expect(typeof first.id).toBe('number');
		expect(second.id).toBeGreaterThan(first.id);

		const [record] = await db.select().from(records).where(eq(records.id, 'r1'));
		expect(record.draft).toEqual(emptyRecord('Unga vägar'));
		expect(record.createdAt).toEqual(at);
		expect(record.updatedAt).toBeInstanceOf(Date);
		expect(record.status).toBe('draft');
	});

	it('refuses a second row for the same record and version: two approvers cannot both write v1', async () => {
		const version = {
			recordId: 'r1',
			version: 1,
			data: emptyRecord('v1'),
			stateVector: Buffer.from([1]),
			approvedBy: 'u1',
			approvedAt: at
		};
		await db.insert(recordVersions).values(version);
		await expect(db.insert(recordVersions).values(version)).rejects.toMatchObject({
			cause: { code: '23505', constraint: 'record_versions_record_version_uq' }
		});
	});
});
