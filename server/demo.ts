/**
 * `samla start --demo` (or SAMLA_DEMO=1): on a database's first start, approve the seed
 * records so a newcomer sees the whole path — draft, approval, public page — at once.
 * It goes through the one approval service the workspace uses, so a seed record that
 * does not validate stays a draft, as it would for a person.
 */
import { randomBytes } from 'node:crypto';
import { asc } from 'drizzle-orm';
import type { SessionUser } from '../src/lib/server/auth/session';
import { createUser, findUserByEmail, setDisabled } from '../src/lib/server/auth/users';
import type { Sql } from '../src/lib/server/db/sql';
import { approveRecord, type Services } from '../src/lib/server/records/workflow';

export const DEMO_APPROVER_EMAIL = 'demo-approver@samla.invalid';
export const DEMO_NOTE = 'Approved by samla start --demo on the first start of this database.';

/**
 * The approver named on demo versions: the first admin when one was just created from the
 * environment, else a disabled account that exists only to be named (nobody can sign in as it).
 */
async function demoApprover(sql: Sql, adminEmail: string | null): Promise<SessionUser> {
	const admin = adminEmail ? await findUserByEmail(sql, adminEmail) : undefined;
	if (admin && !admin.disabledAt) return { id: admin.id, email: admin.email, name: admin.name, role: admin.role };
	const actor = { userId: null, clientAddress: null, via: 'start' } as const;
	const user = await createUser(
		sql,
		{ email: DEMO_APPROVER_EMAIL, name: 'Samla demo', role: 'approver', password: randomBytes(24).toString('base64url') },
		actor
	);
	await setDisabled(sql, user.id, true, actor);
	return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function approveSeedsForDemo(
	services: Services,
	{ seeded, adminEmail }: { seeded: boolean; adminEmail: string | null },
	log: (line: string) => void
): Promise<void> {
	if (!seeded) {
		log('Demo: this database was started before, so nothing was approved (--demo only approves the seeds of a new database).');
		return;
	}
	const { records } = services.sql.t;
	const ids = await services.sql.db.select({ id: records.id }).from(records).orderBy(asc(records.createdAt), asc(records.id));
	if (!ids.length) return;
	const user = await demoApprover(services.sql, adminEmail);
	let approved = 0;
	const refused: string[] = [];
	for (const { id } of ids) {
		const outcome = await approveRecord(services, { recordId: id, expectedVersion: null, user, note: DEMO_NOTE });
		if (outcome.ok) approved++;
		else refused.push(`  ${id}: ${outcome.message}${outcome.issues?.length ? ` (${outcome.issues.map((i) => i.field).join(', ')})` : ''}`);
	}
	log(`Demo: approved ${approved} of ${ids.length} seed records, so the public pages show them.`);
	if (refused.length) log(['Left as drafts (they do not validate):', ...refused].join('\n'));
}
