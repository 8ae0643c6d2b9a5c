/**
 * Builds the app once before the suites that start the production server
 * (tests/helpers/server.ts); skipped when the build is already current.
 */
import { ensureBuilt } from '../server/build';

export default function setup(): void {
	ensureBuilt((line) => console.log(`[global-setup] ${line}`));
}
