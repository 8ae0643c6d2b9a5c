/**
 * Notifications from real events (mentions, replies, decisions) and the e-mail digest sent
 * through a real SMTP server (smtp-server) started here on port 0.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyTextDiff, fieldText } from '../../src/lib/records/ydoc';
import type { Sql } from '../../src/lib/server/db/sql';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { createEmailWorker, type EmailWorker } from '../../src/lib/server/notify/email';
import {
	listNotifications,
	markAllRead,
	markRead,
	prefsOf,
	setPrefs,
	unreadCount,
	unsubscribeByToken
} from '../../src/lib/server/notify/notifications';
import { watchNotifications } from '../../src/lib/server/notify/live';
import { subscribeNotifications } from '../../src/lib/server/notify/subscribe';
import { addComment } from '../../src/lib/server/records/comments';
import { changeReviewState, type Services } from '../../src/lib/server/records/workflow';
import { describeEachDialect } from '../helpers/dialects';
import { clearDocumentTables, recordStoreOf } from '../helpers/documents-sql';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { createTestUser, type TestUser } from '../helpers/users';

interface Mail {
	from: string;
	to: string[];
	raw: string;
}

/** Quoted-printable soft breaks and escapes undone, so the test reads the text as a mail client shows it. */
const unQuote = (raw: string) =>
	Buffer.from(
		raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))),
		'latin1'
	).toString('utf8');

describeEachDialect('notifications from real events', (database) => {
	let s: Sql;
	let services: Services;
	let smtp: SMTPServer;
	let smtpUrl: string;
	let mails: Mail[];
	let refuseNext: boolean;
	let unsubscribe: () => void;
	let email: EmailWorker;
	let ana: TestUser;
	let bea: TestUser;
	let arne: TestUser;
	let recordId: string;

	const DIGEST_MS = 60_000;
	const later = () => new Date(Date.now() + DIGEST_MS + 1000);

	beforeEach(async () => {
		s = database().sql;
		// One database per dialect for the whole suite: each test starts from empty tables.
		await clearDocumentTables(s);
		services = { sql: s, docs: recordStoreOf(database()) };
		mails = [];
		refuseNext = false;
		smtp = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			onRcptTo(_address, _session, callback) {
				if (refuseNext) return callback(new Error('mailbox unavailable'));
				callback();
			},
			onData(stream, session, callback) {
				let raw = '';
				stream.setEncoding('utf8');
				stream.on('data', (c: string) => (raw += c));
				stream.on('end', () => {
					mails.push({
						from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
						to: session.envelope.rcptTo.map((r) => r.address),
						raw: unQuote(raw)
					});
					callback();
				});
			}
		});
		await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
		smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
		[ana, bea, arne] = await Promise.all([
			createTestUser(s, { role: 'editor', name: 'Ana María López', email: 'ana@example.org' }),
			createTestUser(s, { role: 'editor', name: 'Bea Berg', email: 'bea@example.org' }),
			createTestUser(s, { role: 'approver', name: 'Arne' })
		]);
		recordId = await draftRecord(s, validRecord({ title: 'Unga vägar' }));
		unsubscribe = subscribeNotifications(s);
		email = createEmailWorker(s, {
			smtpUrl,
			from: 'Samla <samla@example.org>',
			digestMs: DIGEST_MS,
			baseUrl: () => 'https://samla.example.org'
		});
	});
	afterEach(async () => {
		unsubscribe();
		await email.stop();
		await new Promise<void>((resolve) => smtp.close(() => resolve()));
		await services.docs.close();
	});

	/** Listeners run on a later turn: wait until the person has `n` notifications. */
	const outbox = () => s.db.select().from(s.t.emailOutbox).orderBy(s.t.emailOutbox.id);
	const settle = async (user: TestUser, n: number) => expect.poll(async () => (await listNotifications(s, user.id)).length).toBe(n);

	describe('notifications', () => {
		it('tells the people mentioned, stores the mentions, and tells thread participants of a reply', async () => {
			const root = await addComment(s, {
				recordId,
				authorId: ana.id,
				body: 'Can @bea berg and @Arne check the amount? Mail me at ana@example.org'
			});
			expect((await s.db.select().from(s.t.commentMentions)).map((m) => m.userId).sort()).toEqual([arne.id, bea.id].sort());
			await settle(bea, 1);
			await settle(arne, 1);
			expect((await listNotifications(s, bea.id))[0]).toMatchObject({
				kind: 'mentioned',
				recordId,
				recordTitle: 'Unga vägar',
				actorName: 'Ana María López'
			});
			// The author is not told of their own comment.
			expect(await listNotifications(s, ana.id)).toEqual([]);

			await addComment(s, { recordId, authorId: bea.id, body: 'Looks right to me.', parentId: root });
			await settle(ana, 1);
			expect((await listNotifications(s, ana.id))[0]).toMatchObject({ kind: 'reply', actorName: 'Bea Berg' });
			// Arne was only mentioned, not part of the thread: no reply notification for him.
			expect(await listNotifications(s, arne.id)).toHaveLength(1);
		});

		it('tells the editors of a record when it is sent back, rejected or approved, and counts unread live', async () => {
			await services.docs.edit(recordId, new UpdateOrigin({ id: bea.id, name: bea.name }, 'socket'), (doc) =>
				applyTextDiff(fieldText(doc, 'owner')!, 'Region Skåne (RS)')
			);
			const changes: number[] = [];
			const stop = watchNotifications(bea.id, () => void unreadCount(s, bea.id).then((n) => changes.push(n)));
			await changeReviewState(services, { recordId, action: 'request_changes', user: arne, reason: 'Kolla ägaren' });
			await settle(bea, 1);
			await changeReviewState(services, { recordId, action: 'reject', user: arne, reason: 'Dubblett' });
			await settle(bea, 2);
			expect((await listNotifications(s, bea.id)).map((n) => [n.kind, n.actorName])).toEqual([
				['rejected', 'Arne'],
				['changes_requested', 'Arne']
			]);
			expect(changes).toEqual([1, 2]);
			expect(await markRead(s, ana.id, (await listNotifications(s, bea.id))[0].id)).toBe(false);
			expect(await markRead(s, bea.id, (await listNotifications(s, bea.id))[0].id)).toBe(true);
			expect(await markAllRead(s, bea.id)).toBe(1);
			await expect.poll(() => changes).toEqual([1, 2, 1, 0]);
			stop();
		});

		it('follows each person’s settings: nothing in the list when they asked for e-mail only', async () => {
			const prefs = await prefsOf(s, bea.id);
			prefs.mentioned = { inApp: false, email: true };
			await setPrefs(s, bea.id, prefs);
			await addComment(s, { recordId, authorId: ana.id, body: '@Bea Berg?' });
			await expect.poll(async () => (await outbox()).length).toBe(1);
			expect(await listNotifications(s, bea.id)).toEqual([]);
			expect(await unreadCount(s, bea.id)).toBe(0);
		});
	});

	describe('notification e-mail', () => {
		it('sends one digest per person through SMTP once the window has passed, with a working unsubscribe link', async () => {
			const root = await addComment(s, { recordId, authorId: ana.id, body: '@Bea Berg, is the owner right?' });
			await addComment(s, { recordId, authorId: bea.id, body: 'I think so', parentId: root });
			await addComment(s, { recordId, authorId: ana.id, body: 'Thanks @bea berg!', parentId: root });
			await expect.poll(async () => (await outbox()).length).toBe(2);

			await email.drain(new Date());
			expect(mails).toEqual([]);
			await email.drain(later());
			expect(mails).toHaveLength(1);
			const mail = mails[0];
			expect(mail.from).toBe('samla@example.org');
			expect(mail.to).toEqual(['bea@example.org']);
			expect(mail.raw).toMatch(/^Subject: Samla: 2 new notifications$/m);
			expect(mail.raw).toContain('Hello Bea Berg, this happened in Samla:');
			// Both notifications in the one message: each in the plain-text part and in the HTML part.
			expect(mail.raw.match(/Ana María López mentioned you on “Unga vägar”/g)).toHaveLength(4);
			expect(mail.raw).toContain('Content-Type: text/html');
			expect(mail.raw).toContain(`https://samla.example.org/workspace/records/${recordId}`);
			const link = /https:\/\/samla\.example\.org\/unsubscribe\/([A-Za-z0-9_-]+)/.exec(mail.raw);
			expect(link).not.toBeNull();
			// A long header is folded onto the next line.
			expect(mail.raw).toMatch(new RegExp(`^List-Unsubscribe:\\s+<${link![0]}>`, 'm'));

			// Sent rows are not sent again.
			await email.drain(later());
			expect(mails).toHaveLength(1);

			expect(await unsubscribeByToken(s, link![1])).toBe(true);
			expect(Object.values(await prefsOf(s, bea.id)).every((c) => !c.email)).toBe(true);
			await addComment(s, { recordId, authorId: ana.id, body: 'One more, @Bea Berg' });
			await settle(bea, 3);
			await email.drain(later());
			expect(mails).toHaveLength(1);
			expect(await unsubscribeByToken(s, 'not-a-token')).toBe(false);
		});

		it('keeps the digest queued when the SMTP server refuses it, and sends it on the next try', async () => {
			await addComment(s, { recordId, authorId: ana.id, body: '@Bea Berg look' });
			await expect.poll(async () => (await outbox()).length).toBe(1);
			refuseNext = true;
			await email.drain(later());
			expect(mails).toEqual([]);
			expect((await outbox())[0]).toMatchObject({
				sentAt: null,
				attempts: 1,
				lastError: expect.stringMatching(/mailbox unavailable/)
			});
			refuseNext = false;
			await email.drain(later());
			expect(mails.map((m) => m.to)).toEqual([['bea@example.org']]);
			expect((await outbox())[0].sentAt).toBeInstanceOf(Date);
		});
	});
});
