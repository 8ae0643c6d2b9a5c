/**
 * A bench's clients in a worker thread of the bench process, asked one question at a time
 * (bench/connections.ts, bench/sync.ts): clients spread over threads keep the client side's
 * own queueing from being what a bench measures.
 */
import { Worker } from 'node:worker_threads';

export class BenchWorker<Ask extends { type: string }> {
	private readonly worker: Worker;
	/** A worker that failed while no one was asking it anything fails the next question. */
	private failure: Error | null = null;

	/** `module`: the worker's code, a URL (a .ts file is loaded through tsx). */
	constructor(module: URL, workerData: unknown) {
		// tsx's loader is registered on the main thread only: the worker registers it, as bin/samla.js does, then loads its code.
		const entry = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); })`;
		this.worker = new Worker(entry, { eval: true, workerData });
		this.worker.on('error', (err) => (this.failure = err));
	}

	/** Sends `msg` and resolves with the first answer of type `answer`. */
	ask<T>(msg: Ask, answer: string): Promise<T> {
		return new Promise((resolve, reject) => {
			if (this.failure) return reject(this.failure);
			const on = (m: { type: string }) => {
				if (m.type !== answer) return;
				this.worker.off('message', on);
				this.worker.off('error', reject);
				resolve(m as T);
			};
			this.worker.on('message', on);
			this.worker.once('error', reject);
			this.worker.postMessage(msg);
		});
	}

	terminate(): Promise<number> {
		return this.worker.terminate();
	}
}
