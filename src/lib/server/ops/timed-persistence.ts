/** Counts and times the store's commits of document updates, without the store knowing. */
import type { DocPersistence } from '../docs/persistence';
import { metrics } from './metrics';

export function timedPersistence(inner: DocPersistence): DocPersistence {
	const { updatesCommitted, commitSeconds } = metrics();
	return {
		load: (id) => inner.load(id),
		compact: (id, state, throughId) => inner.compact(id, state, throughId),
		exists: (id) => inner.exists(id),
		// Without it the store would give a new document its first state by a plain append, in
		// every process that loads it first at once (DocStore.seedFirst).
		seed: inner.seed?.bind(inner),
		shared: inner.shared,
		append(recordId, update) {
			const done = commitSeconds.startTimer();
			const committed = () => {
				done();
				updatesCommitted.inc();
			};
			const id = inner.append(recordId, update);
			if (typeof id === 'number') {
				committed();
				return id;
			}
			return id.then((n) => {
				committed();
				return n;
			});
		}
	};
}
