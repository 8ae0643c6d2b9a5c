/**
 * Readiness: the database answers and holds every migration this build was made with
 * (drizzle's journal is bundled into the build, so a database behind the code is "not ready").
 */
import journal from '../../../../drizzle/meta/_journal.json';
import type { Db } from '../db/client';

export type Readiness = { ready: true } | { ready: false; reason: string };

const newestMigration = Math.max(...journal.entries.map((e) => e.when));

export function readiness(db: Db): Readiness {
	try {
		const row = db.$client.prepare('SELECT max(created_at) AS newest FROM __drizzle_migrations').get() as
			{ newest: number | null } | undefined;
		const applied = Number(row?.newest ?? 0);
		if (applied < newestMigration) return { ready: false, reason: 'database migrations not applied' };
		return { ready: true };
	} catch (err) {
		return { ready: false, reason: `database unreachable: ${(err as Error).message}` };
	}
}
