/** Prepared statements kept per connection: a search runs several, and preparing is a parse each time. */
import type Database from 'better-sqlite3';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function statement(client: Database.Database, sql: string): Database.Statement {
	let statements = cache.get(client);
	if (!statements) cache.set(client, (statements = new Map()));
	let s = statements.get(sql);
	if (!s) statements.set(sql, (s = client.prepare(sql)));
	return s;
}
