/** A new installation has no users, and only an admin can create them: say how to make the first one, or make it. */
import { ConfigError, type Config } from '../src/lib/server/config';
import { count, isNull } from 'drizzle-orm';
import { createUser, UserError } from '../src/lib/server/auth/users';
import type { Sql } from '../src/lib/server/db/sql';
import { samlaCommand } from './database-name';

export async function ensureFirstAdmin(sql: Sql, cfg: Config, log: (line: string) => void): Promise<void> {
	// Disabled accounts (such as the one --demo names as approver) cannot sign in: they do not count.
	const [active] = await sql.db.select({ n: count() }).from(sql.t.users).where(isNull(sql.t.users.disabledAt));
	if ((active?.n ?? 0) > 0) {
		if (cfg.adminEmail) log('SAMLA_ADMIN_EMAIL is set but the database already has users; it was ignored.');
		return;
	}
	if (cfg.adminEmail && cfg.adminPassword) {
		try {
			await createUser(
				sql,
				{ email: cfg.adminEmail, role: 'admin', password: cfg.adminPassword },
				{ userId: null, clientAddress: null, via: 'start' }
			);
		} catch (err) {
			// Processes starting together on one PostgreSQL database all see no users: one creates the admin.
			if (err instanceof UserError && err.status === 409) {
				log(`The first admin, ${cfg.adminEmail}, was created by another process starting at the same time.`);
				return;
			}
			if (err instanceof UserError) throw new ConfigError(`SAMLA_ADMIN_EMAIL / SAMLA_ADMIN_PASSWORD: ${err.message}`);
			throw err;
		}
		log(`Created the first admin, ${cfg.adminEmail}, from SAMLA_ADMIN_EMAIL and SAMLA_ADMIN_PASSWORD.`);
		return;
	}
	log(
		[
			'No users yet: nobody can sign in to the workspace. Create the first admin with',
			// On PostgreSQL the command finds the database through the same DATABASE_URL.
			`  ${cfg.database.kind === 'postgres' ? 'npx samla user add --email you@example.org --role admin' : samlaCommand(cfg.databasePath, 'user add --email you@example.org --role admin')}`,
			'(it asks for the password), or start once with SAMLA_ADMIN_EMAIL and SAMLA_ADMIN_PASSWORD set.'
		].join('\n')
	);
}
