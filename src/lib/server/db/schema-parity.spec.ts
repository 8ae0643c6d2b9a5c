/**
 * The SQLite schema (schema/) and its PostgreSQL twin (schema-pg/) must describe the same
 * database: same tables, columns, nullability, defaults, TypeScript kinds, primary keys,
 * uniques, indexes and foreign keys. Drizzle has no dialect-neutral schema, so a column
 * added to one side only is caught here rather than by a PostgreSQL deployment.
 */
import { is } from 'drizzle-orm';
import { getTableConfig as pgConfig, integer as pgInteger, pgTable, PgTable, text as pgText } from 'drizzle-orm/pg-core';
import {
	getTableConfig as sqliteConfig,
	integer as sqliteInteger,
	sqliteTable,
	SQLiteTable,
	text as sqliteText,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as sqliteSchema from './schema';
import * as pgSchema from './schema-pg';

interface Shape {
	columns: Record<string, string>;
	primaryKey: string;
	uniques: string[];
	indexes: string[];
	foreignKeys: string[];
}

type AnyConfig = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;
type AnyColumn = AnyConfig['columns'][number];

/** The row type a column reads as: pg's bytea is a custom column, SQLite's blob a buffer; both are Buffers. */
function kind(c: AnyColumn): string {
	if (c.dataType !== 'custom') return c.dataType;
	return c.getSQLType() === 'bytea' ? 'buffer' : c.getSQLType();
}

/**
 * Drizzle counts a SQLite INTEGER PRIMARY KEY as defaulted, since SQLite hands out a rowid
 * when none is given; without AUTOINCREMENT Samla always gives one, and its twin has no
 * default. Except in these, where SQLite hands out the rowid (AUTOINCREMENT dropped for
 * the sqlite_sequence write it cost every insert, migration 0012) and the twin is an identity.
 */
const ROWIDS_HANDED_OUT = new Set(['yjs_updates.id']);

function defaulted(table: string, c: AnyColumn): boolean {
	const rowidAlias =
		c.columnType === 'SQLiteInteger' &&
		c.primary &&
		!('autoIncrement' in c && c.autoIncrement) &&
		!ROWIDS_HANDED_OUT.has(`${table}.${c.name}`);
	return c.hasDefault && !rowidAlias;
}

function shape(t: AnyConfig): Shape {
	const names = (cols: { name: string }[]) => cols.map((c) => c.name).join(',');
	const columns: Record<string, string> = {};
	for (const c of t.columns) {
		const enumValues = c.enumValues?.length ? ` enum(${c.enumValues.join('|')})` : '';
		columns[c.name] = `${kind(c)}${c.notNull ? ' not null' : ''}${defaulted(t.name, c) ? ' default' : ''}${enumValues}`;
	}
	const uniques = [
		...t.columns.filter((c) => c.isUnique).map((c) => c.name),
		...t.uniqueConstraints.map((u) => names(u.columns)),
		...t.indexes.filter((i) => i.config.unique).map((i) => names(i.config.columns as { name: string }[]))
	];
	return {
		columns,
		primaryKey: t.primaryKeys.length ? names(t.primaryKeys[0].columns) : names(t.columns.filter((c) => c.primary)),
		uniques: uniques.sort(),
		indexes: t.indexes
			.filter((i) => !i.config.unique)
			.map((i) => `${i.config.name}(${names(i.config.columns as { name: string }[])})`)
			.sort(),
		foreignKeys: t.foreignKeys
			.map((f) => {
				const r = f.reference();
				return `${names(r.columns)} -> ${getName(r.foreignTable)}(${names(r.foreignColumns)}) on delete ${f.onDelete ?? 'no action'}`;
			})
			.sort()
	};
}

function getName(t: SQLiteTable | PgTable): string {
	return is(t, SQLiteTable) ? sqliteConfig(t).name : pgConfig(t as PgTable).name;
}

function shapes(module: Record<string, unknown>): Map<string, Shape> {
	const out = new Map<string, Shape>();
	for (const value of Object.values(module)) {
		if (is(value, SQLiteTable)) out.set(sqliteConfig(value).name, shape(sqliteConfig(value)));
		else if (is(value, PgTable)) out.set(pgConfig(value).name, shape(pgConfig(value)));
	}
	return out;
}

/** Every way the two schemas differ, one line each; empty when they agree. */
function differences(sqlite: Record<string, unknown>, pg: Record<string, unknown>): string[] {
	const a = shapes(sqlite);
	const b = shapes(pg);
	const out: string[] = [];
	for (const name of new Set([...a.keys(), ...b.keys()])) {
		const s = a.get(name);
		const p = b.get(name);
		if (!s || !p) {
			out.push(`table ${name} only in ${s ? 'SQLite (add its twin to schema-pg/)' : 'PostgreSQL'}`);
			continue;
		}
		for (const column of new Set([...Object.keys(s.columns), ...Object.keys(p.columns)])) {
			if (!(column in p.columns)) out.push(`${name}.${column} only in SQLite`);
			else if (!(column in s.columns)) out.push(`${name}.${column} only in PostgreSQL`);
			else if (s.columns[column] !== p.columns[column]) {
				out.push(`${name}.${column}: SQLite "${s.columns[column]}", PostgreSQL "${p.columns[column]}"`);
			}
		}
		for (const key of ['primaryKey', 'uniques', 'indexes', 'foreignKeys'] as const) {
			const sv = JSON.stringify(s[key]);
			const pv = JSON.stringify(p[key]);
			if (sv !== pv) out.push(`${name} ${key}: SQLite ${sv}, PostgreSQL ${pv}`);
		}
	}
	return out;
}

describe('the SQLite and PostgreSQL schemas', () => {
	it('describe the same tables, columns, keys, uniques, indexes and foreign keys', () => {
		expect(shapes(sqliteSchema).size).toBeGreaterThan(15);
		expect(differences(sqliteSchema, pgSchema)).toEqual([]);
	});

	it('name a column added to one side only, a changed nullability and a missing unique', () => {
		const sqlite = {
			t: sqliteTable('t', { id: sqliteText('id').primaryKey(), n: sqliteInteger('n').notNull(), extra: sqliteText('extra') }, (t) => [
				uniqueIndex('t_n_uq').on(t.n)
			])
		};
		const pg = { t: pgTable('t', { id: pgText('id').primaryKey(), n: pgInteger('n') }) };
		expect(differences(sqlite, pg)).toEqual([
			't.n: SQLite "number not null", PostgreSQL "number"',
			't.extra only in SQLite',
			't uniques: SQLite ["n"], PostgreSQL []'
		]);
	});

	it('name a table that has no twin', () => {
		const sqlite = { t: sqliteTable('t', { id: sqliteText('id').primaryKey() }) };
		expect(differences(sqlite, {})).toEqual(['table t only in SQLite (add its twin to schema-pg/)']);
	});
});
