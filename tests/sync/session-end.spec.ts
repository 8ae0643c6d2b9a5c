/**
 * Ending a session closes the sync sockets it signed in at once, not at the next periodic
 * re-check: the real server (`samla start`) with the re-check set to an hour, the stock
 * y-websocket provider, and signing out and disabling done over HTTP as a browser does.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { fieldText } from '../../src/lib/records/ydoc';
import { SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { sessionsEnded } from '../../src/lib/server/auth/session-events';
import { recheckAllSessions } from '../../src/lib/server/auth/session-recheck';
import { sessionAuthenticator } from '../../server/sync/session-auth';
import { Client as HttpClient, PLAIN_HTTP_ENV } from '../auth/http-client';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { describeEachDialect } from '../helpers/dialects';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { createTestUser, type TestUser } from '../helpers/users';
import { connect, person, sleep, startHarnessOn, until, type Client } from './harness';

/** Far beyond every wait below: only the immediate path can close a socket in time. */
const RECHECK_SECONDS = 3600;
/** Generous for a shared 2-core machine; the close takes milliseconds. */
const PROMPTLY_MS = 3000;

const clients: Client[] = [];
afterEach(() => {
	for (const c of clients.splice(0)) c.destroy();
});

const closedWith = (c: Client, code: number) => c.closes.some((e) => e.code === code);

/** Still connected and still syncing: a change from one reaches the other. */
async function stillSyncing(a: Client, b: Client, marker: string): Promise<void> {
	fieldText(a.doc, 'summary')!.insert(0, marker);
	await until(() => fieldText(b.doc, 'summary')!.toString().includes(marker), 5000, `${marker} to reach the other client`);
	expect(a.closes).toEqual([]);
	expect(b.closes).toEqual([]);
}

describeServerEachDialect(
	'sync sockets on the real server',
	{ env: { ...PLAIN_HTTP_ENV, SYNC_SESSION_RECHECK_SECONDS: String(RECHECK_SECONDS) } },
	(app) => {
		let recordId: string;
		beforeAll(async () => {
			recordId = await draftRecord(app().sql, validRecord({ title: 'Utloggning' }));
		});

		/** Signs in through the form, as a browser does; the session cookie is what its sync socket sends. */
		async function signIn(user: TestUser): Promise<HttpClient> {
			const http = new HttpClient(app().server.url);
			expect((await http.signIn(user.email, user.password)).status).toBe(303);
			return http;
		}

		function open(http: HttpClient): Client {
			const cookie = `${SESSION_COOKIE}=${http.cookies.get(SESSION_COOKIE)!.value}`;
			const c = connect(`${app().server.url.replace(/^http/, 'ws')}/sync`, recordId, null, { headers: { cookie } });
			clients.push(c);
			return c;
		}

		describe('ending a session closes its sync sockets at once', () => {
			it('signing out closes the sockets of that session only', async () => {
				const ada = await createTestUser(app().sql, { role: 'editor' });
				const bo = await createTestUser(app().sql, { role: 'editor' });
				const adaHere = await signIn(ada);
				const adaElsewhere = await signIn(ada);
				const here = open(adaHere);
				const elsewhere = open(adaElsewhere);
				const other = open(await signIn(bo));
				await Promise.all([here.synced, elsewhere.synced, other.synced]);

				const started = Date.now();
				expect((await adaHere.post('/logout', {})).status).toBe(303);
				await until(() => closedWith(here, CloseCode.sessionEnded), PROMPTLY_MS, 'the signed-out socket to close with 4401');
				const ms = Date.now() - started;
				console.log(`[session-end] sign-out to close ${ms} ms`);
				expect(ms).toBeLessThan(PROMPTLY_MS);

				// Ada's session in another browser and Bo's are untouched.
				await stillSyncing(elsewhere, other, 'after the sign-out');
			});

			it('disabling an account closes every socket of that person, and no one else’s', async () => {
				const admin = await createTestUser(app().sql, { role: 'admin' });
				const cy = await createTestUser(app().sql, { role: 'editor' });
				const dag = await createTestUser(app().sql, { role: 'editor' });
				const adminHttp = await signIn(admin);
				const cyOne = open(await signIn(cy));
				const cyTwo = open(await signIn(cy));
				const dagOne = open(await signIn(dag));
				const adminOne = open(adminHttp);
				await Promise.all([cyOne.synced, cyTwo.synced, dagOne.synced, adminOne.synced]);

				expect((await adminHttp.post('/admin/users?/disable', { userId: cy.id })).status).toBe(200);
				await until(
					() => closedWith(cyOne, CloseCode.sessionEnded) && closedWith(cyTwo, CloseCode.sessionEnded),
					PROMPTLY_MS,
					'both of Cy’s sockets to close with 4401'
				);

				await stillSyncing(dagOne, adminOne, 'after disabling');
			});
		});

		describe('changing a role rechecks that person’s sync sockets at once', () => {
			it('demoting an editor to viewer closes their sockets (4409) before they can write again; others go on', async () => {
				const admin = await createTestUser(app().sql, { role: 'admin' });
				const eve = await createTestUser(app().sql, { role: 'editor' });
				const fay = await createTestUser(app().sql, { role: 'editor' });
				const adminHttp = await signIn(admin);
				const eveOne = open(await signIn(eve));
				const eveTwo = open(await signIn(eve));
				const fayOne = open(await signIn(fay));
				const adminOne = open(adminHttp);
				await Promise.all([eveOne.synced, eveTwo.synced, fayOne.synced, adminOne.synced]);

				const started = Date.now();
				expect((await adminHttp.post('/admin/users?/setRole', { userId: eve.id, role: 'viewer' })).status).toBe(200);
				await until(
					() => closedWith(eveOne, CloseCode.permissionsChanged) && closedWith(eveTwo, CloseCode.permissionsChanged),
					PROMPTLY_MS,
					'both of Eve’s sockets to close with 4409'
				);
				console.log(`[session-end] set-role to close ${Date.now() - started} ms`);
				// What Eve's page types now goes nowhere: the socket is closed and the provider does not retry a 44xx.
				fieldText(eveOne.doc, 'summary')!.insert(0, 'written after the demotion ');
				await stillSyncing(fayOne, adminOne, 'after the demotion');
				expect(fieldText(fayOne.doc, 'summary')!.toString()).not.toContain('written after the demotion');
			});
		});
	}
);

describeEachDialect('in process', (database) => {
	const count = (key: string) => (globalThis as Record<symbol, Set<unknown> | undefined>)[Symbol.for(key)]?.size ?? 0;
	const listeners = () => count('samla.ended-sessions');
	const recheckListeners = () => count('samla.recheck-all-sessions');

	it('closes only sockets whose session no longer signs anyone in (a change that ends sessions may still roll back)', async () => {
		const h = await startHarnessOn(database());
		try {
			const id = await draftRecord(h.sql, validRecord());
			const ed = await person(h.sql, 'editor');
			const c = connect(h.url, id, ed);
			clients.push(c);
			await c.synced;
			sessionsEnded({ userId: ed.user.id });
			await sleep(200);
			expect(c.closes).toEqual([]);
		} finally {
			await h.close();
		}
	});

	it('re-checks every socket at once when sessions may have ended unheard (the Redis bridge was away)', async () => {
		const h = await startHarnessOn(database(), { sync: { sessionRecheckMs: RECHECK_SECONDS * 1000 } });
		try {
			const id = await draftRecord(h.sql, validRecord());
			const gone = await person(h.sql, 'editor');
			const kept = await person(h.sql, 'editor');
			const [c, d] = [connect(h.url, id, gone), connect(h.url, id, kept)];
			clients.push(c, d);
			await Promise.all([c.synced, d.synced]);
			// Ended with no event here, as by another process whose message was lost.
			await h.sql.db.delete(h.sql.t.sessions).where(eq(h.sql.t.sessions.userId, gone.user.id));
			recheckAllSessions();
			await until(() => closedWith(c, CloseCode.sessionEnded), PROMPTLY_MS, 'the unheard session’s socket to close with 4401');
			expect(d.closes).toEqual([]);
		} finally {
			await h.close();
		}
	});

	it('re-checks the open sockets with one lookup for all their sessions, closing exactly the ended ones', async () => {
		const asked: number[] = [];
		const authenticate = sessionAuthenticator(database().sql);
		const h = await startHarnessOn(database(), {
			sync: {
				sessionRecheckMs: RECHECK_SECONDS * 1000,
				authenticate: (cookies) => {
					asked.push(cookies.length);
					return authenticate(cookies);
				}
			}
		});
		try {
			const id = await draftRecord(h.sql, validRecord());
			const people = [];
			for (let i = 0; i < 6; i++) people.push(await person(h.sql, 'editor'));
			const open = people.map((p) => connect(h.url, id, p));
			clients.push(...open);
			await Promise.all(open.map((c) => c.synced));
			// Two ended with no event here, as by another process whose message was lost; one made a viewer.
			const { sessions, users } = h.sql.t;
			for (const gone of [people[1], people[4]]) await h.sql.db.delete(sessions).where(eq(sessions.userId, gone.user.id));
			await h.sql.db.update(users).set({ role: 'viewer' }).where(eq(users.id, people[2].user.id));
			asked.length = 0;
			recheckAllSessions();
			await until(
				() => [1, 4].every((i) => closedWith(open[i], CloseCode.sessionEnded)) && closedWith(open[2], CloseCode.permissionsChanged),
				PROMPTLY_MS,
				'the ended sessions’ sockets to close with 4401 and the new viewer’s with its own code'
			);
			expect(asked).toEqual([6]);
			for (const i of [0, 3, 5]) expect(open[i].closes).toEqual([]);
		} finally {
			await h.close();
		}
	});

	it('stops listening when the sync server closes', async () => {
		const before = [listeners(), recheckListeners()];
		const h = await startHarnessOn(database());
		expect([listeners(), recheckListeners()]).toEqual([before[0] + 1, before[1] + 1]);
		await h.close();
		expect([listeners(), recheckListeners()]).toEqual(before);
	});
});
