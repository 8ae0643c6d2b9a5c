/** How commands name the database they use: the operator must see which database a command wrote to. */
import { isAbsolute, relative, resolve } from 'node:path';
import { databaseLabel, type DatabaseConfig } from '../src/lib/server/config';

const DEFAULT_DATABASE = 'data/samla.db';

/** The path as typed would be, relative to the working folder when inside it. */
export function shownPath(path: string, cwd = process.cwd()): string {
	const rel = relative(cwd, path);
	return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** One line on stderr, so it never mixes into output meant for a pipe (`--json`). */
export function announceDatabase(database: string | DatabaseConfig): void {
	const shown =
		typeof database === 'string' || database.kind === 'sqlite'
			? shownPath(typeof database === 'string' ? database : database.path)
			: databaseLabel(database);
	console.error(`samla: database ${shown}`);
}

/** POSIX shell quoting: a word that needs none is left as it is. */
export function shellQuote(word: string): string {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The `samla …` command line that reaches this database when run from the project folder. */
export function samlaCommand(databasePath: string, args: string, cwd = process.cwd()): string {
	const prefix = databasePath === resolve(cwd, DEFAULT_DATABASE) ? '' : `DATABASE_PATH=${shellQuote(databasePath)} `;
	return `${prefix}npx samla ${args}`;
}
