/**
 * The column types the PostgreSQL schema shares, chosen so every table infers the same
 * TypeScript row as its SQLite twin (Date, Buffer, number, parsed JSON): code written
 * against one schema reads the other's rows unchanged.
 */
import { customType, timestamp } from 'drizzle-orm/pg-core';

/**
 * SQLite keeps times as integer milliseconds (`timestamp_ms`); timestamptz(3) keeps the
 * same milliseconds, compares and indexes the same, and reads back as a Date.
 */
export const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });

/** Yjs updates, state vectors and document files: bytes as node-postgres gives them (drizzle 0.45 has no bytea column). */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
	dataType: () => 'bytea'
});
