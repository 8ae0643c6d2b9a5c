/**
 * Keeps the public search index (public_projects, public_project_records,
 * public_project_facet_values, public_project_organisations, the FTS5 table public_search) equal to the latest approved version of every record that is not
 * rejected. The approval action calls publishVersion inside its transaction, after the
 * version row and the record's status are written, so the public never sees a version
 * the database does not hold; a rejection calls unpublishRecord.
 */
import { asc, desc, eq, sql as rawSql, type SQL } from 'drizzle-orm';
import { FACET_FIELDS, FIELDS, isFieldKey, fieldDef, SEARCH_FIELDS, type FieldDef } from '../../records/fields';
import { toEur } from '../../records/eur-rates';
import { facetKind } from '../../records/kinds';
import type { Sql, SqlDb } from '../db/sql';
import { foldFully, foldLetters } from './fold';
import { indexOrganisations } from './index-organisations';
import { publicRecord, type PublicQuote, type PublicRecord, type PublicSource } from '../../records/public-record';
import { lockPublicIndex, markChanged } from './state';

/**
 * Returns the version now public, or null when the record is not (any more). Call inside
 * the transaction `tx` that wrote the version or the status. Locks are taken in one order
 * everywhere: the record's row (kept until `tx` ends, so two publications of one record never
 * interleave), then the public index's (state.ts).
 */
export async function publishVersion(sql: Sql, tx: SqlDb, recordId: string, now = new Date()): Promise<number | null> {
	const { publicProjectFacetValues, publicProjectRecords, publicProjects, recordVersions, records } = sql.t;
	const [record] = await sql.forUpdate(
		tx.select({ status: records.status, documentId: records.documentId }).from(records).where(eq(records.id, recordId))
	);
	await lockPublicIndex(sql, tx);
	const [latest] = await tx
		.select()
		.from(recordVersions)
		.where(eq(recordVersions.recordId, recordId))
		.orderBy(desc(recordVersions.version))
		.limit(1);
	if (!record || !latest || record.status === 'rejected') {
		await unpublishRecord(sql, tx, recordId, now);
		return null;
	}

	const data = publicRecord(latest.data);
	const row = { recordId, version: latest.version, approvedAt: latest.approvedAt, ...flatten(data) };
	const payload = { record: data, sources: await collectSources(sql, tx, recordId, record.documentId, data) };
	const [existing] = await tx.select({ id: publicProjects.id }).from(publicProjects).where(eq(publicProjects.recordId, recordId));
	let id: number;
	if (existing) {
		id = existing.id;
		await tx.update(publicProjects).set(row).where(eq(publicProjects.id, id));
		await tx.update(publicProjectRecords).set(payload).where(eq(publicProjectRecords.projectId, id));
		ftsWrite(sql, tx, rawSql`DELETE FROM public_search WHERE rowid = ${id}`);
		await tx.delete(publicProjectFacetValues).where(eq(publicProjectFacetValues.projectId, id));
	} else {
		[{ id }] = await tx.insert(publicProjects).values(row).returning({ id: publicProjects.id });
		await tx.insert(publicProjectRecords).values({ projectId: id, ...payload });
	}
	ftsWrite(
		sql,
		tx,
		rawSql`INSERT INTO public_search (rowid, ${rawSql.raw(SEARCH_FIELDS.map((f) => f.key).join(', '))})
		VALUES (${id}, ${rawSql.join(
			SEARCH_FIELDS.map((f) => rawSql`${searchText(data, f)}`),
			rawSql`, `
		)})`
	);
	const listed = FACET_FIELDS.filter((def) => facetKind(def).store === 'rows').flatMap((def) =>
		facetKind(def)
			.values(data[def.key as keyof PublicRecord])
			.map((value) => ({ projectId: id, facet: def.key, value: String(value) }))
	);
	if (listed.length) await tx.insert(publicProjectFacetValues).values(listed);
	await indexOrganisations(sql, tx, id, data);
	await markChanged(sql, tx, now);
	return latest.version;
}

/**
 * A statement on SQLite's FTS5 table, which only SQLite has. PostgreSQL mode searches an
 * index in each process's memory, loaded from public_project_records (docs/deploy.md); its
 * tsvector twin of the table is left to the bench that measures it.
 */
function ftsWrite(sql: Sql, tx: SqlDb, statement: SQL): void {
	if (sql.dialect === 'sqlite') (tx as unknown as { run(query: SQL): unknown }).run(statement);
}

/** Withdraws a record from the public view (its regions and record by cascade, its FTS row by trigger); a no-op when it is not public. True when it was. */
export async function unpublishRecord(sql: Sql, tx: SqlDb, recordId: string, now = new Date()): Promise<boolean> {
	const { publicProjects } = sql.t;
	await lockPublicIndex(sql, tx);
	const removed = await tx.delete(publicProjects).where(eq(publicProjects.recordId, recordId)).returning({ id: publicProjects.id });
	if (removed.length) await markChanged(sql, tx, now);
	return removed.length > 0;
}

/** A searched field's text as FTS5 indexes it: list items one a line, ø/æ… spelled out as the query is. PostgreSQL's tsvector is built from it too (pg-search.ts). */
export function searchText(data: PublicRecord, def: FieldDef): string {
	const v = data[def.key as keyof PublicRecord];
	return foldLetters(Array.isArray(v) ? v.join('\n') : typeof v === 'string' ? v : '');
}

/** The row of public_projects: sorting and sums, and a column per single-valued facet of the registry. */
function flatten(data: PublicRecord) {
	const facets = FACET_FIELDS.flatMap((def) => {
		const facet = facetKind(def);
		return facet.store === 'rows' ? [] : [[facet.column(def.key), facet.values(data[def.key as keyof PublicRecord])[0] ?? null]];
	});
	return {
		sortTitle: foldFully(data.title).trim(),
		startDate: data.startDate,
		amountValue: data.amount?.value ?? null,
		amountCurrency: data.amount?.currency.toUpperCase() ?? null,
		amountEur: data.amount ? toEur(data.amount) : null,
		...(Object.fromEntries(facets) as Record<string, string | number | null>)
	};
}

/**
 * The documents the record came from, each with the passages quoted for its public values.
 * Provenance belongs to the record, not to a version, so a quote is kept only where it
 * still supports the approved value: a text an editor rewrote no longer cites the old
 * passage. Contact passages are never quoted: they may hold a person's details.
 */
async function collectSources(
	sql: Sql,
	tx: SqlDb,
	recordId: string,
	primaryDocumentId: string,
	data: PublicRecord
): Promise<PublicSource[]> {
	const { documents, fieldProvenance } = sql.t;
	const rows = await tx
		.select({
			documentId: fieldProvenance.documentId,
			field: fieldProvenance.field,
			snippet: fieldProvenance.snippet,
			title: documents.title,
			url: documents.sourceUrl
		})
		.from(fieldProvenance)
		.innerJoin(documents, eq(documents.id, fieldProvenance.documentId))
		.where(eq(fieldProvenance.recordId, recordId))
		.orderBy(asc(fieldProvenance.start));
	const byDocument = new Map<string, PublicSource>();
	const [primary] = await tx
		.select({ title: documents.title, url: documents.sourceUrl })
		.from(documents)
		.where(eq(documents.id, primaryDocumentId));
	if (primary) byDocument.set(primaryDocumentId, { title: primary.title, url: webUrl(primary.url), quotes: [] });
	const fieldOrder = new Map(FIELDS.map((f, i) => [f.key, i]));
	for (const r of rows) {
		if (!isFieldKey(r.field)) continue;
		const def = fieldDef(r.field);
		if (!def.public || def.kind === 'contacts') continue;
		const index = supportedIndex(def, data, r.snippet);
		if (index === undefined) continue;
		const source = byDocument.get(r.documentId) ?? { title: r.title, url: webUrl(r.url), quotes: [] };
		byDocument.set(r.documentId, source);
		if (!source.quotes.some((q) => q.field === def.key && q.index === index && q.snippet === r.snippet)) {
			source.quotes.push({ field: def.key, index, snippet: r.snippet });
		}
	}
	for (const s of byDocument.values())
		s.quotes.sort((a, b) => fieldOrder.get(a.field)! - fieldOrder.get(b.field)! || (a.index ?? 0) - (b.index ?? 0));
	return [...byDocument.values()];
}

/** Only http(s) links reach a page: a `javascript:` source URL must not become a link. */
function webUrl(url: string | null): string | null {
	if (!url) return null;
	try {
		const u = new URL(url);
		return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
	} catch {
		return null;
	}
}

function mentions(snippet: string, value: string): boolean {
	const a = foldFully(snippet);
	const b = foldFully(value);
	return b.length > 0 && (a.includes(b) || b.includes(a));
}

/**
 * Where a quote belongs: null for a single value, the list position for a list item,
 * undefined when the approved value no longer says what the passage says. Numbers,
 * dates and codes are written differently in the text ("8,8 miljoner", "Sverige"), so
 * their passages are kept as they are.
 */
function supportedIndex(def: FieldDef, data: PublicRecord, snippet: string): PublicQuote['index'] | undefined {
	const value = data[def.key as keyof PublicRecord];
	if (value === null || (Array.isArray(value) && value.length === 0)) return undefined;
	if (def.kind === 'list') {
		const i = (value as string[]).findIndex((item) => mentions(snippet, item));
		return i < 0 ? undefined : i;
	}
	if (def.kind === 'text' || def.kind === 'longtext') return mentions(snippet, value as string) ? null : undefined;
	return null;
}
