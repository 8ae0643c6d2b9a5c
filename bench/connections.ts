/**
 * `npm run bench connections`: how many live-editing connections one process holds. One
 * real `samla start` (SQLite, its defaults and limits) takes N concurrent y-websocket
 * connections (the stock provider) spread over R records and P people, each person with
 * a few tabs on different records, as a team would have them; holds them through a
 * heartbeat, a session re-check and the providers' awareness renewals; then a share of
 * the records have someone typing. At the end every client of a record must have the same
 * text, holding every keystroke, and the server's stored log must fold to that text: an
 * edit missing anywhere is lost.
 *
 * The server's RSS and CPU are read from /proc (what an operator sees), memory after a
 * full collection asked for over its inspector (bound to 127.0.0.1), its connection count
 * from its own /metrics; each keystroke's time inside it from a probe preloaded into it
 * (connections-probe.ts). The clients run in worker threads of this
 * process, whole records to a worker; their event-loop utilisation and delay while typing
 * are reported, so a client side that could not keep up shows.
 *
 * Environment: CONN_BENCH_CONNECTIONS (5000), CONN_BENCH_RECORDS (500),
 * CONN_BENCH_TABS (5 sockets per person, on different records), CONN_BENCH_TYPING (0.2 of
 * the records), CONN_BENCH_RATE (2 keystrokes/s per typing record), CONN_BENCH_SECONDS (30
 * of typing), CONN_BENCH_HOLD_SECONDS (35 idle), CONN_BENCH_WORKERS (2),
 * CONN_BENCH_IN_FLIGHT (100 handshakes at once over all workers); CONN_BENCH_CPU_PROF=<dir>
 * writes the server's CPU profile there.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { emptyRecord } from '../src/lib/records/fields';
import { fieldText } from '../src/lib/records/ydoc';
import { createSession, SESSION_COOKIE } from '../src/lib/server/auth/session';
import { openDatabase } from '../src/lib/server/db/client';
import { users } from '../src/lib/server/db/schema';
import { sqliteSql } from '../src/lib/server/db/sql';
import { SqlitePersistence } from '../src/lib/server/docs/sqlite-persistence';
import { ensureBuilt } from '../server/build';
import { createDraft } from '../tests/helpers/records';
import type { Connected, Seat, Settled, ToWorker, WorkerSetup } from './connections-client';
import { percentile, table, type BenchSuite } from './suite';
import { BenchWorker } from './worker';

type ClientWorker = BenchWorker<ToWorker>;

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const CONNECTIONS = num('CONN_BENCH_CONNECTIONS', 5000);
const RECORDS = num('CONN_BENCH_RECORDS', 500);
const TABS = num('CONN_BENCH_TABS', 5);
const TYPING = num('CONN_BENCH_TYPING', 0.2);
const RATE = num('CONN_BENCH_RATE', 2);
const SECONDS = num('CONN_BENCH_SECONDS', 30);
const HOLD_SECONDS = num('CONN_BENCH_HOLD_SECONDS', 35);
const WORKERS = num('CONN_BENCH_WORKERS', 2);
const IN_FLIGHT = num('CONN_BENCH_IN_FLIGHT', 100);
/** A person types this many keystrokes before the next one takes over the field. */
const RUN = 5;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const MARK = /‹(\d+)›/g;

// ------------------------------------------------------------------ the server

interface Server {
	pid: number;
	url: string;
	output: () => string;
	exited: Promise<number | null>;
	/** The server's V8 inspector, to collect garbage before memory is read. */
	inspector: Inspector;
}

/**
 * A Chrome DevTools Protocol session on the server's inspector (localhost only). RSS
 * and heap read at an arbitrary moment say more about when V8 last collected than about
 * what the connections hold, so each sample is taken after a full collection.
 */
class Inspector {
	private next = 0;
	private readonly pending = new Map<number, (result: unknown) => void>();

	private constructor(private readonly ws: WebSocket) {
		ws.on('message', (data) => {
			const m = JSON.parse(String(data)) as { id?: number; result?: unknown };
			if (m.id !== undefined) this.pending.get(m.id)?.(m.result);
		});
	}

	static async open(url: string): Promise<Inspector> {
		const ws = new WebSocket(url);
		await once(ws, 'open');
		return new Inspector(ws);
	}

	call<T>(method: string, params: object = {}): Promise<T> {
		const id = ++this.next;
		return new Promise((resolve) => {
			this.pending.set(id, (r) => {
				this.pending.delete(id);
				resolve(r as T);
			});
			this.ws.send(JSON.stringify({ id, method, params }));
		});
	}

	/** The keystrokes' times in the server so far (connections-probe.ts), ms; taken, so the next call has only newer ones. */
	async residence(): Promise<number[]> {
		const { result } = await this.call<{ result: { value: number[] } }>('Runtime.evaluate', {
			expression: 'globalThis.samlaBenchResidence.splice(0)',
			returnByValue: true
		});
		return result.value;
	}

	close(): void {
		this.ws.close();
	}
}

async function startServer(dir: string): Promise<Server> {
	const probe = ['--import', 'tsx', '--import', new URL('./connections-probe.ts', import.meta.url).href];
	const profile = process.env.CONN_BENCH_CPU_PROF;
	const flags = ['--inspect=127.0.0.1:0', ...probe, ...(profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [])];
	const child = spawn(process.execPath, [...flags, join(ROOT, 'bin/samla.js'), 'start'], {
		cwd: ROOT,
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'samla.db'), SEEDS_DIR: join(dir, 'no-seeds') },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	let inspectorUrl = '';
	const url = await new Promise<string>((resolve, reject) => {
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			inspectorUrl ||= /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1] ?? '';
			const m = /Samla is listening on (http:\/\/[^\s;]+)/.exec(output);
			if (m) resolve(m[1]);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening:\n${output}`)));
	});
	return { pid: child.pid!, url, output: () => output, exited, inspector: await Inspector.open(inspectorUrl) };
}

interface Sample {
	at: number;
	/** Resident memory and V8 heap in use, after a full collection. */
	rss: number;
	heapUsed: number;
	/** User + system CPU since the process started, seconds. */
	cpu: number;
	connections: number;
	loadedDocs: number;
	load: string;
}

/** The server as an operator sees it: /proc for CPU and memory (after a full collection), /metrics for the rest. */
async function sample(server: Server): Promise<Sample> {
	// CPU first, so that the collection asked for here is not counted as the phase's work.
	const stat = readFileSync(`/proc/${server.pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// utime and stime, in clock ticks of 1/100 s (USER_HZ on Linux).
	const cpu = (Number(fields[11]) + Number(fields[12])) / 100;
	await server.inspector.call('HeapProfiler.collectGarbage');
	const { usedSize } = await server.inspector.call<{ usedSize: number }>('Runtime.getHeapUsage');
	const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
	const metrics = await (await fetch(`${server.url}/metrics`)).text();
	const metric = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(metrics)?.[1] ?? NaN);
	return {
		at: performance.now(),
		rss: Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024,
		heapUsed: usedSize,
		cpu,
		connections: metric('samla_sync_connections'),
		loadedDocs: metric('samla_documents_loaded'),
		load: `${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (${cpuPressure()})`
	};
}

/** The share of the last minute in which some runnable task waited for a CPU (Linux PSI): how contended the machine was. */
function cpuPressure(): string {
	try {
		return `CPU pressure ${/avg60=(\S+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))![1]} %`;
	} catch {
		return 'no CPU pressure figure';
	}
}

/** Samples again after a moment, so a phase's last burst of work is not what is measured. */
async function settledSample(server: Server): Promise<Sample> {
	await sleep(3000);
	return sample(server);
}

// ------------------------------------------------------------------ the clients

/** Every worker connects its share of `seats` (whole records each), at most IN_FLIGHT handshakes at once over all. */
async function connectAll(workers: ClientWorker[], seats: Seat[][]): Promise<{ ms: number; syncMs: number[]; unsynced: number }> {
	const t0 = performance.now();
	const done = await Promise.all(
		workers.map((w, i) =>
			w.ask<Connected>(
				{ type: 'connect', seats: seats[i], inFlight: Math.ceil(IN_FLIGHT / workers.length), timeoutMs: 120_000 },
				'connected'
			)
		)
	);
	return {
		ms: performance.now() - t0,
		syncMs: done.flatMap((d) => d.syncMs),
		unsynced: done.reduce((n, d) => n + d.unsynced, 0)
	};
}

// ------------------------------------------------------------------ the run

function maxOpenFiles(): string {
	return /Max open files\s+(\S+)/.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? '?';
}

const MiB = (n: number) => `${Math.round(n / 1048576)} MiB`;
const KiB = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const ms = (v: number) => (v < 1 ? v.toFixed(2) : v.toFixed(1));
const pct = (cpu: number, seconds: number) => `${Math.round((cpu / seconds) * 100)} %`;

export const connectionsBench: BenchSuite = {
	title: 'Concurrent sync connections on one process',
	async run() {
		const perRecord = CONNECTIONS / RECORDS;
		const people = CONNECTIONS / TABS;
		if (!Number.isInteger(perRecord) || !Number.isInteger(people) || TABS > RECORDS) {
			throw new Error('CONN_BENCH_CONNECTIONS must be a multiple of CONN_BENCH_RECORDS and of CONN_BENCH_TABS (at most the records)');
		}
		const fileLimit = Number(maxOpenFiles());
		// This process holds every client socket, the server every server socket; each needs a descriptor.
		if (fileLimit < CONNECTIONS + 1000)
			throw new Error(`the open-file limit is ${fileLimit} (ulimit -Hn): raise it above ${CONNECTIONS + 1000} for this bench`);

		ensureBuilt(console.error);
		const dir = mkdtempSync(join(tmpdir(), 'samla-conn-bench-'));
		const server = await startServer(dir);
		const workers: ClientWorker[] = [];
		try {
			// Records and people in the server's database, as the sync bench makes them: one
			// session per person, shared by their tabs, as a browser's cookie is.
			const db = openDatabase(join(dir, 'samla.db'));
			const rooms = Array.from({ length: RECORDS }, (_, i) => createDraft(db, { ...emptyRecord(`Benchmark project ${i}`), summary: '' }));
			const now = new Date();
			const cookies: string[] = [];
			for (let p = 0; p < people; p++) {
				const id = randomUUID();
				db.insert(users)
					.values({
						id,
						email: `${id}@bench.invalid`,
						name: `Bench ${p}`,
						role: 'editor',
						passwordHash: 'x',
						createdAt: now,
						updatedAt: now
					})
					.run();
				cookies.push(`${SESSION_COOKIE}=${(await createSession(sqliteSql(db), id)).token}`);
			}
			db.$client.close();
			// Person p's tabs are seats p*TABS … p*TABS+TABS-1, on as many different records.
			const seats: Seat[] = Array.from({ length: CONNECTIONS }, (_, i) => ({
				room: rooms[i % RECORDS],
				cookie: cookies[Math.floor(i / TABS)]
			}));
			const workerOf = new Map(rooms.map((room, r) => [room, r % WORKERS]));
			const share = (list: Seat[]) => Array.from({ length: WORKERS }, (_, w) => list.filter((s) => workerOf.get(s.room) === w));
			// First one client per record (the records' documents load), then everyone else.
			const firsts = seats.slice(0, RECORDS);
			const later = seats.slice(RECORDS);

			const wsUrl = `${server.url.replace('http', 'ws')}/sync`;
			for (let w = 0; w < WORKERS; w++)
				workers.push(
					new BenchWorker<ToWorker>(new URL('./connections-client.ts', import.meta.url), {
						url: wsUrl,
						index: w,
						workers: WORKERS
					} satisfies WorkerSetup)
				);

			const idle = await settledSample(server);
			const first = await connectAll(workers, share(firsts));
			const oneEach = await settledSample(server);
			const cpuBeforeRest = (await sample(server)).cpu;
			const others = await connectAll(workers, share(later));
			const connectCpu = (await sample(server)).cpu - cpuBeforeRest;
			const connected = await settledSample(server);

			// Held: through a heartbeat (30 s), a session re-check (30 s) and awareness renewals (15 s).
			await sleep(HOLD_SECONDS * 1000);
			const held = await sample(server);

			const typingRooms = rooms.slice(0, Math.round(RECORDS * TYPING));
			const typingShare = Array.from({ length: WORKERS }, (_, w) => typingRooms.filter((r) => workerOf.get(r) === w));
			const selfCpu0 = process.cpuUsage();
			await Promise.all(
				workers.map((w, i) => w.ask({ type: 'type', rooms: typingShare[i], rate: RATE, seconds: SECONDS, run: RUN }, 'typed'))
			);
			const typed = await sample(server);
			const residence = (await server.inspector.residence()).sort((a, b) => a - b);
			const selfCpu = process.cpuUsage(selfCpu0);
			const settled = await Promise.all(workers.map((w) => w.ask<Settled>({ type: 'settle', timeoutMs: 20_000 }, 'settled')));
			const end = await sample(server);
			await Promise.all(workers.map((w) => w.ask({ type: 'close' }, 'closed')));

			// The stored log, folded, must be what the clients hold (read after a clean shutdown).
			server.inspector.close();
			process.kill(server.pid, 'SIGTERM');
			const exitCode = await server.exited;
			const texts: Record<string, string> = Object.assign({}, ...settled.map((s) => s.texts));
			const sentPerRoom: Record<string, number> = Object.assign({}, ...settled.map((s) => s.sentPerRoom));
			const check = openDatabase(join(dir, 'samla.db'));
			const persistence = new SqlitePersistence(check);
			let lostInStore = 0;
			let storeDiffers = 0;
			for (const room of rooms) {
				const doc = new Y.Doc();
				for (const u of (await persistence.load(room))!.updates) Y.applyUpdate(doc, u);
				const stored = fieldText(doc, 'summary')?.toString() ?? '';
				lostInStore += (sentPerRoom[room] ?? 0) - (stored.match(MARK)?.length ?? 0);
				if (stored !== texts[room]) storeDiffers++;
			}
			check.$client.close();

			const latencies = settled.flatMap((s) => s.latencies).sort((a, b) => a - b);
			const syncMs = [...first.syncMs, ...others.syncMs].sort((a, b) => a - b);
			const closeCodes: Record<string, number> = {};
			for (const s of settled) for (const [code, n] of Object.entries(s.closeCodes)) closeCodes[code] = (closeCodes[code] ?? 0) + n;
			const sum = (f: (s: Settled) => number) => settled.reduce((n, s) => n + f(s), 0);
			const sent = sum((s) => s.sent);
			const serverErrors = server
				.output()
				.split('\n')
				.filter((l) => /error|failed/i.test(l));
			const rest = later.length;
			const holdSeconds = (held.at - connected.at) / 1000;
			const typeSeconds = (typed.at - held.at) / 1000;

			return [
				`${CONNECTIONS} connections: ${people} people with ${TABS} tabs each, ${RECORDS} records with ${perRecord} clients each, ` +
					`all editors; the stock y-websocket provider in ${WORKERS} worker threads of the bench process, at most ${IN_FLIGHT} handshakes ` +
					`at once. Held idle ${HOLD_SECONDS} s, then ${typingRooms.length} records (${Math.round(TYPING * 100)} %) typed at ${RATE} keystrokes/s ` +
					`for ${SECONDS} s (runs of ${RUN} by one person, then the next). Open-file limit ${fileLimit} (Node raises its soft limit to the hard one). One \`samla start\`, SQLite, default limits.`,
				'',
				table(
					['', 'value'],
					[
						['connected and synced', `${syncMs.length} of ${CONNECTIONS} (${first.unsynced + others.unsynced} not synced in 120 s)`],
						[
							'time to connect all',
							`${((first.ms + others.ms) / 1000).toFixed(1)} s (${Math.round((CONNECTIONS / (first.ms + others.ms)) * 1000)}/s)`
						],
						['connect + first sync p50 / p99', `${ms(percentile(syncMs, 50))} / ${ms(percentile(syncMs, 99))} ms`],
						[
							'server CPU while the last connections came in (with the awareness renewals of those already in)',
							`${connectCpu.toFixed(1)} s for ${rest} (${((connectCpu / rest) * 1000).toFixed(2)} ms each)`
						],
						[
							'server RSS: idle / one client per record / all connected / after typing',
							[idle, oneEach, connected, end].map((s) => MiB(s.rss)).join(' / ')
						],
						['server heap used, same points', [idle, oneEach, connected, end].map((s) => MiB(s.heapUsed)).join(' / ')],
						[
							'memory per connection (RSS, heap)',
							`${KiB((connected.rss - oneEach.rss) / rest)}, ${KiB((connected.heapUsed - oneEach.heapUsed) / rest)} (the last ${rest}, records already loaded)`
						],
						['memory per connection with its share of the records', `${KiB((connected.rss - idle.rss) / CONNECTIONS)} RSS`],
						['server CPU holding them idle', `${pct(held.cpu - connected.cpu, holdSeconds)} of one core over ${holdSeconds.toFixed(0)} s`],
						['still connected after the hold (server count); records loaded', `${held.connections}; ${held.loadedDocs}`],
						['server CPU while typing', `${pct(typed.cpu - held.cpu, typeSeconds)} of one core`],
						['edits / deliveries', `${sent} / ${latencies.length}`],
						[
							'in server, from reading a keystroke to first sending it on (checked, applied, stored), p50 / p99 / max',
							`${ms(percentile(residence, 50))} / ${ms(percentile(residence, 99))} / ${ms(residence.at(-1) ?? NaN)} ms (${residence.length} keystrokes)`
						],
						[
							'propagation p50 / p99 / max',
							`${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))} / ${ms(latencies.at(-1) ?? NaN)} ms`
						],
						[
							'lost at clients / clients that disagree / lost in store / records whose stored text differs',
							`${sum((s) => s.lostAtClients)} / ${settled.flatMap((s) => s.diverged).length} / ${lostInStore} / ${storeDiffers}`
						],
						['connected at the end (clients / server)', `${sum((s) => s.connectedNow)} / ${end.connections}`],
						[
							'close codes seen by clients; failed attempts',
							`${
								Object.entries(closeCodes)
									.map(([c, n]) => `${c}: ${n}`)
									.join(', ') || 'none'
							}; ${sum((s) => s.connectionErrors)}`
						],
						['server exit after SIGTERM; lines it logged with "error"/"failed"', `${exitCode}; ${serverErrors.length}`],
						[
							'client workers while typing: event-loop utilisation; loop delay p99 / max',
							settled.map((s) => `${Math.round(s.typingElu * 100)} %; ${ms(s.typingLoopP99)} / ${ms(s.typingLoopMax)} ms`).join(' and ') +
								` (bench process CPU ${pct((selfCpu.user + selfCpu.system) / 1e6, typeSeconds)})`
						],
						['load average (1/5/15 min) at start / at end', `${idle.load} / ${end.load}`]
					]
				),
				...(serverErrors.length ? ['', 'Server log lines:', '', ...serverErrors.slice(0, 10).map((l) => `    ${l}`)] : [])
			].join('\n');
		} finally {
			await Promise.all(workers.map((w) => w.terminate()));
			try {
				process.kill(server.pid, 'SIGKILL');
			} catch {
				// already gone
			}
			rmSync(dir, { recursive: true, force: true });
		}
	}
};
