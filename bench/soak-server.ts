/**
 * The production server (server/start.ts, as `samla start` runs it) with a line of
 * statistics every SOAK_STATS_MS on stdout, for bench/soak.ts:
 *   SOAK-STATS {"rss":…,"heapUsed":…,"loadedDocs":…,"present":…}
 * Run with --expose-gc: each sample is taken after a full collection, so it measures
 * what is retained rather than when the collector last ran.
 */
import { readConfig } from '../src/lib/server/config';
import { appContext } from '../src/lib/server/context';
import { ensureBuilt } from '../server/build';
import { startServer } from '../server/start';

const cfg = readConfig();
ensureBuilt(console.log);
const running = await startServer(cfg);
// The build's context, which serve.ts keeps on globalThis (context.ts): this copy of the module finds it there.
const { docs } = appContext();

const gc = (globalThis as { gc?: () => void }).gc;
const timer = setInterval(
	() => {
		gc?.();
		const m = process.memoryUsage();
		const stats = {
			t: Date.now(),
			rss: m.rss,
			heapTotal: m.heapTotal,
			heapUsed: m.heapUsed,
			external: m.external,
			arrayBuffers: m.arrayBuffers,
			loadedDocs: docs.loadedCount,
			present: docs.presence().size
		};
		process.stdout.write(`SOAK-STATS ${JSON.stringify(stats)}\n`);
	},
	Number(process.env.SOAK_STATS_MS ?? 10_000)
);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	process.once(signal, () => {
		clearInterval(timer);
		void running.close().then(() => process.exit(0));
	});
}
