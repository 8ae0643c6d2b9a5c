/**
 * Notification e-mail: a digest per person. Notifications wanted by e-mail wait in the
 * email_outbox table; once a person's oldest unsent one has waited EMAIL_DIGEST_SECONDS,
 * all of theirs go out as one message (nodemailer over SMTP_URL). A worker claims a person's
 * rows before sending, so two processes on one database never both send them; a claim whose
 * process died is released after SENDING_LEASE_MS, so a restart loses nothing.
 */
import { and, asc, eq, inArray, isNull, lt, lte, sql as rawSql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { createTransport, type Transporter } from 'nodemailer';
import { isLang } from '../../i18n/lang';
import { TEAM_MESSAGES } from '../../i18n/team-messages';
import type { Sql } from '../db/sql';
import { logger } from '../ops/log';
import { unsubscribeTokenOf } from './notifications';

/** A message the SMTP server keeps refusing is given up after this many tries, so it cannot block the person's later digests. */
const MAX_ATTEMPTS = 10;
/** Longer than nodemailer's own timeouts allow a send to take; a claim older than this was left by a process that died. */
const SENDING_LEASE_MS = 10 * 60_000;
/** Marks a claimed row, whose sent_at is then when it was claimed (no column of its own, so no migration). */
const SENDING = 'sending';

export interface EmailOptions {
	smtpUrl: string;
	from: string;
	digestMs: number;
	/** Where links in the message point: the public origin, or the server's own URL. */
	baseUrl: () => string;
	pollMs?: number;
}

export interface Digest {
	to: string;
	subject: string;
	text: string;
	html: string;
	unsubscribeUrl: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The digest of one person's unsent rows (in the person's own language, else English). */
export async function buildDigest(sql: Sql, userId: string, rowIds: number[], baseUrl: string): Promise<Digest | null> {
	const { emailOutbox, notifications, users } = sql.t;
	const actor = alias(users, 'actor');
	const [person] = await sql.db.select({ email: users.email, name: users.name, lang: users.lang }).from(users).where(eq(users.id, userId));
	if (!person) return null;
	const items = await sql.db
		.select({ kind: notifications.kind, recordId: notifications.recordId, title: notifications.recordTitle, actorName: actor.name })
		.from(emailOutbox)
		.innerJoin(notifications, eq(notifications.id, emailOutbox.notificationId))
		.leftJoin(actor, eq(actor.id, notifications.actorId))
		.where(inArray(emailOutbox.id, rowIds))
		.orderBy(asc(emailOutbox.id));
	const m = TEAM_MESSAGES[isLang(person.lang) ? person.lang : 'en'];
	const lines = items.map((i) => {
		const sentence = m.describe[i.kind](i.actorName ?? m.someone, i.title ? `“${i.title}”` : m.aRecord);
		return { sentence, link: i.recordId ? `${baseUrl}/workspace/records/${i.recordId}` : `${baseUrl}/workspace/notifications` };
	});
	const settingsUrl = `${baseUrl}/workspace/notifications#settings`;
	const unsubscribeUrl = `${baseUrl}/unsubscribe/${await unsubscribeTokenOf(sql, userId)}`;
	const text = [
		m.digestIntro(person.name),
		'',
		...lines.map((l) => `• ${l.sentence}\n  ${l.link}`),
		'',
		`${m.digestSettings} ${settingsUrl}`,
		`${m.digestUnsubscribe} ${unsubscribeUrl}`
	].join('\n');
	const html = `<p>${escapeHtml(m.digestIntro(person.name))}</p><ul>${lines
		.map((l) => `<li><a href="${escapeHtml(l.link)}">${escapeHtml(l.sentence)}</a></li>`)
		.join(
			''
		)}</ul><p><a href="${escapeHtml(settingsUrl)}">${escapeHtml(m.digestSettings)}</a></p><p><a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(m.digestUnsubscribe)}</a></p>`;
	return { to: person.email, subject: m.digestSubject(lines.length), text, html, unsubscribeUrl };
}

export function createEmailWorker(sql: Sql, options: EmailOptions, transport: Transporter = createTransport(options.smtpUrl)) {
	let timer: NodeJS.Timeout | null = null;
	let running: Promise<void> = Promise.resolve();
	const { emailOutbox } = sql.t;

	async function sendDigest(userId: string): Promise<void> {
		// One statement: of two workers claiming at once, the second finds the rows taken.
		const rows = (
			await sql.db
				.update(emailOutbox)
				.set({ sentAt: new Date(), lastError: SENDING })
				.where(and(eq(emailOutbox.userId, userId), isNull(emailOutbox.sentAt), lt(emailOutbox.attempts, MAX_ATTEMPTS)))
				.returning({ id: emailOutbox.id })
		).map((r) => r.id);
		if (!rows.length) return;
		const digest = await buildDigest(sql, userId, rows, options.baseUrl());
		if (!digest) return;
		try {
			await transport.sendMail({
				from: options.from,
				to: digest.to,
				subject: digest.subject,
				text: digest.text,
				html: digest.html,
				headers: { 'List-Unsubscribe': `<${digest.unsubscribeUrl}>` }
			});
			await sql.db.update(emailOutbox).set({ sentAt: new Date(), lastError: null }).where(inArray(emailOutbox.id, rows));
		} catch (err) {
			const message = err instanceof Error ? err.message : String(err);
			logger().warn({ err, userId }, 'notification e-mail not sent');
			await sql.db
				.update(emailOutbox)
				.set({ sentAt: null, attempts: rawSql`${emailOutbox.attempts} + 1`, lastError: message.slice(0, 500) })
				.where(inArray(emailOutbox.id, rows));
		}
	}

	/** Everyone whose oldest unsent row has waited the digest window, that is who has any unsent row that old. */
	async function drain(now = new Date()): Promise<void> {
		await sql.db
			.update(emailOutbox)
			.set({ sentAt: null })
			.where(and(eq(emailOutbox.lastError, SENDING), lte(emailOutbox.sentAt, new Date(now.getTime() - SENDING_LEASE_MS))));
		const ready = await sql.db
			.selectDistinct({ userId: emailOutbox.userId })
			.from(emailOutbox)
			.where(
				and(
					isNull(emailOutbox.sentAt),
					lt(emailOutbox.attempts, MAX_ATTEMPTS),
					lte(emailOutbox.createdAt, new Date(now.getTime() - options.digestMs))
				)
			);
		for (const { userId } of ready) await sendDigest(userId);
	}

	// A poll that fails (the database away) is logged, once per outage, and tried again at the
	// next: left rejected, the promise would end the process as an unhandled rejection.
	let failing = false;
	const tick = () => {
		running = running
			.then(() => drain())
			.then(
				() => void (failing = false),
				(err: unknown) => {
					if (!failing) logger().error({ err }, 'the e-mail queue could not be read; trying again at every poll');
					failing = true;
				}
			);
	};

	return {
		start() {
			timer ??= setInterval(tick, options.pollMs ?? Math.min(15_000, Math.max(250, options.digestMs / 4)));
			timer.unref();
		},
		async stop() {
			if (timer) clearInterval(timer);
			timer = null;
			await running;
			transport.close();
		},
		/** Sends every digest that is due at `now` (tests pass a later time rather than wait). */
		drain
	};
}

export type EmailWorker = ReturnType<typeof createEmailWorker>;
