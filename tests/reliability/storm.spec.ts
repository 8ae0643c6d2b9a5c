/**
 * Reconnect storm: clients on many records, the server restarted under them (SIGTERM:
 * 1001 to every socket), all reconnect with backoff and jitter and resync, and the server
 * keeps serving. Short form 100 clients / 10 records; `npm run test:faults` 1,000 / 50,
 * and also after a SIGKILL.
 */
import { describe, expect, it } from 'vitest';
import { LONG, report, runSeed, scale } from './lib/common';
import { runStorm } from './lib/storm';

describe('reconnect storm', () => {
	const clients = scale(100, 1000);
	const records = scale(10, 50);
	for (const restart of LONG ? (['SIGTERM', 'SIGKILL'] as const) : (['SIGTERM'] as const)) {
		it(
			`${clients} clients on ${records} records all resync after a ${restart} restart`,
			async () => {
				const figures = await runStorm({
					clients,
					records,
					people: scale(10, 100),
					seed: runSeed(),
					restart,
					log: (l) => console.log(`[storm] ${l}`)
				});
				report(`storm-${restart}`, figures);
				expect(figures.failures).toEqual([]);
				// Only restarts closed sockets: 1001 (SIGTERM) or 1006 (dropped / refused while down); no 4xxx.
				expect(Object.keys(figures.closeCodes).filter((c) => Number(c) >= 4000)).toEqual([]);
			},
			scale(90_000, 400_000)
		);
	}
});
