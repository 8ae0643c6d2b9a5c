/**
 * The notification service called directly, on SQLite and on PostgreSQL: the bell's list and
 * count, settings, the unsubscribe link, thread participants and the e-mail digest through a
 * real SMTP server (smtp-server) on port 0. notifications.spec.ts covers the same from real
 * workspace events, on SQLite while the records code is not yet converted.
 */
import { randomUUID } from 'node:crypto';
import { eq, isNull, sql as rawSql } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { emptyRecord } from '../../src/lib/records/fields';
import { createEmailWorker } from '../../src/lib/server/notify/email';
import { watchNotifications } from '../../src/lib/server/notify/live';
import {
	listNotifications,
	markAllRead,
	markRead,
	notify,
	prefsOf,
	setPrefs,
	threadParticipants,
	unreadCount,
	unsubscribeByToken,
	unsubscribeTokenOf
} from '../../src/lib/server/notify/notifications';
import type { PgDb } from '../../src/lib/server/db/pg-client';
import type { Sql } from '../../src/lib/server/db/sql';
import { clearAuthTables } from '../helpers/auth-tables';
import { describeEachDialect } from '../helpers/dialects';
import { createTestUser, type TestUser } from '../helpers/users';

let smtp: SMTPServer;
let smtpUrl: string;
let mails: { to: string[]; raw: string }[];
let refuse = false;

beforeAll(async () => {
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		onRcptTo: (_address, _session, callback) => callback(refuse ? new Error('mailbox unavailable') : undefined),
		onData(stream, session, callback) {
			let raw = '';
			stream.setEncoding('utf8');
			stream.on('data', (c: string) => (raw += c));
			stream.on('end', () => {
				// Quoted-printable soft line breaks undone, so a long link reads whole.
				raw = raw.replace(/=\r?\n/g, '');
				mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
	smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

/** A record with a comment thread: the rows the code under test reads, written directly. */
async function thread(sql: Sql, authors: TestUser[]): Promise<{ recordId: string; rootId: string }> {
	const { comments, documents, records } = sql.t;
	const documentId = randomUUID();
	const recordId = randomUUID();
	const now = new Date();
	await sql.db
		.insert(documents)
		.values({ id: documentId, contentHash: documentId, content: '', language: 'sv', title: 'Källa', ingestedAt: now });
	await sql.db
		.insert(records)
		.values({ id: recordId, title: 'Unga vägar', documentId, draft: emptyRecord('Unga vägar'), matchKey: recordId, createdAt: now });
	const ids = authors.map(() => randomUUID());
	for (const [i, author] of authors.entries()) {
		await sql.db
			.insert(comments)
			.values({ id: ids[i], recordId, parentId: i === 0 ? null : ids[0], authorId: author.id, body: `${i}`, createdAt: now });
	}
	return { recordId, rootId: ids[0] };
}

describeEachDialect('notification service', (database, dialect) => {
	const sql = () => database().sql;
	let ana: TestUser;
	let bea: TestUser;
	beforeEach(async () => {
		mails = [];
		refuse = false;
		const { comments, documents, records } = sql().t;
		await sql().db.delete(comments);
		await sql().db.delete(records);
		await sql().db.delete(documents);
		await clearAuthTables(sql());
		ana = await createTestUser(sql(), { name: 'Ana' });
		bea = await createTestUser(sql(), { name: 'Bea', email: `bea-${randomUUID()}@example.org` });
	});

	it('lists, counts and marks read only the person’s own notifications, live, and skips their own acts and disabled accounts', async () => {
		const changes: number[] = [];
		const stop = watchNotifications(bea.id, () => void unreadCount(sql(), bea.id).then((n) => changes.push(n)));
		expect(await notify(sql(), { userId: bea.id, kind: 'mentioned', actorId: ana.id })).toBe(true);
		expect(await notify(sql(), { userId: bea.id, kind: 'approved', actorId: ana.id })).toBe(true);
		expect(await notify(sql(), { userId: ana.id, kind: 'mentioned', actorId: ana.id })).toBe(false);
		const carl = await createTestUser(sql(), { disabled: true });
		expect(await notify(sql(), { userId: carl.id, kind: 'mentioned', actorId: ana.id })).toBe(false);

		const list = await listNotifications(sql(), bea.id);
		expect(list.map((n) => [n.kind, n.actorName])).toEqual([
			['approved', 'Ana'],
			['mentioned', 'Ana']
		]);
		expect(list[0].createdAt).toBeInstanceOf(Date);
		expect(await unreadCount(sql(), bea.id)).toBe(2);
		expect(await listNotifications(sql(), ana.id)).toEqual([]);
		expect(await markRead(sql(), ana.id, list[0].id)).toBe(false);
		expect(await markRead(sql(), bea.id, list[0].id)).toBe(true);
		expect(await markRead(sql(), bea.id, list[0].id)).toBe(false);
		expect(await markAllRead(sql(), bea.id)).toBe(1);
		expect(await unreadCount(sql(), bea.id)).toBe(0);
		await expect.poll(() => changes).toEqual([1, 2, 1, 0]);
		stop();
	});

	it('names the record and the thread’s participants once each', async () => {
		const { recordId, rootId } = await thread(sql(), [ana, bea, ana]);
		expect((await threadParticipants(sql(), rootId)).sort()).toEqual([ana.id, bea.id].sort());
		await notify(sql(), { userId: bea.id, kind: 'reply', recordId, actorId: ana.id });
		expect((await listNotifications(sql(), bea.id))[0]).toMatchObject({ kind: 'reply', recordId, recordTitle: 'Unga vägar' });
	});

	it('follows the settings, makes one unsubscribe token per person even from two processes at once, and unsubscribes by it', async () => {
		const prefs = await prefsOf(sql(), bea.id);
		prefs.mentioned = { inApp: false, email: true };
		await setPrefs(sql(), bea.id, prefs);
		expect((await prefsOf(sql(), bea.id)).mentioned).toEqual({ inApp: false, email: true });
		await notify(sql(), { userId: bea.id, kind: 'mentioned', actorId: ana.id });
		expect(await listNotifications(sql(), bea.id)).toEqual([]);
		const { emailOutbox } = sql().t;
		expect(await sql().db.select().from(emailOutbox)).toHaveLength(1);

		const other = await database().openAnother();
		const [first, second] = await Promise.all([unsubscribeTokenOf(sql(), ana.id), unsubscribeTokenOf(other, ana.id)]);
		expect(second).toBe(first);

		const token = await unsubscribeTokenOf(sql(), bea.id);
		expect(await unsubscribeByToken(sql(), 'not-a-token')).toBe(false);
		expect(await unsubscribeByToken(sql(), token)).toBe(true);
		expect(Object.values(await prefsOf(sql(), bea.id)).every((c) => !c.email)).toBe(true);
		expect(await sql().db.select({ lastError: emailOutbox.lastError }).from(emailOutbox)).toEqual([{ lastError: 'unsubscribed' }]);
		// Saving the settings makes a new link: the old one no longer works.
		await setPrefs(sql(), bea.id, await prefsOf(sql(), bea.id));
		expect(await unsubscribeByToken(sql(), token)).toBe(false);
	});

	// Holding a transaction open across awaits is what PostgreSQL allows and SQLite (one writer) refuses,
	// so this test exists for PostgreSQL only (not as a skipped one on SQLite).
	if (dialect === 'pg') {
		it('keeps a settings save that commits while an unsubscribe waits for the row: the old link is then spent', async () => {
			const token = await unsubscribeTokenOf(sql(), bea.id);
			const other = await database().openAnother();
			const { notificationPrefs } = other.t;
			let commit = () => {};
			let held = () => {};
			const holding = new Promise<void>((resolve) => (held = resolve));
			const saved = other.tx(async (tx) => {
				await other.forUpdate(tx.select().from(notificationPrefs).where(eq(notificationPrefs.userId, bea.id)));
				const prefs = await prefsOf(sql(), bea.id);
				prefs.mentioned.inApp = false;
				await tx.update(notificationPrefs).set({ prefs, unsubscribeToken: 'saved-since' }).where(eq(notificationPrefs.userId, bea.id));
				const committing = new Promise<void>((resolve) => (commit = resolve));
				held();
				await committing;
			});
			await holding;
			const unsubscribed = unsubscribeByToken(sql(), token);
			// Until the unsubscribe waits on the row the save holds.
			const waiting = () =>
				(sql().db as unknown as PgDb).execute(
					rawSql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`
				);
			await expect.poll(async () => (await waiting()).rows[0].n).toBe(1);
			commit();
			await saved;
			expect(await unsubscribed).toBe(false);
			expect((await prefsOf(sql(), bea.id)).mentioned).toMatchObject({ inApp: false, email: true });
		});
	}

	it('sends one digest per person once the window has passed, and retries one the SMTP server refused', async () => {
		const prefs = await prefsOf(sql(), bea.id);
		prefs.mentioned = { inApp: true, email: true };
		await setPrefs(sql(), bea.id, prefs);
		const digestMs = 60_000;
		const email = createEmailWorker(sql(), { smtpUrl, from: 'samla@example.org', digestMs, baseUrl: () => 'https://samla.example.org' });
		try {
			const at = new Date();
			await notify(sql(), { userId: bea.id, kind: 'mentioned', actorId: ana.id }, at);
			await notify(sql(), { userId: bea.id, kind: 'mentioned', actorId: ana.id }, at);
			await email.drain(new Date(at.getTime() + digestMs - 1));
			expect(mails).toEqual([]);

			refuse = true;
			await email.drain(new Date(at.getTime() + digestMs));
			expect(mails).toEqual([]);
			const { emailOutbox } = sql().t;
			const queued = await sql().db.select({ sentAt: emailOutbox.sentAt, attempts: emailOutbox.attempts }).from(emailOutbox);
			expect(queued).toEqual([
				{ sentAt: null, attempts: 1 },
				{ sentAt: null, attempts: 1 }
			]);

			refuse = false;
			await email.drain(new Date(at.getTime() + digestMs));
			expect(mails.map((m) => m.to)).toEqual([[bea.email]]);
			expect(mails[0].raw).toMatch(/^Subject: Samla: 2 new notifications$/m);
			expect(mails[0].raw).toContain(`https://samla.example.org/unsubscribe/${await unsubscribeTokenOf(sql(), bea.id)}`);
			await email.drain(new Date(at.getTime() + digestMs));
			expect(mails).toHaveLength(1);
		} finally {
			await email.stop();
		}
	});

	it('sends a digest once when two processes drain at once, and again only if the claiming process died', async () => {
		const prefs = await prefsOf(sql(), bea.id);
		prefs.mentioned = { inApp: true, email: true };
		await setPrefs(sql(), bea.id, prefs);
		const options = { smtpUrl, from: 'samla@example.org', digestMs: 0, baseUrl: () => 'https://samla.example.org' };
		const workers = [createEmailWorker(sql(), options), createEmailWorker(await database().openAnother(), options)];
		try {
			await notify(sql(), { userId: bea.id, kind: 'mentioned', actorId: ana.id });
			await Promise.all(workers.map((w) => w.drain()));
			expect(mails).toHaveLength(1);

			// A process claimed the next one and died before sending it: the claim lapses, then it is sent.
			await notify(sql(), { userId: bea.id, kind: 'mentioned', actorId: ana.id });
			const { emailOutbox } = sql().t;
			const claimedAt = new Date();
			await sql().db.update(emailOutbox).set({ sentAt: claimedAt, lastError: 'sending' }).where(isNull(emailOutbox.sentAt));
			await workers[0].drain(new Date(claimedAt.getTime() + 60_000));
			expect(mails).toHaveLength(1);
			await workers[0].drain(new Date(claimedAt.getTime() + 11 * 60_000));
			expect(mails).toHaveLength(2);
		} finally {
			await Promise.all(workers.map((w) => w.stop()));
		}
	});
});
