import { canBuild, ensureBuilt, hasBuild, requireBuild } from '../build';
import type { Command } from './command';

export const buildCommand: Command = {
	name: 'build',
	summary: 'build the app when the build is missing or older than the sources (npm start runs this first)',
	help: `Usage: samla build

Builds the app (vite build) into build/ when there is no build yet or a source file is
newer than it; otherwise does nothing. "npm start" runs this as its prestart step, so
"npm install && npm start" works on a fresh clone. "npm run build" always builds.

On a production install without dev dependencies (npm ci --omit=dev) there is no Vite:
an existing build is kept and served as it is.`,
	async run() {
		if (!canBuild()) {
			requireBuild();
			if (hasBuild()) console.log('samla: no dev dependencies (production install); serving the existing build.');
			return 0;
		}
		ensureBuilt(console.log);
		return 0;
	}
};
