/**
 * Prometheus metrics (prom-client), served at /metrics. A copy of this module that `vite dev`
 * reloads shares one prom-client, whose registry refuses a metric registered twice: the
 * metrics are made once and kept on globalThis, like the app context (context.ts).
 */
import { statSync } from 'node:fs';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
	registry: Registry;
	httpRequests: Counter<'method' | 'route' | 'status'>;
	httpDuration: Histogram<'method' | 'route' | 'status'>;
	updatesCommitted: Counter;
	commitSeconds: Histogram;
	approvals: Counter;
	failedSignIns: Counter;
	/** What gauges read when scraped: set by whoever owns the number (the sync server, the store). */
	sources: { syncConnections?: () => number; loadedDocuments?: () => number };
}

function create(): Metrics {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry, prefix: 'samla_' });
	const sources: Metrics['sources'] = {};
	const registers = [registry];
	new Gauge({
		name: 'samla_sync_connections',
		help: 'Open live-editing (sync) WebSocket connections.',
		registers,
		collect() {
			this.set(sources.syncConnections?.() ?? 0);
		}
	});
	new Gauge({
		name: 'samla_documents_loaded',
		help: 'Record documents held live in memory by the document store.',
		registers,
		collect() {
			this.set(sources.loadedDocuments?.() ?? 0);
		}
	});
	return {
		registry,
		sources,
		httpRequests: new Counter({
			name: 'samla_http_requests_total',
			help: 'HTTP requests answered, by method, route (SvelteKit route id) and status.',
			labelNames: ['method', 'route', 'status'],
			registers
		}),
		httpDuration: new Histogram({
			name: 'samla_http_request_duration_seconds',
			help: 'Time to answer an HTTP request (until the response starts), by method, route and status.',
			labelNames: ['method', 'route', 'status'],
			buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
			registers
		}),
		updatesCommitted: new Counter({
			name: 'samla_sync_updates_committed_total',
			help: 'Record document updates committed to the database.',
			registers
		}),
		commitSeconds: new Histogram({
			name: 'samla_sync_update_commit_seconds',
			help: 'Time to commit one record document update.',
			buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
			registers
		}),
		approvals: new Counter({ name: 'samla_approvals_total', help: 'Versions approved.', registers }),
		failedSignIns: new Counter({
			name: 'samla_sign_ins_failed_total',
			help: 'Sign-ins refused for a wrong address, password or disabled account (not throttled ones).',
			registers
		})
	};
}

const WAL_GAUGE = 'samla_sqlite_wal_bytes';

/**
 * The SQLite write-ahead log's size, from the first scrape on. Registered only by a SQLite
 * process: PostgreSQL has no such file, and a gauge stuck at 0 there would read as "checkpoints
 * keep up" on a dashboard.
 */
export function watchSqliteWal(m: Metrics, databasePath: string): void {
	if (m.registry.getSingleMetric(WAL_GAUGE)) return;
	new Gauge({
		name: WAL_GAUGE,
		help: 'Size of the SQLite write-ahead log; it grows when checkpoints cannot keep up.',
		registers: [m.registry],
		collect() {
			this.set(walBytes(databasePath));
		}
	});
}

function walBytes(databasePath: string): number {
	try {
		return statSync(`${databasePath}-wal`).size;
	} catch {
		return 0;
	}
}

const KEY = Symbol.for('samla.metrics');
type WithMetrics = typeof globalThis & { [KEY]?: Metrics };

export function metrics(): Metrics {
	const g = globalThis as WithMetrics;
	g[KEY] ??= create();
	return g[KEY];
}
