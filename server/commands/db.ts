import { parseArgs } from 'node:util';
import { databaseLabel, readConfig, type DatabaseConfig } from '../../src/lib/server/config';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db/client';
import { migratePgDatabase } from '../../src/lib/server/db/pg-client';
import { announceDatabase } from '../database-name';
import { MIGRATIONS_DIR, PG_MIGRATIONS_DIR } from '../paths';
import type { Command } from './command';

function migrateSqlite(path: string): { applied: number } {
	const db = openDatabase(path);
	try {
		const applied = () =>
			db.$client.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").pluck().get()
				? (db.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get() as number)
				: 0;
		const before = applied();
		migrateDatabase(db, MIGRATIONS_DIR);
		return { applied: applied() - before };
	} finally {
		db.$client.close();
	}
}

async function migrateConfigured(database: DatabaseConfig): Promise<{ applied: number }> {
	return database.kind === 'postgres' ? migratePgDatabase(database.url, PG_MIGRATIONS_DIR) : migrateSqlite(database.path);
}

export const dbCommand: Command = {
	name: 'db',
	summary: 'database upkeep: "samla db migrate" applies the migrations and exits',
	help: `Usage: samla db migrate

Applies the migrations the database lacks and exits; "samla start" does the same before
it serves. With DATABASE_URL (PostgreSQL) it applies drizzle/pg/ under an advisory lock,
so processes that start together migrate once and the others wait for it; otherwise
drizzle/ to the SQLite file DATABASE_PATH (default data/samla.db).`,
	async run(args) {
		const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
		if (positionals.length !== 1 || positionals[0] !== 'migrate') {
			console.error('samla db: the one subcommand is "migrate"\nRun "samla db --help" for more.');
			return 2;
		}
		const { database } = readConfig();
		announceDatabase(database);
		const { applied } = await migrateConfigured(database);
		console.log(
			applied === 0
				? `${databaseLabel(database)} was up to date.`
				: `Applied ${applied} migration${applied === 1 ? '' : 's'} to ${databaseLabel(database)}.`
		);
		return 0;
	}
};
