import type { RunResult } from 'better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from '../db/schema';

/** The database or a transaction on it: publishing runs inside the approval's transaction. */
export type Conn = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;
