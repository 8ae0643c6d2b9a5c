/** Counts and times the store's commits of document updates, without the store knowing. */
import type { DocPersistence } from '../docs/persistence';
import { metrics } from './metrics';

export function timedPersistence(inner: DocPersistence): DocPersistence {
	const { updatesCommitted, commitSeconds } = metrics();
	// performance.now() and a plain observe, no closure per call: prom-client's startTimer makes two closures and a labels object each time, on every keystroke.
	const committed = (started: number, id: number) => {
		commitSeconds.observe((performance.now() - started) / 1000);
		updatesCommitted.inc();
		return id;
	};
	return {
		load: (id) => inner.load(id),
		compact: (id, state, throughId) => inner.compact(id, state, throughId),
		exists: (id) => inner.exists(id),
		// Without it the store would give a new document its first state by a plain append, in
		// every process that loads it first at once (DocStore.seedFirst).
		seed: inner.seed?.bind(inner),
		shared: inner.shared,
		readBeforeRestart: inner.readBeforeRestart?.bind(inner),
		restore: inner.restore?.bind(inner),
		append(recordId, update) {
			const started = performance.now();
			const id = inner.append(recordId, update);
			return typeof id === 'number' ? committed(started, id) : id.then((n) => committed(started, n));
		}
	};
}
