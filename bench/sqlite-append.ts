/**
 * CPU per append to yjs_updates with and without AUTOINCREMENT, in one process: two
 * databases, one with the table as migration 0012 left it and one rebuilt as it was before,
 * appended to in alternating batches (ABBA) through the app's SqlitePersistence. Reports
 * user and system µs per append (process.cpuUsage) and WAL bytes per commit. The connection
 * does not checkpoint (as under the checkpoint thread); each batch starts on an empty WAL.
 *
 *   npx tsx bench/sqlite-append.ts [rounds=10] [batch=2000]
 */
import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { SqlitePersistence } from '../src/lib/server/docs/sqlite-persistence';
import { tempDatabase, type TempDatabase } from '../tests/helpers/db';
import { createDraft } from '../tests/helpers/records';

const rounds = Number(process.argv[2] ?? 10);
const batch = Number(process.argv[3] ?? 2000);

/** yjs_updates as migrations 0000–0011 made it. */
const WITH_AUTOINCREMENT = `
DROP TABLE yjs_updates;
CREATE TABLE yjs_updates (
	id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	record_id text NOT NULL,
	data blob NOT NULL,
	created_at integer NOT NULL,
	FOREIGN KEY (record_id) REFERENCES records(id) ON UPDATE no action ON DELETE cascade
);
CREATE INDEX yjs_updates_record_idx ON yjs_updates (record_id, id);`;

interface Side {
	name: string;
	t: TempDatabase;
	log: SqlitePersistence;
	recordId: string;
	user: number;
	system: number;
	walBytes: number;
	appends: number;
}

function side(name: string, autoincrement: boolean): Side {
	const t = tempDatabase();
	if (autoincrement) t.db.$client.exec(WITH_AUTOINCREMENT);
	t.db.$client.pragma('wal_autocheckpoint = 0');
	return { name, t, log: new SqlitePersistence(t.db), recordId: createDraft(t.db), user: 0, system: 0, walBytes: 0, appends: 0 };
}

// A keystroke-sized update.
const update = new Uint8Array(48).fill(7);

function run(s: Side): void {
	s.t.db.$client.pragma('wal_checkpoint(TRUNCATE)');
	const start = process.cpuUsage();
	for (let i = 0; i < batch; i++) s.log.append(s.recordId, update);
	const used = process.cpuUsage(start);
	s.user += used.user;
	s.system += used.system;
	s.walBytes += statSync(`${s.t.path}-wal`).size;
	s.appends += batch;
}

const a = side('AUTOINCREMENT', true);
const b = side('rowid', false);
const load = loadavg()[0];
for (let r = 0; r < rounds; r++) for (const s of r % 2 ? [b, a, a, b] : [a, b, b, a]) run(s);
for (const s of [a, b]) {
	console.log(
		`${s.name.padEnd(14)} user ${(s.user / s.appends).toFixed(1)} µs  system ${(s.system / s.appends).toFixed(1)} µs  WAL ${(s.walBytes / s.appends).toFixed(0)} B per append`
	);
	s.t.cleanup();
}
console.log(
	`rowid / AUTOINCREMENT: user ${(b.user / a.user).toFixed(2)}x, system ${(b.system / a.system).toFixed(2)}x, total ${((b.user + b.system) / (a.user + a.system)).toFixed(2)}x; ${rounds * 4} batches of ${batch}, load average ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)}`
);
