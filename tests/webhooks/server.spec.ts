/**
 * Webhooks and notifications through the real built server: the CLI registers a webhook,
 * a delivery that failed is still queued after a restart and is delivered by the next
 * server, only admins manage webhooks, the bell's stream is each person's own, and the
 * unsubscribe link works without signing in.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { notify, prefsOf, unsubscribeTokenOf } from '../../src/lib/server/notify/notifications';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { startReceiver, verifyDelivery, type Receiver } from '../helpers/receiver';
import { startTestServer, type TestServer } from '../helpers/server';
import { createTestUser } from '../helpers/users';
import { writeFileSync } from 'node:fs';

const ROOT = join(import.meta.dirname, '../..');
const SECRET = 'restart-proof shared secret';
const ENV = { WEBHOOK_ALLOW_PRIVATE: '1', WEBHOOK_RETRY_SECONDS: '3' };
/** Each `samla` run starts a Node process that loads the app: several of them outlast the default test timeout under load. */
const CLI_TIMEOUT = 180_000;

describeServerEachDialect('webhooks through the real server', { env: ENV }, (app) => {
	let receiver: Receiver;
	/** The server now running: the suite's first, then the one started after it in its place. */
	let server: TestServer;
	const sql = () => app().sql;

	/**
	 * Runs the CLI without blocking this process: a spawnSync froze the event loop for as long
	 * as the CLI ran, so fetch's pooled keep-alive socket outlived the server's 5 s keep-alive
	 * timeout unseen, and the next request went out on a socket the server had closed ("fetch
	 * failed: other side closed") whenever a few CLI runs under load took longer than that.
	 */
	function samla(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
		return new Promise((resolve) => {
			const child = execFile(
				process.execPath,
				[join(ROOT, 'bin/samla.js'), ...args],
				{ cwd: app().server.dir, env: { ...process.env, ...app().env, ...ENV, ...env }, encoding: 'utf8' },
				(_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr })
			);
		});
	}

	const cookieFor = async (userId: string) => `${SESSION_COOKIE}=${(await createSession(sql(), userId)).token}`;

	beforeAll(async () => {
		server = app().server;
		receiver = await startReceiver();
	});
	afterAll(async () => {
		await server?.stop();
		await receiver?.close();
	});

	describe('webhooks', () => {
		it(
			'are managed from the CLI, refusing bad input with a clear message',
			async () => {
				const bad = await samla([
					'webhook',
					'add',
					'--url',
					receiver.url,
					'--events',
					'record.approved,record.exploded',
					'--secret',
					SECRET
				]);
				expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('"record.exploded" is not an event a webhook can receive.') });
				const privateRefused = await samla(['webhook', 'add', '--url', receiver.url, '--events', 'record.approved'], {
					WEBHOOK_ALLOW_PRIVATE: '0'
				});
				expect(privateRefused.code).toBe(1);
				expect(privateRefused.stderr).toMatch(/private or local address/);
				expect(await samla(['webhook', 'add', '--url', receiver.url])).toMatchObject({
					code: 2,
					stderr: expect.stringContaining('--events are required')
				});

				const added = await samla([
					'webhook',
					'add',
					'--url',
					receiver.url,
					'--events',
					'record.approved,project.published',
					'--secret',
					SECRET
				]);
				expect(added.code).toBe(0);
				const listed = JSON.parse((await samla(['webhook', 'list', '--json'])).stdout);
				expect(listed).toEqual([
					{ id: expect.any(String), url: receiver.url, events: ['record.approved', 'project.published'], createdAt: expect.any(String) }
				]);
				expect(JSON.stringify(listed)).not.toContain(SECRET);
			},
			CLI_TIMEOUT
		);

		it(
			'delivers a queued delivery after a restart, when the first server could not',
			async () => {
				const [{ id: hookId }] = JSON.parse((await samla(['webhook', 'list', '--json'])).stdout);
				const admin = await createTestUser(sql(), { role: 'admin' });
				// "Send test" through the admin page: its first attempt fails (the receiver answers 503).
				receiver.answer.push(503);
				const res = await fetch(`${server.url}/admin/webhooks?/test`, {
					method: 'POST',
					headers: {
						cookie: await cookieFor(admin.id),
						origin: server.url,
						'content-type': 'application/x-www-form-urlencoded',
						accept: 'application/json'
					},
					body: new URLSearchParams({ id: hookId })
				});
				expect(res.status).toBe(200);
				expect(await res.text()).toContain('HTTP 503');
				const queued = async () => {
					const { db, t } = sql();
					const [delivery] = await db.select().from(t.webhookDeliveries).where(eq(t.webhookDeliveries.webhookId, hookId));
					return delivery;
				};
				expect(await queued()).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 503 });
				// The admin page lists the webhook with that attempt in its log.
				const page = await fetch(`${server.url}/admin/webhooks`, { headers: { cookie: await cookieFor(admin.id) } });
				expect(page.status).toBe(200);
				const html = await page.text();
				expect(html).toContain(receiver.url);
				expect(html).toContain('HTTP 503');
				await server.stop();
				expect(receiver.received).toHaveLength(1);

				server = await startTestServer({ dir: server.dir, env: { ...app().env, ...ENV } });
				await expect.poll(async () => (await queued()).status, { timeout: 20_000 }).toBe('delivered');
				expect(receiver.received).toHaveLength(2);
				expect(receiver.received[1].body).toBe(receiver.received[0].body);
				expect(verifyDelivery(receiver.received[1], SECRET)).toBe(true);
				expect(await queued()).toMatchObject({ attempts: 2, lastStatus: 200 });
			},
			CLI_TIMEOUT
		);

		it(
			'lets only admins manage webhooks',
			async () => {
				const editor = await createTestUser(sql(), { role: 'editor' });
				const post = (cookie: string | null) =>
					fetch(`${server.url}/admin/webhooks?/create`, {
						method: 'POST',
						redirect: 'manual',
						headers: {
							...(cookie ? { cookie } : {}),
							origin: server.url,
							'content-type': 'application/x-www-form-urlencoded',
							accept: 'application/json'
						},
						body: new URLSearchParams({ url: receiver.url, events: 'record.approved', secret: SECRET })
					});
				expect((await post(await cookieFor(editor.id))).status).toBe(403);
				// Signed out: sent to sign in (SvelteKit answers a JSON redirect to an enhanced form).
				expect(await (await post(null)).json()).toMatchObject({
					type: 'redirect',
					status: 303,
					location: expect.stringContaining('/login')
				});
				expect((await fetch(`${server.url}/admin/webhooks`, { headers: { cookie: await cookieFor(editor.id) } })).status).toBe(403);
				const [{ id }] = JSON.parse((await samla(['webhook', 'list', '--json'])).stdout);
				expect(await samla(['webhook', 'remove', id])).toMatchObject({ code: 0, stdout: `Removed webhook ${id}.\n` });
				expect(await samla(['webhook', 'remove', id])).toMatchObject({
					code: 1,
					stderr: expect.stringContaining(`No webhook with id ${id}.`)
				});
				expect((await samla(['webhook', 'list'])).stdout).toBe('No webhooks.\n');
			},
			CLI_TIMEOUT
		);

		it('streams the bell’s count to its own person only, until they sign out, and unsubscribes by link without signing in', async () => {
			expect((await fetch(`${server.url}/workspace/notifications/stream`)).status).toBe(401);
			const [bea, ana] = await Promise.all([createTestUser(sql(), { role: 'editor' }), createTestUser(sql(), { role: 'editor' })]);
			await notify(sql(), { userId: bea.id, kind: 'mentioned', actorId: ana.id });
			const cookie = await cookieFor(bea.id);
			const res = await fetch(`${server.url}/workspace/notifications/stream`, { headers: { cookie } });
			expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
			// An event ends at a blank line; the network may hand it over in more than one chunk.
			const reader = res.body!.getReader();
			const decoder = new TextDecoder();
			let text = '';
			while (!text.includes('event: unread')) {
				const { value, done } = await reader.read();
				if (done) break;
				text += decoder.decode(value, { stream: true });
			}
			expect(text).toContain('event: unread\ndata: 1\n\n');
			// Signing out ends the stream, as it closes the person's sync sockets.
			const out = await fetch(`${server.url}/logout`, {
				method: 'POST',
				headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
				body: '',
				redirect: 'manual'
			});
			expect(out.status).toBeLessThan(400);
			for (;;) {
				const { done } = await reader.read();
				if (done) break;
			}

			const token = await unsubscribeTokenOf(sql(), bea.id);
			const page = await fetch(`${server.url}/unsubscribe/${token}`);
			expect(page.status).toBe(200);
			// Opening the link changes nothing; the button does.
			expect((await prefsOf(sql(), bea.id)).mentioned.email).toBe(true);
			const done = await fetch(`${server.url}/unsubscribe/${token}`, {
				method: 'POST',
				headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
				body: ''
			});
			expect(done.status).toBe(200);
			expect(await done.text()).toContain('true');
			expect((await prefsOf(sql(), bea.id)).mentioned.email).toBe(false);
		});

		it(
			'queues a delivery for a document ingested by the CLI, which the running server sends',
			async () => {
				const added = await samla(['webhook', 'add', '--url', receiver.url, '--events', 'document.ingested', '--secret', SECRET]);
				expect(added.code).toBe(0);
				const file = join(server.dir, 'release.txt');
				writeFileSync(
					file,
					'Nytt projekt i Skåne\n\nProjektet "Unga vägar" leds av Region Skåne och får 4,5 miljoner kronor från Europeiska socialfonden.'
				);
				const before = receiver.received.length;
				expect((await samla(['ingest', file])).code).toBe(0);
				await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(before + 1);
				const delivery = receiver.received.at(-1)!;
				expect(JSON.parse(delivery.body)).toMatchObject({ event: 'document.ingested', documentId: expect.any(String) });
				expect(verifyDelivery(delivery, SECRET)).toBe(true);
			},
			CLI_TIMEOUT
		);
	});
});
