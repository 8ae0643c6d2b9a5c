/**
 * Live sync under load: D documents x C clients (the real y-websocket provider in Node),
 * R keystrokes a second per document, against Samla's sync server in these set-ups (issue 13):
 *
 * - stock: @y/websocket-server's logic, in memory, no auth (the reference for (a));
 * - (a) SQLite, one process: every update committed to the file before it is sent on;
 * - (b) PostgreSQL + Redis, one process: committed to PostgreSQL, announced over Redis;
 * - (c) two processes on the same database and Redis, each record's clients all on one of
 *   them (affinity: half the records on each);
 * - (d) two processes, each record's clients split between them (half on each), so half
 *   the deliveries cross from one process to the other over PostgreSQL + Redis.
 *
 * Every Samla server is the app's own: its services opened as `samla start` opens them
 * (app-services.ts), the sync server as it builds it (createAppSync). Each server runs in a
 * child process (bench/sync-servers.ts), so its RSS and CPU are its own; each set-up's clients
 * run in worker threads of its own in this process (bench/sync-clients.ts, SYNC_BENCH_WORKERS,
 * 2), whole documents to a thread, so that one set-up's deliveries never queue behind the
 * other's, nor behind all of its own on one event loop. Latency is measured from the keystroke to its arrival at each other client
 * of the document; an edit is lost if any client, or the stored log, lacks it.
 *
 * Every set-up is compared with an (a) of its own in the same round, under the same load. By
 * default the two take turns, each with the machine to itself (TURNS below): a set-up's own
 * path is what is compared, not how two set-ups share two cores. On a shared machine, where
 * load from elsewhere comes and goes and a burst of it lands on whichever server runs then
 * (p99 ratios of the same code swung from 0.3x to 3x), the pair can run at once instead, so
 * that outside load falls on both alike. Each round runs the pairs one after the other; a row
 * pools its rounds. Rounds alternate which of a pair goes first, and the headline comparison
 * is the median over consecutive pairs of rounds, one of each order.
 *
 * Environment: SYNC_BENCH_DOCS (50), SYNC_BENCH_CLIENTS (20 per document),
 * SYNC_BENCH_RATE (2.5 keystrokes/s per document), SYNC_BENCH_WARMUP (5 s of typing per pair
 * before measuring), SYNC_BENCH_SECONDS (30 measured per pair), SYNC_BENCH_TURNS (stock,b,c,d: the
 * rows whose pair runs one after the other, not at once), SYNC_BENCH_ROUNDS (4), SYNC_BENCH_ROWS (stock,b,c,d: the set-ups run beside (a));
 * SYNC_BENCH_CPU_PROF=<dir> writes each server's CPU profile there; DATABASE_DURABLE_EDITS=1
 * makes rows (b)–(d)'s appends wait for PostgreSQL's WAL flush, as `samla start` does with it. Rows (b)–(d) need
 * SAMLA_TEST_DATABASE_URL and SAMLA_TEST_REDIS_URL (bench/sync-pg.ts) and are skipped, with
 * one line saying why, without them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import type { Connected, PlacedSeat, Settled, ToClients } from './sync-clients';
import { keystrokesIn } from './keystrokes';
import { openBenchCluster, type BenchCluster, type BenchRound } from './sync-pg';
import { seedRooms, storedTexts, type Ready, type Request, type Seat, type ServerSpec, type Stats, type Stored } from './sync-servers';
import { percentile, table, type BenchSuite } from './suite';
import { BenchWorker } from './worker';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const DOCS = num('SYNC_BENCH_DOCS', 50);
const CLIENTS = num('SYNC_BENCH_CLIENTS', 20);
const RATE = num('SYNC_BENCH_RATE', 2.5);
/**
 * Every server in a pair is a fresh process, and a server runs for hours. Over 8 s, after 5 s
 * of typing, Samla's server cost 1.43x the stock server's CPU per edit (quiet, in turns); over
 * 30 s 1.11x, over 60 s 1.08x: V8 compiles Samla's much larger update path for longer, and
 * the clients' periodic messages (awareness renewals, pings) fall into the longer windows.
 * A steady server is what the comparison is about, so the window is 30 s.
 */
const SECONDS = num('SYNC_BENCH_SECONDS', 30);
const WARMUP = num('SYNC_BENCH_WARMUP', 5);
/**
 * Run at once, the two servers' CPU per edit depended on which connected and typed first,
 * the stock server's most (quiet, 8 s: 1.02-1.20 s per 1,000 edits first, 0.69-0.75 second;
 * Samla's 1.18-1.34 and 0.98-1.15), likely because the bench's clients read the second's
 * sockets later, so its writes went out in fewer, larger batches. And at once, each set-up's
 * latency carried the other's load: on two cores, (a)'s p99 rose to 50-200 ms beside (c) or
 * (d) (12-20 ms alone), which hid most of what (c) and (d) cost over it. Rows named here run
 * a pair's servers one after the other, each with the machine to itself: every row by
 * default, alternating which goes first; name fewer (SYNC_BENCH_TURNS=stock) to run the
 * others at once.
 */
const TURNS = (process.env.SYNC_BENCH_TURNS ?? 'stock,b,c,d').split(',').filter(Boolean);
const ROUNDS = num('SYNC_BENCH_ROUNDS', 4);
/** Worker threads per set-up for its clients (bench/sync-clients.ts), whole documents to a worker. */
const WORKERS = num('SYNC_BENCH_WORKERS', 2);
/** A person types this many keystrokes before the next one takes over the field. */
const RUN = 5;

type Row = 'stock' | 'a' | 'b' | 'c' | 'd';
const PG_ROWS: Row[] = ['b', 'c', 'd'];
const ROWS = (process.env.SYNC_BENCH_ROWS ?? 'stock,b,c,d').split(',').filter((r): r is Row => ['stock', 'b', 'c', 'd'].includes(r));

const TITLES: Record<Row, string> = {
	stock: 'stock: @y/websocket-server logic, in memory',
	a: '(a) SQLite, 1 process',
	b: '(b) PostgreSQL + Redis, 1 process',
	c: '(c) 2 processes, affinity (a record on one)',
	d: '(d) 2 processes, each record split'
};

/** The servers of a set-up, and which of them each seat's client connects to. */
function layout(row: Row): { processes: number; place: (indexInRoom: number, roomIndex: number) => number } {
	if (row === 'c') return { processes: 2, place: (_, room) => room % 2 };
	if (row === 'd') return { processes: 2, place: (i) => i % 2 };
	return { processes: 1, place: () => 0 };
}

// ---------------------------------------------------------------- servers and clients

function ask<T>(child: ChildProcess, req: Request | null, type: string): Promise<T> {
	return new Promise((resolve, reject) => {
		const on = (m: { type: string }) => {
			if (m.type !== type) return;
			child.off('message', on);
			child.off('exit', died);
			resolve(m as T);
		};
		const died = (code: number | null) => reject(new Error(`a server child exited (${code}) before answering ${type}`));
		child.on('message', on);
		child.once('exit', died);
		if (req) child.send(req);
	});
}

interface ProcessFigures {
	rss: number;
	/** One core = 100 %, over the load. */
	cpuPercent: number;
	cpuSeconds: number;
}

interface Result {
	connectMs: number[];
	connectAllMs: number;
	latencies: number[];
	/** Deliveries to a client on another process than the typist's. */
	crossLatencies: number[];
	sent: number;
	lostAtClients: number;
	lostInStore: number | null;
	procs: ProcessFigures[];
	residence: number[];
	appends: number[];
}

const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((n, x) => n + f(x), 0);

function pool(rounds: Result[]): Result {
	return {
		connectMs: sorted(rounds.flatMap((r) => r.connectMs)),
		connectAllMs: Math.max(...rounds.map((r) => r.connectAllMs)),
		latencies: sorted(rounds.flatMap((r) => r.latencies)),
		crossLatencies: sorted(rounds.flatMap((r) => r.crossLatencies)),
		sent: sum(rounds, (r) => r.sent),
		lostAtClients: sum(rounds, (r) => r.lostAtClients),
		lostInStore: rounds[0].lostInStore === null ? null : sum(rounds, (r) => r.lostInStore ?? 0),
		procs: rounds[0].procs.map((_, i) => ({
			rss: Math.max(...rounds.map((r) => r.procs[i].rss)),
			cpuPercent: sum(rounds, (r) => r.procs[i].cpuPercent) / rounds.length,
			cpuSeconds: sum(rounds, (r) => r.procs[i].cpuSeconds)
		})),
		residence: sorted(rounds.flatMap((r) => r.residence)),
		appends: sorted(rounds.flatMap((r) => r.appends))
	};
}

/** One set-up under load: its server children and its clients' workers. */
interface Run {
	row: Row;
	children: ChildProcess[];
	pg: BenchRound | null;
	seats: Seat[];
	workers: BenchWorker<ToClients>[];
	/** Each document's worker. */
	workerOf: Map<string, number>;
	connectMs: number[];
	connectAllMs: number;
	cpuBefore: Stats[];
}

function spawnServer(spec: ServerSpec, label: string): ChildProcess {
	const entry = `import(${JSON.stringify(new URL('./sync-servers.ts', import.meta.url).href)}).then((m) => m.serveForBench(${JSON.stringify(spec)}, ${DOCS}, ${CLIENTS}))`;
	const profile = process.env.SYNC_BENCH_CPU_PROF;
	const flags = profile ? ['--cpu-prof', '--cpu-prof-dir', `${profile}/${label}`] : [];
	return spawn(process.execPath, [...flags, '--import', 'tsx', '--input-type=module', '-e', entry], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
}

/** Starts a set-up's servers (and its database) and connects its clients (the stock provider, 100 at a time). */
async function connect(row: Row, cluster: BenchCluster | null): Promise<Run> {
	const { processes, place } = layout(row);
	let pg: BenchRound | null = null;
	let specs: ServerSpec[];
	let seats: Seat[] = [];
	if (row === 'stock' || row === 'a') specs = [{ kind: row === 'stock' ? 'stock' : 'sqlite' }];
	else {
		pg = await cluster!.round();
		seats = await pg.withSql((sql) => seedRooms(sql, DOCS, CLIENTS));
		const spec: ServerSpec = { kind: 'pg', url: pg.url, redisUrl: cluster!.redisUrl, prefix: pg.prefix };
		specs = Array.from({ length: processes }, () => spec);
	}
	const children = specs.map((spec, i) => spawnServer(spec, processes > 1 ? `${row}-${i}` : row));
	const ready = await Promise.all(children.map((c) => ask<Ready>(c, null, 'ready')));
	if (!pg) seats = ready[0].seats;
	const urls = ready.map((r) => `ws://127.0.0.1:${r.port}/sync`);
	const rooms = [...new Set(seats.map((s) => s.room))];
	const workerOf = new Map(rooms.map((room, r) => [room, r % WORKERS]));
	const placed: PlacedSeat[] = seats.map((seat, i) => ({ ...seat, proc: place(i % CLIENTS, rooms.indexOf(seat.room)) }));
	const workers = Array.from(
		{ length: WORKERS },
		() => new BenchWorker<ToClients>(new URL('./sync-clients.ts', import.meta.url), { urls, rate: RATE, run: RUN })
	);
	const t0 = performance.now();
	const connected = await Promise.all(
		workers.map((w, i) => w.ask<Connected>({ type: 'connect', seats: placed.filter((s) => workerOf.get(s.room) === i) }, 'connected'))
	);
	return {
		row,
		children,
		pg,
		seats,
		workers,
		workerOf,
		connectMs: connected.flatMap((c) => c.connectMs),
		connectAllMs: performance.now() - t0,
		cpuBefore: []
	};
}

const askAll = <T>(run: Run, msg: ToClients, answer: string) => Promise.all(run.workers.map((w) => w.ask<T>(msg, answer)));

/** Every document types; their first keystrokes are staggered over one interval, so they do not all type on the same tick. */
async function startTyping(run: Run): Promise<void> {
	const rooms = [...run.workerOf.keys()];
	const offsets = Object.fromEntries(rooms.map((room, r) => [room, (r * (1000 / RATE)) / rooms.length]));
	await askAll(run, { type: 'type', offsets }, 'typing');
}

/** Opens the measured window: the servers' CPU from here, their timings and the clients' latencies from here on. */
async function startMeasuring(run: Run): Promise<void> {
	[run.cpuBefore] = await Promise.all([
		Promise.all(run.children.map((c) => ask<Stats>(c, { type: 'stats' }, 'stats'))),
		askAll(run, { type: 'measure' }, 'measuring')
	]);
}

async function stopTyping(run: Run): Promise<void> {
	await askAll(run, { type: 'stop' }, 'stopped');
}

/** Waits for every keystroke to arrive (or 10 s), checks what was lost, and stops the servers. */
async function finish(run: Run, loadSeconds: number): Promise<Result> {
	try {
		const stats = await Promise.all(run.children.map((c) => ask<Stats>(c, { type: 'stats' }, 'stats')));
		const settled = await askAll<Settled>(run, { type: 'settle', timeoutMs: 10_000 }, 'settled');
		const sentPerRoom = new Map(settled.flatMap((w) => Object.entries(w.sentPerRoom)));
		let lostInStore: number | null = null;
		if (run.row !== 'stock') {
			// Every process closes its sockets and its store (the last writes, compactions) before the log is read.
			const answers = await Promise.all(run.children.map((c) => ask<Stored>(c, { type: 'stored' }, 'stored')));
			const texts = run.pg ? await run.pg.withSql((sql) => storedTexts(sql, run.seats)) : answers[0].texts;
			lostInStore = [...sentPerRoom].reduce((n, [room, sent]) => n + sent - keystrokesIn(texts[room]), 0);
		}
		return {
			connectMs: sorted(run.connectMs),
			connectAllMs: run.connectAllMs,
			latencies: sorted(settled.flatMap((w) => w.latencies)),
			crossLatencies: sorted(settled.flatMap((w) => w.crossLatencies)),
			sent: sum(settled, (w) => w.sent),
			lostAtClients: sum(settled, (w) => w.lostAtClients),
			lostInStore,
			procs: stats.map((s, i) => {
				const cpuSeconds = (s.cpuMicros - run.cpuBefore[i].cpuMicros) / 1e6;
				return { rss: s.rss, cpuSeconds, cpuPercent: (cpuSeconds / loadSeconds) * 100 };
			}),
			residence: sorted(stats.flatMap((s) => s.residence)),
			appends: sorted(stats.flatMap((s) => s.appends))
		};
	} finally {
		await Promise.all(run.workers.map((w) => w.terminate()));
		await Promise.all(
			run.children.map((c) => {
				if (c.exitCode !== null) return;
				const exited = new Promise((resolve) => c.once('exit', resolve));
				c.kill();
				return exited;
			})
		);
		await run.pg?.drop();
	}
}

/**
 * One pair: a set-up and an (a), each with its own clients and the same load, in turns or at
 * once (TURNS). Which goes first moved the comparison both ways (at once, the set-up connected
 * and typing first cost 1.04-1.29x more CPU per edit than the one after it in A/A rounds under
 * load, two identical (a) servers): the order swaps every round.
 */
async function pair(row: Row, cluster: BenchCluster | null, round: number): Promise<{ row: Result; a: Result; load: [number, number] }> {
	const before = loadavg()[0];
	const order: Row[] = round % 2 ? ['a', row] : [row, 'a'];
	const results = TURNS.includes(row) ? await inTurns(order, cluster) : await together(order, cluster);
	const [result, a] = round % 2 ? [results[1], results[0]] : results;
	return { row: result, a, load: [before, loadavg()[0]] };
}

async function together(order: Row[], cluster: BenchCluster | null): Promise<Result[]> {
	const runs: Run[] = [];
	for (const r of order) runs.push(await connect(r, cluster));
	return typeAndFinish(runs);
}

async function inTurns(order: Row[], cluster: BenchCluster | null): Promise<Result[]> {
	const results: Result[] = [];
	for (const r of order) results.push(...(await typeAndFinish([await connect(r, cluster)])));
	return results;
}

async function typeAndFinish(runs: Run[]): Promise<Result[]> {
	await Promise.all(runs.map(startTyping));
	await new Promise((r) => setTimeout(r, WARMUP * 1000));
	await Promise.all(runs.map(startMeasuring));
	const loadStart = performance.now();
	await new Promise((r) => setTimeout(r, SECONDS * 1000));
	await Promise.all(runs.map(stopTyping));
	const loadSeconds = (performance.now() - loadStart) / 1000;
	return Promise.all(runs.map((run) => finish(run, loadSeconds)));
}

// ---------------------------------------------------------------- report

const ms = (v: number) => (Number.isNaN(v) ? '—' : v < 1 ? v.toFixed(2) : v.toFixed(1));
const p = (xs: number[], q: number) => percentile(xs, q);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Rounds 0-1, 2-3, …: each pair has one round of each order (a lone last round stands alone). */
const orderPairs = (xs: number[]) => Array.from({ length: Math.ceil(xs.length / 2) }, (_, i) => xs.slice(2 * i, 2 * i + 2));
/**
 * Which server of a pair connected and typed first moved its CPU per edit by up to 1.9x, and
 * its p99 too, in alternate rounds (bimodal, so a plain median lands on one order or the
 * other): comparisons are averaged over each pair of orders first, then the median taken.
 */
const ratioOverOrders = (ratios: number[]) => median(orderPairs(ratios).map((xs) => Math.exp(sum(xs, Math.log) / xs.length)));
const differenceOverOrders = (diffs: number[]) => median(orderPairs(diffs).map((xs) => sum(xs, (x) => x) / xs.length));
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
const cpuPerThousand = (r: Result) => (sum(r.procs, (x) => x.cpuSeconds) / r.sent) * 1000;

interface Pairs {
	row: Result[];
	a: Result[];
	load: [number, number][];
}

function stockTable(pairs: Pairs): string[] {
	const p99Ratios = pairs.a.map((a, i) => p(a.latencies, 99) / p(pairs.row[i].latencies, 99));
	const [stock, a] = [pool(pairs.row), pool(pairs.a)];
	const row = (name: string, r: Result, ratio: string) => [
		name,
		r.connectMs.length / pairs.row.length,
		ms(p(r.connectMs, 50)),
		ms(p(r.connectMs, 99)),
		(r.connectAllMs / 1000).toFixed(1),
		ms(p(r.latencies, 50)),
		ms(p(r.latencies, 99)),
		ratio,
		ms(p(r.residence, 50)),
		ms(p(r.residence, 99)),
		r.sent,
		r.latencies.length,
		r.lostAtClients,
		r.lostInStore ?? 'n/a (no store)',
		mb(r.procs[0].rss),
		`${Math.round(r.procs[0].cpuPercent)} %`,
		`${cpuPerThousand(r).toFixed(2)} s`
	];
	return [
		table(
			[
				'server',
				'concurrent connections',
				'connect+sync p50 ms',
				'p99 ms',
				'all connected s',
				'propagation p50 ms',
				'p99 ms',
				'p99 vs stock',
				'in server p50 ms',
				'p99 ms',
				'edits',
				'deliveries',
				'lost at clients',
				'lost in store',
				'server RSS',
				'server CPU (one core = 100 %)',
				'server CPU per 1,000 edits'
			],
			[
				row(TITLES.stock, stock, '1.00x'),
				row(
					TITLES.a,
					a,
					`${(p(a.latencies, 99) / p(stock.latencies, 99)).toFixed(2)}x pooled, ${ratioOverOrders(p99Ratios).toFixed(2)}x over orders`
				)
			]
		),
		'',
		'Propagation p99 per round (stock / (a), ms): ' +
			pairs.row.map((r, i) => `${ms(p(r.latencies, 99))} / ${ms(p(pairs.a[i].latencies, 99))} (${p99Ratios[i].toFixed(2)}x)`).join('; ') +
			'.',
		'',
		// Per round: the two servers ran at once, under the same outside load.
		'Server CPU per 1,000 edits per round (load average before → after; stock / (a), s): ' +
			pairs.row
				.map((r, i) => {
					const [s, x] = [cpuPerThousand(r), cpuPerThousand(pairs.a[i])];
					return `${pairs.load[i][0].toFixed(1)}→${pairs.load[i][1].toFixed(1)}: ${s.toFixed(2)} / ${x.toFixed(2)} (${(x / s).toFixed(2)}x)`;
				})
				.join('; ') +
			`; over orders ${ratioOverOrders(pairs.row.map((r, i) => cpuPerThousand(pairs.a[i]) / cpuPerThousand(r))).toFixed(2)}x.`
	];
}

/** Rows (a)–(d): each of (b)–(d) against the (a) that ran beside it, and the issue's targets. */
function clusterTable(byRow: Map<Row, Pairs>): string[] {
	const rows = PG_ROWS.filter((r) => byRow.has(r));
	const allA = pool(rows.flatMap((r) => byRow.get(r)!.a));
	const versus = (row: Row) => {
		const { row: results, a } = byRow.get(row)!;
		return {
			p50Diffs: results.map((r, i) => p(r.latencies, 50) - p(a[i].latencies, 50)),
			p99Ratios: results.map((r, i) => p(r.latencies, 99) / p(a[i].latencies, 99)),
			pooledA: pool(a)
		};
	};
	const line = (name: string, r: Result, row?: Row) => {
		const v = row ? versus(row) : null;
		return [
			name,
			r.procs.length,
			ms(p(r.latencies, 50)),
			ms(p(r.latencies, 99)),
			v ? `${differenceOverOrders(v.p50Diffs) >= 0 ? '+' : ''}${differenceOverOrders(v.p50Diffs).toFixed(2)} ms` : '',
			v ? `${ratioOverOrders(v.p99Ratios).toFixed(2)}x` : '',
			r.crossLatencies.length ? `${ms(p(r.crossLatencies, 50))} / ${ms(p(r.crossLatencies, 99))}` : '—',
			ms(p(r.appends, 50)),
			ms(p(r.appends, 99)),
			ms(p(r.residence, 50)),
			ms(p(r.residence, 99)),
			r.sent,
			r.latencies.length,
			r.lostAtClients,
			r.lostInStore ?? '',
			r.procs.map((x) => mb(x.rss)).join(' + '),
			r.procs.map((x) => `${Math.round(x.cpuPercent)} %`).join(' + '),
			`${cpuPerThousand(r).toFixed(2)} s`
		];
	};
	const out = [
		table(
			[
				'set-up',
				'processes',
				'propagation p50 ms',
				'p99 ms',
				'p50 − (a) beside it, over orders',
				'p99 ÷ (a) beside it, over orders',
				'cross-process deliveries p50 / p99 ms',
				'append p50 ms',
				'p99 ms',
				'in server p50 ms',
				'p99 ms',
				'edits',
				'deliveries',
				'lost at clients',
				'lost in store',
				'RSS per process',
				'CPU per process (one core = 100 %)',
				'CPU per 1,000 edits (all processes)'
			],
			[line(`${TITLES.a} (every pair pooled)`, allA), ...rows.map((r) => line(TITLES[r], pool(byRow.get(r)!.row), r))]
		),
		''
	];
	for (const row of rows) {
		const { p50Diffs, p99Ratios } = versus(row);
		const { row: results, a, load } = byRow.get(row)!;
		out.push(
			`${TITLES[row]}, per round (load average before → after; p50 and p99 ms, (a) beside it / this): ` +
				results
					.map(
						(r, i) =>
							`${load[i][0].toFixed(1)}→${load[i][1].toFixed(1)}: ${ms(p(a[i].latencies, 50))} / ${ms(p(r.latencies, 50))} (${p50Diffs[i] >= 0 ? '+' : ''}${p50Diffs[i].toFixed(2)}), ` +
							`${ms(p(a[i].latencies, 99))} / ${ms(p(r.latencies, 99))} (${p99Ratios[i].toFixed(2)}x)`
					)
					.join('; ') +
				'.',
			''
		);
	}
	if (byRow.has('c')) {
		const ratio = ratioOverOrders(versus('c').p99Ratios);
		out.push(`Target (c) p99 ≤ 1.2x (a): ${ratio.toFixed(2)}x, ${ratio <= 1.2 ? 'met' : 'missed'} (over orders).`);
	}
	if (byRow.has('d')) {
		const diff = differenceOverOrders(versus('d').p50Diffs);
		out.push(`Target (d) p50 ≤ (a) + 2 ms: +${diff.toFixed(2)} ms, ${diff <= 2 ? 'met' : 'missed'} (over orders).`);
	}
	return out;
}

export const syncBench: BenchSuite = {
	title: 'Live sync (y-websocket)',
	async run() {
		let skipped: string | null = null;
		let cluster: BenchCluster | null = null;
		const wanted = ROWS.filter((r) => !PG_ROWS.includes(r));
		if (ROWS.some((r) => PG_ROWS.includes(r))) {
			const opened = await openBenchCluster();
			if (typeof opened === 'string') skipped = opened;
			else {
				cluster = opened;
				wanted.push(...ROWS.filter((r) => PG_ROWS.includes(r)));
			}
		}
		const byRow = new Map<Row, Pairs>(wanted.map((r) => [r, { row: [], a: [], load: [] }]));
		const loadAtStart = loadavg();
		try {
			for (let i = 0; i < ROUNDS; i++) {
				for (const row of wanted) {
					const r = await pair(row, cluster, i);
					const pairs = byRow.get(row)!;
					pairs.row.push(r.row);
					pairs.a.push(r.a);
					pairs.load.push(r.load);
				}
			}
		} finally {
			await cluster?.close();
		}
		const loadAtEnd = loadavg();
		const out = [
			`${DOCS} documents x ${CLIENTS} clients = ${DOCS * CLIENTS} concurrent connections per set-up; ${RATE} keystrokes/s per document ` +
				`(runs of ${RUN} by one person, then the next); ${ROUNDS} rounds, each running every set-up beside an (a) of its own ` +
				`(${TURNS.length ? `one after the other for ${TURNS.join(', ')}, ` : ''}at once for the others), ` +
				`typing ${WARMUP} s to warm up and then ${SECONDS} s measured ("edits" and every figure but losses and connect times are of that window); ` +
				`each set-up's clients in ${WORKERS} worker threads of the bench process, each server in its own process. ` +
				'Connect times and RSS: the worst round. ' +
				'"In server": from reading a keystroke to first sending it on (for Samla that includes storing it). ' +
				'"Append": from the store asking the log to store an update to its commit' +
				(process.env.DATABASE_DURABLE_EDITS === '1'
					? ' and its WAL flush (DATABASE_DURABLE_EDITS=1). '
					: ' (synchronous_commit off on PostgreSQL). ') +
				`Load average (1/5/15 min) at start ${loadAtStart.map((x) => x.toFixed(2)).join(' ')}, at end ${loadAtEnd.map((x) => x.toFixed(2)).join(' ')}.`,
			''
		];
		if (byRow.has('stock')) out.push(...stockTable(byRow.get('stock')!), '');
		if (skipped) out.push(skipped);
		else if (PG_ROWS.some((r) => byRow.has(r))) out.push(...clusterTable(byRow));
		return out.join('\n');
	}
};
