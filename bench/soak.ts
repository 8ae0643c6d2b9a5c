/**
 * `npm run soak -- --minutes 10`: a long run of the production server under live editing,
 * to find leaks in documents, awareness and listeners.
 *
 * 200 clients (the stock y-websocket provider) edit records at a person's pace (a change
 * every 2-5 s), move their cursor (awareness), and every 20 s or so close the tab and
 * open another record. The records
 * in use drift across the set in laps, so documents fall idle and must be unloaded. The server's
 * RSS is sampled every 10 s (after a forced GC, see soak-server.ts); after the warm-up it
 * may not grow by more than 10 %. At the end every client leaves: the store's loaded
 * document count must return to 0, and the heap (after GC) to within 10 % of where it was
 * after the warm-up; what it holds while people edit is their documents, which grow
 * with every client session that ever edited them (Yjs keeps one entry per client id).
 *
 * Options: --minutes 10  --clients 200  --records 40  --warmup-minutes (default: a quarter
 * of the run, at most 2)  --idle-seconds 5 (SYNC_IDLE_UNLOAD_SECONDS)  --sample-seconds 10.
 * A 30-second smoke run: --minutes 0.5 --sample-seconds 2 --idle-seconds 2. Exit code 1 on failure.
 * Traffic goes to 127.0.0.1 only; every loop is bounded by the run's length.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { fieldList, fieldText, newListItem } from '../src/lib/records/ydoc';
import { openDatabase } from '../src/lib/server/db/client';
import { createDraft, validRecord } from '../tests/helpers/records';
import { signedInAs } from '../tests/helpers/users';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
	options: {
		minutes: { type: 'string', default: '10' },
		clients: { type: 'string', default: '200' },
		records: { type: 'string', default: '40' },
		'warmup-minutes': { type: 'string' },
		'idle-seconds': { type: 'string', default: '5' },
		'sample-seconds': { type: 'string', default: '10' }
	}
});
const minutes = Number(values.minutes);
const CLIENTS = Number(values.clients);
const RECORDS = Number(values.records);
const warmupMs = (values['warmup-minutes'] ? Number(values['warmup-minutes']) : Math.min(2, minutes / 4)) * 60_000;
const runMs = minutes * 60_000;
const idleSeconds = Number(values['idle-seconds']);
const sampleMs = Number(values['sample-seconds']) * 1000;
if (![minutes, CLIENTS, RECORDS, warmupMs, idleSeconds, sampleMs].every((n) => Number.isFinite(n) && n > 0)) {
	console.error('soak: --minutes, --clients, --records, --warmup-minutes, --idle-seconds and --sample-seconds take positive numbers');
	process.exit(2);
}

interface Stats {
	t: number;
	rss: number;
	heapTotal: number;
	heapUsed: number;
	external: number;
	arrayBuffers: number;
	loadedDocs: number;
	present: number;
}

const MiB = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// ------------------------------------------------------------------ the server

const dir = mkdtempSync(join(tmpdir(), 'samla-soak-'));
const databasePath = join(dir, 'samla.db');
const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'bench/soak-server.ts')], {
	cwd: ROOT,
	env: {
		...process.env,
		PORT: '0',
		HOST: '127.0.0.1',
		DATABASE_PATH: databasePath,
		SEEDS_DIR: join(dir, 'no-seeds'),
		SYNC_IDLE_UNLOAD_SECONDS: String(idleSeconds),
		SOAK_STATS_MS: String(sampleMs)
	},
	stdio: ['ignore', 'pipe', 'pipe']
});
const samples: Stats[] = [];
let output = '';
let exited: { code: number | null; signal: string | null } | null = null;
const exit = new Promise<void>((resolve) =>
	child.once('exit', (code, signal) => {
		exited = { code, signal };
		resolve();
	})
);
const url = await new Promise<string>((resolve, reject) => {
	let buffered = '';
	const onData = (chunk: Buffer) => {
		const s = chunk.toString();
		buffered += s;
		const lines = buffered.split('\n');
		buffered = lines.pop()!;
		for (const line of lines) {
			if (line.startsWith('SOAK-STATS ')) samples.push(JSON.parse(line.slice(11)) as Stats);
			else output += `${line}\n`;
			const m = /listening on (http:\/\/[^\s;]+)/.exec(line);
			if (m) resolve(m[1]);
		}
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening:\n${output}`)));
	setTimeout(() => reject(new Error(`the server did not start within 120 s:\n${output}`)), 120_000).unref();
});
const wsUrl = `${url.replace('http', 'ws')}/sync`;
console.log(
	`soak: server ${url} (pid ${child.pid}), ${CLIENTS} clients on ${RECORDS} records for ${minutes} min, warm-up ${warmupMs / 60_000} min`
);

// ------------------------------------------------------------------ data

const db = openDatabase(databasePath);
const recordIds = Array.from({ length: RECORDS }, (_, i) =>
	createDraft(db, validRecord({ title: `Soak ${i}`, summary: null, themes: [] }))
);
const cookies: string[] = [];
for (let i = 0; i < Math.max(1, Math.ceil(CLIENTS / 10)); i++) {
	const { cookie } = await signedInAs(db, 'editor');
	cookies.push(`${cookie.name}=${cookie.value}`);
}

// ------------------------------------------------------------------ clients

const socketWith = (cookie: string) =>
	class extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers: { cookie } });
		}
	};
process.setMaxListeners(CLIENTS * 4);

let edits = 0;
let tabsClosed = 0;
const started = Date.now();
const elapsed = () => Date.now() - started;

/**
 * The records people work on drift across the whole set and round again, a lap every
 * few minutes: a record is busy for a while, falls idle (and is unloaded), and is
 * opened again later from its compacted state, as records are in real use.
 */
const lapMs = Math.min(240_000, runMs / 2);
function pickRecord(): string {
	const window = Math.max(4, Math.floor(RECORDS / 4));
	const offset = Math.floor(((elapsed() % lapMs) / lapMs) * RECORDS);
	return recordIds[(offset + Math.floor(Math.random() * window)) % RECORDS];
}

class SoakClient {
	doc = new Y.Doc();
	provider: WebsocketProvider;
	private timer: ReturnType<typeof setTimeout> | null = null;
	private closed = false;

	constructor(
		readonly cookie: string,
		readonly recordId: string
	) {
		this.provider = new WebsocketProvider(wsUrl, recordId, this.doc, {
			WebSocketPolyfill: socketWith(cookie) as unknown as typeof globalThis.WebSocket,
			disableBc: true
		});
		this.provider.awareness.setLocalStateField('cursor', { field: 'summary', at: 0 });
		this.schedule();
	}

	private schedule(): void {
		this.timer = setTimeout(() => this.act(), 2000 + Math.random() * 3000);
	}

	private act(): void {
		if (this.closed) return;
		const text = fieldText(this.doc, 'summary');
		const list = fieldList(this.doc, 'themes');
		if (text && list) {
			// Type a word, keep the text and the list at a bounded size, move the cursor.
			this.doc.transact(() => {
				if (text.length > 1500) text.delete(Math.floor(Math.random() * 1300), 50 + Math.floor(Math.random() * 150));
				const at = Math.floor(Math.random() * (text.length + 1));
				text.insert(at, `ord${Math.floor(Math.random() * 1000)} `);
				if (Math.random() < 0.1) {
					if (list.length >= 6) list.delete(Math.floor(Math.random() * list.length), 1);
					else list.insert(list.length, [newListItem(`tema ${Math.floor(Math.random() * 100)}`)]);
				}
			});
			this.provider.awareness.setLocalStateField('cursor', { field: 'summary', at: Math.floor(Math.random() * text.length) });
			edits++;
		}
		this.schedule();
	}

	close(): void {
		this.closed = true;
		if (this.timer) clearTimeout(this.timer);
		this.provider.destroy();
		this.doc.destroy();
	}
}

/** Every open client; a closed tab leaves the set, its replacement joins it. */
const clients = new Set<SoakClient>();
for (let i = 0; i < CLIENTS; i++) {
	clients.add(new SoakClient(cookies[i % cookies.length], pickRecord()));
	if (i % 20 === 19) await sleep(100);
}

/** Now and then a person closes the tab and, a moment later, opens another record. */
const churn = setInterval(
	() => {
		const open = [...clients];
		const old = open[Math.floor(Math.random() * open.length)];
		clients.delete(old);
		old.close();
		tabsClosed++;
		setTimeout(
			() => {
				if (elapsed() < runMs) clients.add(new SoakClient(old.cookie, pickRecord()));
			},
			1000 + Math.random() * 4000
		);
	},
	Math.max(20, 20_000 / CLIENTS)
); // each client about every 20 s

let lastPrinted = 0;
while (elapsed() < runMs && !exited) {
	await sleep(1000);
	if (samples.length > lastPrinted) {
		lastPrinted = samples.length;
		const s = samples.at(-1)!;
		const synced = [...clients].filter((c) => c.provider.synced).length;
		console.log(
			`soak ${(elapsed() / 1000).toFixed(0).padStart(4)} s  rss ${MiB(s.rss)} MiB  heap ${MiB(s.heapUsed)}/${MiB(s.heapTotal)} MiB  ext ${MiB(s.external)} MiB  docs ${s.loadedDocs}  present ${s.present}  synced ${synced}/${clients.size}  edits ${edits}`
		);
	}
}
clearInterval(churn);

// ------------------------------------------------------------------ the end: everyone leaves

const endOfRun = Date.now();
const runSamples = samples.filter((s) => s.t - started >= warmupMs && s.t <= endOfRun);
for (const c of clients) c.close();
clients.clear();
const unloadDeadline = Date.now() + (idleSeconds + 30) * 1000;
while (!exited && Date.now() < unloadDeadline && (samples.at(-1)?.t ?? 0) < endOfRun + idleSeconds * 1000 + sampleMs) await sleep(500);
while (!exited && Date.now() < unloadDeadline && (samples.at(-1)?.loadedDocs ?? 1) !== 0) await sleep(500);
const afterLeaving = samples.at(-1)!;

child.kill('SIGTERM');
await Promise.race([exit, sleep(10_000)]);
const integrity = String(db.$client.pragma('integrity_check', { simple: true }));
db.$client.close();

// ------------------------------------------------------------------ verdict

const failures: string[] = [];
const peakDocs = Math.max(...samples.map((s) => s.loadedDocs));
let growth = NaN;
if (runSamples.length < 4) failures.push(`only ${runSamples.length} samples after the warm-up; run longer`);
else {
	const k = Math.min(3, Math.floor(runSamples.length / 2));
	const baseline = median(runSamples.slice(0, k).map((s) => s.rss));
	const final = median(runSamples.slice(-k).map((s) => s.rss));
	growth = (final - baseline) / baseline;
	if (growth > 0.1) failures.push(`RSS grew ${(growth * 100).toFixed(1)} % after the warm-up (${MiB(baseline)} -> ${MiB(final)} MiB)`);
}
// With every document unloaded, what the server retains must be back near where it was after the warm-up.
if (runSamples[0] && afterLeaving.heapUsed > runSamples[0].heapUsed * 1.1) {
	failures.push(
		`the heap after everyone left (${MiB(afterLeaving.heapUsed)} MiB) is over 110 % of the heap after the warm-up (${MiB(runSamples[0].heapUsed)} MiB)`
	);
}
if (afterLeaving.loadedDocs !== 0)
	failures.push(`${afterLeaving.loadedDocs} documents still loaded ${idleSeconds + 30} s after everyone left`);
if (!exited || (exited as { code: number | null }).code !== 0)
	failures.push(`the server did not exit 0 on SIGTERM: ${JSON.stringify(exited)}`);
if (integrity !== 'ok') failures.push(`integrity_check: ${integrity}`);
if (/Error|failed|could not/.test(output)) failures.push(`the server logged a problem:\n${output}`);

const first = runSamples[0];
const last = runSamples.at(-1);
const summary = {
	minutes,
	clients: CLIENTS,
	records: RECORDS,
	edits,
	tabsClosed,
	samples: samples.length,
	warmupMinutes: warmupMs / 60_000,
	rssAfterWarmupMiB: first && MiB(first.rss),
	rssAtEndMiB: last && MiB(last.rss),
	rssGrowthPercent: Math.round(growth * 1000) / 10,
	heapAfterWarmupMiB: first && MiB(first.heapUsed),
	heapAtEndMiB: last && MiB(last.heapUsed),
	heapAfterLeavingMiB: MiB(afterLeaving.heapUsed),
	rssAfterLeavingMiB: MiB(afterLeaving.rss),
	peakLoadedDocs: peakDocs,
	loadedDocsAfterLeaving: afterLeaving.loadedDocs,
	presentAfterLeaving: afterLeaving.present,
	serverExit: exited,
	integrity,
	failures
};
console.log(`[reliability] soak: ${JSON.stringify(summary)}`);
if (process.env.SAMLA_FIGURES_FILE) {
	const { appendFileSync } = await import('node:fs');
	appendFileSync(process.env.SAMLA_FIGURES_FILE, `${JSON.stringify({ test: 'soak', at: new Date().toISOString(), ...summary })}\n`);
}
rmSync(dir, { recursive: true, force: true });
if (failures.length) {
	console.error(`soak FAILED:\n- ${failures.join('\n- ')}`);
	process.exit(1);
}
console.log('soak passed');
process.exit(0);
