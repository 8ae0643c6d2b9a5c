/**
 * SIGKILL the production server while real clients edit; no edit another client had
 * received is ever lost, the database stays whole, everyone converges after restart.
 * Short form here (3 kills); `npm run test:faults` runs the same code with 12.
 */
import { describe, expect, it } from 'vitest';
import { report, runSeed, scale } from './lib/common';
import { runCrashTest } from './lib/crash';

describe('crash: SIGKILL under live editing', () => {
	const cycles = scale(3, 12);
	it(
		`loses no received edit over ${cycles} kills and restarts, and every client converges`,
		async () => {
			const figures = await runCrashTest({
				cycles,
				people: scale(3, 5),
				records: scale(2, 4),
				seed: runSeed(),
				editMs: scale<[number, number]>([300, 1200], [300, 2500]),
				earlyKillShare: 0.3,
				log: (line) => console.log(`[crash] ${line}`)
			});
			report('crash', figures);
			expect(figures.failures).toEqual([]);
			expect(figures.editsLost).toBe(0);
			expect(figures.finalMissing).toBe(0);
			expect(figures.integrityFailures).toBe(0);
			expect(figures.editsSeen).toBeGreaterThan(cycles * 10);
			// Nothing but kills and restarts closed a connection: no refusal, rate limit or store failure.
			expect(Object.keys(figures.closeCodes).filter((c) => Number(c) >= 4000)).toEqual([]);
		},
		scale(120_000, 600_000)
	);
});
