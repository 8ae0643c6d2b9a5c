/**
 * Online backup and offline restore of the SQLite file. Backup uses SQLite's backup API,
 * which copies a consistent snapshot page by page while the server keeps writing; restore
 * replaces the file only while no server holds it (a pid file beside the database says).
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export class BackupError extends Error {}

export const pidFile = (databasePath: string) => `${databasePath}.pid`;

/** Written by `samla start` so a restore can tell that the database is in use. */
export function claimDatabase(databasePath: string): () => void {
	const file = pidFile(databasePath);
	writeFileSync(file, String(process.pid));
	return () => {
		if (existsSync(file) && readFileSync(file, 'utf8') === String(process.pid)) rmSync(file, { force: true });
	};
}

export function runningServerPid(databasePath: string): number | null {
	const file = pidFile(databasePath);
	if (!existsSync(file)) return null;
	const pid = Number(readFileSync(file, 'utf8'));
	if (!Number.isInteger(pid) || pid <= 0) return null;
	try {
		process.kill(pid, 0);
		return pid;
	} catch {
		return null;
	}
}

/** Opens a copy read-only and checks that it is a whole, uncorrupted Samla database. */
export function verifyDatabaseFile(path: string): void {
	if (!existsSync(path)) throw new BackupError(`${path}: no such file`);
	let db: Database.Database | undefined;
	try {
		db = new Database(path, { readonly: true, fileMustExist: true });
		const result = db.pragma('integrity_check', { simple: true });
		if (result !== 'ok') throw new BackupError(`${path}: integrity check failed: ${String(result)}`);
		const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
		for (const needed of ['__drizzle_migrations', 'records', 'documents']) {
			if (!tables.includes(needed)) throw new BackupError(`${path}: not a Samla database (no ${needed} table)`);
		}
	} catch (err) {
		if (err instanceof BackupError) throw err;
		throw new BackupError(`${path}: not a readable SQLite database (${(err as Error).message})`);
	} finally {
		db?.close();
	}
}

export async function backupDatabase(databasePath: string, target: string): Promise<{ pages: number }> {
	if (!existsSync(databasePath)) throw new BackupError(`${databasePath}: no database to back up`);
	if (existsSync(target)) throw new BackupError(`${target} exists already; choose a new file name`);
	mkdirSync(dirname(target), { recursive: true });
	const db = new Database(databasePath, { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		// Everything in one step (better-sqlite3's largest): copied a hundred pages at a time, a
		// backup starts over whenever another connection writes between two steps, and under
		// steady editing it never finishes. One step reads one snapshot, which in WAL mode
		// holds no writer back.
		const { totalPages } = await db.backup(target, { progress: () => 0x7fffffff });
		verifyDatabaseFile(target);
		return { pages: totalPages };
	} finally {
		db.close();
	}
}

export function restoreDatabase(source: string, databasePath: string): void {
	const pid = runningServerPid(databasePath);
	if (pid !== null) {
		throw new BackupError(`a Samla server (pid ${pid}) is using ${databasePath}; stop it before restoring`);
	}
	verifyDatabaseFile(source);
	mkdirSync(dirname(databasePath), { recursive: true });
	// Copy beside the target, then rename: a crash midway leaves the old database whole.
	const incoming = `${databasePath}.restoring`;
	copyFileSync(source, incoming);
	for (const suffix of ['-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true });
	renameSync(incoming, databasePath);
}
