import { parseArgs } from 'node:util';
import { readConfig, requireSqlite } from '../../src/lib/server/config';
import { backupDatabase, restoreDatabase } from '../backup';
import { announceDatabase } from '../database-name';
import type { Command } from './command';

export const backupCommand: Command = {
	name: 'backup',
	summary: 'copy the database consistently, also while the server runs',
	help: `Usage: samla backup <file>

Takes a consistent copy of DATABASE_PATH with SQLite's online backup, also while the
server is running and writing, then checks the copy's integrity. <file> must not exist.`,
	async run(args) {
		const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
		if (positionals.length !== 1) {
			console.error('samla backup: name one file to write the copy to');
			return 2;
		}
		const cfg = readConfig();
		announceDatabase(cfg.database);
		requireSqlite(cfg, 'samla backup (on PostgreSQL, back up with pg_dump)');
		const { pages } = await backupDatabase(cfg.databasePath, positionals[0]);
		console.log(`Backed up ${cfg.databasePath} to ${positionals[0]} (${pages} pages, integrity ok).`);
		return 0;
	}
};

export const restoreCommand: Command = {
	name: 'restore',
	summary: 'replace the database with a backup (server stopped)',
	help: `Usage: samla restore <file>

Checks the backup's integrity, then replaces DATABASE_PATH with it. Refuses while a
Samla server is using the database: stop the server first.`,
	async run(args) {
		const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
		if (positionals.length !== 1) {
			console.error('samla restore: name the backup file to restore');
			return 2;
		}
		const cfg = readConfig();
		announceDatabase(cfg.database);
		requireSqlite(cfg, 'samla restore (on PostgreSQL, restore with pg_restore)');
		restoreDatabase(positionals[0], cfg.databasePath);
		console.log(`Restored ${cfg.databasePath} from ${positionals[0]}.`);
		return 0;
	}
};
