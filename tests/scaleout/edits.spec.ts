/**
 * Three real `samla start` processes on one PostgreSQL database and Redis: live editors of
 * one record split between them converge on what is stored, a sign-out on one process
 * closes that session's sockets on another, and presence crosses processes.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { docToRecord, fieldText } from '../../src/lib/records/ydoc';
import { describeCluster } from '../helpers/cluster';
import type { TestServer } from '../helpers/server';
import { sleep, until, type Client } from '../sync/harness';
import { eventually, useScaleout } from './processes';

describeCluster('three samla start processes on PostgreSQL + Redis', () => {
	const cluster = useScaleout();
	let servers: TestServer[];
	beforeAll(async () => {
		servers = await cluster.startMany(3);
	});

	const sameState = (a: Y.Doc, b: Y.Doc) => Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));

	it('converges editors of one record split over the processes, and equals the fold of the stored rows', async () => {
		// Two clients on each process.
		const { id, clients: editors } = await cluster.coEdit(
			'Delade redigerare',
			servers.flatMap((s) => [s, s])
		);

		// Each types its own tokens into the same field, all at once, between the others' keystrokes.
		const perClient = 25;
		for (let k = 0; k < perClient; k++) {
			editors.forEach((c, i) => {
				const text = fieldText(c.doc, 'summary')!;
				text.insert(text.length, `<${i}.${k}>`);
			});
			await sleep(5);
		}
		const complete = (doc: Y.Doc) => ((docToRecord(doc).summary ?? '').match(/<\d+\.\d+>/g) ?? []).length === editors.length * perClient;
		await until(() => editors.every((c) => complete(c.doc)), 20_000, 'every client to hold every edit');
		await until(() => editors.every((c) => sameState(c.doc, editors[0].doc)), 10_000, 'the clients to converge');

		await eventually(async () => sameState(await cluster.storedFold(id), editors[0].doc), 10_000, 'the stored rows to hold every edit');
		const fold = await cluster.storedFold(id);
		expect(docToRecord(fold)).toEqual(docToRecord(editors[0].doc));
		for (const c of editors) expect(docToRecord(c.doc).summary).toBe(docToRecord(fold).summary);
		for (let i = 0; i < editors.length; i++) {
			for (let k = 0; k < perClient; k++) expect(docToRecord(fold).summary).toContain(`<${i}.${k}>`);
		}
	});

	it("closes a session's sockets on another process when it signs out (the periodic re-check is an hour away)", async () => {
		const [a, b] = servers;
		const { editor, clients } = await cluster.coEdit('Utloggning', [a, b]);
		const [onA, onB] = clients;

		const signedOutAt = Date.now();
		const res = await fetch(`${a.url}/logout`, {
			method: 'POST',
			headers: { cookie: editor.cookie, origin: a.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: '',
			redirect: 'manual'
		});
		expect(res.status).toBe(303);
		await until(() => onB.closes.length > 0, 10_000, 'the socket on B to close');
		const closedAfterMs = Date.now() - signedOutAt;
		expect(onB.closes[0].code).toBe(CloseCode.sessionEnded);
		await until(() => onA.closes.length > 0, 10_000, 'the socket on A to close');
		expect(onA.closes[0].code).toBe(CloseCode.sessionEnded);
		console.log(`[scaleout] sign-out on A closed the socket on B after ${closedAfterMs} ms`);
	});

	it("closes a person's sockets on every process when `samla user disable` runs beside them", async () => {
		const [a, b] = servers;
		const { editor, clients } = await cluster.coEdit('Avstängd', [a, b]);
		const [onA, onB] = clients;

		const cli = await samla(['user', 'disable', '--email', editor.user.email], {
			DATABASE_URL: cluster.database.url,
			REDIS_URL: cluster.redis.url,
			REDIS_PREFIX: cluster.redis.prefix
		});
		expect(cli.code, cli.stderr).toBe(0);
		await until(() => onA.closes.length > 0 && onB.closes.length > 0, 10_000, 'the sockets on A and B to close');
		expect(onA.closes[0].code).toBe(CloseCode.sessionEnded);
		expect(onB.closes[0].code).toBe(CloseCode.sessionEnded);
	});

	it('shows a person on one process to the editors on the others, and their leaving', async () => {
		const [a, b, c] = servers;
		const id = await cluster.newRecord('Närvaro');
		const ada = await cluster.person('editor');
		const bo = await cluster.person('editor');
		const [onA, onB, onC] = await cluster.join(id, [
			[a, ada],
			[b, bo],
			[c, bo]
		]);

		onA.provider.awareness.setLocalStateField('field', 'summary');
		const adaId = onA.doc.clientID;
		// The server names a person as their session says, whatever the client claims.
		const seesAda = (cl: Client) => {
			const state = cl.provider.awareness.getStates().get(adaId) as { field?: string; user?: { name: string } } | undefined;
			return state?.field === 'summary' && state.user?.name === ada.user.name;
		};
		await until(() => seesAda(onB) && seesAda(onC), 10_000, 'B and C to see Ada');

		onA.destroy();
		await until(
			() => !onB.provider.awareness.getStates().has(adaId) && !onC.provider.awareness.getStates().has(adaId),
			10_000,
			'Ada to leave on B and C'
		);
		expect(seesAda(onB) || seesAda(onC)).toBe(false);
	});
});

/** The CLI as an operator runs it beside the servers. */
function samla(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [join(import.meta.dirname, '../../bin/samla.js'), ...args], {
			env: { ...process.env, ...env },
			stdio: ['ignore', 'ignore', 'pipe']
		});
		let stderr = '';
		child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stderr }));
	});
}
