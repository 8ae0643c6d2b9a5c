/**
 * Two editors in real Chromium, through real nginx (deploy/nginx/samla.conf with both
 * upstreams, unchanged but for its addresses), on two `samla start` processes of one
 * PostgreSQL database and Redis prefix, each editor's socket on a different process.
 *
 * The shipped config hashes /sync/<record> (`hash $uri consistent`), so while both processes
 * are up every socket of one record reaches one process, and it keys on nothing a client could
 * choose. Two editors of one record end up on different processes when that process restarts
 * (`systemctl restart samla@<port>`): its sockets reconnect through nginx to the other and stay
 * there (docs/deploy.md), while a socket opened once it is back goes to it again. The test
 * makes exactly that happen, and reads which process holds each socket from the processes'
 * own `samla_sync_connections` gauges and from nginx's access log (`upstream=`).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { docToRecord } from '../../src/lib/records/ydoc';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { freePort, send, startNginx, type Nginx } from '../deploy/nginx';
import { envFile } from '../deploy/systemd-files';
import { launchBrowser } from '../helpers/browser';
import { describeCluster } from '../helpers/cluster';
import type { TestServer } from '../helpers/server';
import { createTestUser } from '../helpers/users';
import { until } from '../sync/harness';
import { eventually, useScaleout } from './processes';

/** What another browser or process is waited for: a condition, not a speed claim (BENCHMARKS.md has those). */
const LIVE_MS = 15_000;

describeCluster('two editors in Chromium through nginx, on two samla start processes', () => {
	const cluster = useScaleout();
	let nginx: Nginx;
	let browser: Browser;
	let env: Record<string, string>;
	let servers: TestServer[];
	const contexts: BrowserContext[] = [];
	beforeAll(async () => {
		// nginx's port first: it is the public origin (ORIGIN) every process checks the socket's Origin against.
		const ports = { httpsPort: await freePort(), httpPort: await freePort() };
		const { ADDRESS_HEADER, XFF_DEPTH } = envFile('samla.env.example');
		env = { ORIGIN: `https://127.0.0.1:${ports.httpsPort}`, ADDRESS_HEADER, XFF_DEPTH };
		servers = await cluster.startMany(2, env);
		[nginx, browser] = await Promise.all([
			startNginx(
				servers.map((s) => s.port),
				ports
			),
			launchBrowser()
		]);
	});
	afterAll(async () => {
		for (const c of contexts) await c.close();
		await browser?.close();
		await nginx?.stop();
	});

	const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: LIVE_MS, interval: 100 });

	async function syncConnections(server: TestServer): Promise<number> {
		const text = await (await fetch(`${server.url}/metrics`)).text();
		const line = text.split('\n').find((l) => l.startsWith('samla_sync_connections '));
		return Number(line?.split(' ')[1] ?? NaN);
	}

	/** A browser signed in as a new editor with that name; the cookie is nginx's origin's, as signing in there would set it. */
	async function editor(name: string): Promise<BrowserContext> {
		const sql = cluster.sql();
		const user = await createTestUser(sql, { role: 'editor', name });
		const { token } = await createSession(sql, user.id);
		const context = await browser.newContext({ ignoreHTTPSErrors: true });
		contexts.push(context);
		await context.addCookies([{ name: SESSION_COOKIE, value: token, url: nginx.origin }]);
		return context;
	}

	async function openRecord(context: BrowserContext, recordId: string): Promise<Page> {
		const page = await context.newPage();
		await page.goto(`${nginx.origin}/workspace/records/${recordId}`);
		await page.locator('[data-connection="connected"]').waitFor({ timeout: LIVE_MS });
		return page;
	}

	const field = (page: Page, key: string) => page.locator(`[data-field="${key}"]`);
	const input = (page: Page, key: string) => field(page, key).locator('input, textarea').first();
	/** The record's list of who is here (a field lists who is in it as well). */
	const presence = (page: Page) =>
		page.locator('header ~ main [data-presence]').evaluateAll((els) =>
			els
				.filter((e) => !e.closest('[data-field]'))
				.map((e) => e.getAttribute('data-presence'))
				.sort()
		);

	/**
	 * The upstream that served each finished /sync/<record> request, as nginx logged it, in
	 * order: `127.0.0.1:<port> 101`. A request nginx passed on after a refusal lists every
	 * upstream it tried and each one's status (`a, b (502, 101)`); the last served it.
	 */
	const syncServedBy = (recordId: string) =>
		nginx
			.accessLog()
			.split('\n')
			.filter((l) => l.includes(`"GET /sync/${recordId} `))
			.map((l) => {
				const [, addrs = '', statuses = ''] = /upstream=(.*) \((.*)\)$/.exec(l) ?? [];
				return `${addrs.split(', ').at(-1)} ${statuses.split(', ').at(-1)}`;
			});

	/** Where nginx sends this record's sockets now: a plain GET of the same path, hashed the same way ($uri leaves out the query). */
	async function routedTo(recordId: string, probe: number): Promise<string> {
		await send(`${nginx.origin}/sync/${recordId}?probe=${probe}`, nginx.ca);
		const line = nginx
			.accessLog()
			.split('\n')
			.find((l) => l.includes(`/sync/${recordId}?probe=${probe} `));
		return /upstream=(\S+)/.exec(line ?? '')?.[1] ?? '';
	}

	it('shows each editor the other’s text and presence live, and both show what is stored', async () => {
		const recordId = await cluster.newRecord('Samverkan över processer');
		const edith = await openRecord(await editor('Edith Nginx'), recordId);

		// The record's process, by the hash, and the other.
		const sockets = () => Promise.all(servers.map(syncConnections));
		await eventually(async () => (await sockets()).some((n) => n > 0), LIVE_MS, 'Edith’s socket');
		const open = await sockets();
		expect([...open].sort()).toEqual([0, 1]);
		const home = servers[open.indexOf(1)];
		const other = servers[open.indexOf(0)];

		// The record's process restarts: SIGTERM closes Edith's socket (1001), her page
		// reconnects through nginx, which finds the process gone and sends her to the other.
		await home.stop();
		await eventually(async () => (await syncConnections(other)) === 1, LIVE_MS, 'Edith’s socket on the other process');
		await poll(() => edith.locator('[data-connection]').getAttribute('data-connection')).toBe('connected');
		const back = await cluster.start({ ...env, PORT: String(home.port) });
		// nginx tries a failed upstream again after fail_timeout (10 s): until then the record's sockets still go to the other.
		let probes = 0;
		const restartedAt = Date.now();
		await eventually(
			async () => (await routedTo(recordId, ++probes)) === `127.0.0.1:${back.port}`,
			30_000,
			'nginx to route the record to its process again'
		);

		const routedBackMs = Date.now() - restartedAt;
		const eddie = await openRecord(await editor('Eddie Nginx'), recordId);
		await eventually(async () => (await syncConnections(back)) === 1, LIVE_MS, 'Eddie’s socket on the restarted process');
		expect(await Promise.all([back, other].map(syncConnections))).toEqual([1, 1]);

		// Presence crosses the processes: the names, and who is in which field.
		await input(edith, 'owner').click();
		await poll(() => field(eddie, 'owner').getAttribute('data-editing')).toBe('Edith Nginx');
		for (const page of [edith, eddie]) await poll(() => presence(page)).toEqual(['Eddie Nginx', 'Edith Nginx']);

		// Each types into a field of their own and sees the other's text as it is typed.
		await input(edith, 'owner').pressSequentially('Region Skåne');
		await poll(() => input(eddie, 'owner').inputValue()).toBe('Region Skåne');
		await input(eddie, 'funder').click();
		await input(eddie, 'funder').pressSequentially('Tillväxtverket');
		await poll(() => input(edith, 'funder').inputValue()).toBe('Tillväxtverket');
		// Eddie's caret, drawn in Edith's field at the character where it stands.
		await poll(() => field(edith, 'funder').locator('[data-remote-caret="Eddie Nginx"]').getAttribute('data-head')).toBe(
			String('Tillväxtverket'.length)
		);

		// Both type into one field at once.
		const byEdith = ' Edith skriver här.';
		const byEddie = ' Eddie skriver där.';
		await input(edith, 'summary').click();
		await input(eddie, 'summary').click();
		await Promise.all([
			input(edith, 'summary').pressSequentially(byEdith, { delay: 20 }),
			input(eddie, 'summary').pressSequentially(byEddie, { delay: 20 })
		]);
		await poll(async () => (await input(edith, 'summary').inputValue()).length).toBe(byEdith.length + byEddie.length);
		await poll(async () => input(eddie, 'summary').inputValue()).toBe(await input(edith, 'summary').inputValue());
		const sorted = (s: string) => [...s].sort().join('');
		expect(sorted(await input(edith, 'summary').inputValue())).toBe(sorted(byEdith + byEddie));

		// Both stopped: what each browser shows is what a process loading the record now would serve.
		const shown = async (page: Page) =>
			Object.fromEntries(
				await Promise.all(['title', 'owner', 'funder', 'summary'].map(async (k) => [k, await input(page, k).inputValue()]))
			);
		const onEdith = await shown(edith);
		expect(await shown(eddie)).toEqual(onEdith);
		await eventually(
			async () => {
				const stored = docToRecord(await cluster.storedFold(recordId));
				return Object.entries(onEdith).every(([k, v]) => (stored[k as keyof typeof stored] ?? '') === v);
			},
			LIVE_MS,
			'the stored rows to hold what both browsers show'
		);
		const stored = docToRecord(await cluster.storedFold(recordId));
		expect({ title: stored.title, owner: stored.owner, funder: stored.funder, summary: stored.summary }).toEqual(onEdith);
		expect(onEdith.title).toBe('Samverkan över processer');

		// nginx's own account of each socket, logged when it ends: Eddie's, then Edith's.
		const before = syncServedBy(recordId).length;
		await eddie.close();
		await until(() => syncServedBy(recordId).length > before, LIVE_MS, 'nginx to log Eddie’s socket');
		expect(syncServedBy(recordId).at(-1)).toBe(`127.0.0.1:${back.port} 101`);
		await edith.close();
		await until(() => syncServedBy(recordId).length > before + 1, LIVE_MS, 'nginx to log Edith’s socket');
		// In the order the sockets ended: Edith's first, on the record's process until its restart; Eddie's; Edith's second.
		expect(syncServedBy(recordId)).toEqual([`127.0.0.1:${home.port} 101`, `127.0.0.1:${back.port} 101`, `127.0.0.1:${other.port} 101`]);
		console.log(
			`[scaleout] through nginx: Edith on :${other.port}, Eddie on :${back.port}; nginx routed the record back ${routedBackMs} ms after the restart (${probes} probes); summary ${JSON.stringify(onEdith.summary)}`
		);
	}, 180_000);
});
