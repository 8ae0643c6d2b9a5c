/**
 * The document store's announcer (docs/announcer.ts) over the Redis fan-out (fanout.ts), for
 * PostgreSQL mode: the store publishes an update once its append committed, follows a
 * record's channel while the record's document is loaded, and re-reads the stored rows of
 * its loaded documents when the fan-out says messages may have been lost.
 */
import type { Announcement, Announcer } from '../docs/announcer';
import { startFanout, type Fanout, type FanoutOptions } from './fanout';

const PUBLISH_ERROR_EVERY_MS = 10_000;

export type FanoutAnnouncerOptions = Omit<FanoutOptions, 'onUpdate' | 'onCatchUp' | 'onError'> & {
	log?: (line: string) => void;
};

export class FanoutAnnouncer implements Announcer {
	private readonly listeners = new Set<(a: Announcement) => void>();
	private readonly catchUpListeners = new Set<(gone?: string) => void>();
	private fanout!: Fanout;
	private lastPublishError = -Infinity;
	private unloggedPublishErrors = 0;

	private constructor(private readonly log: (line: string) => void) {}

	static async start({ log = (line) => console.error(line), ...options }: FanoutAnnouncerOptions): Promise<FanoutAnnouncer> {
		const announcer = new FanoutAnnouncer(log);
		announcer.fanout = await startFanout({
			...options,
			onUpdate: (recordId, update, source, rowId) => {
				for (const l of announcer.listeners) l({ recordId, update, source, id: rowId || undefined });
			},
			onAwareness: (recordId, update, source) => {
				for (const l of announcer.listeners) l({ recordId, update, source, awareness: true });
			},
			onJoined: (recordId, source) => {
				for (const l of announcer.listeners) l({ recordId, update: new Uint8Array(0), source, joined: true });
			},
			onWelcome: (recordId, source) => {
				for (const l of announcer.listeners) l({ recordId, update: new Uint8Array(0), source, welcome: true });
			},
			onCatchUp: (reason) => {
				announcer.log(
					`samla: catching up with the stored log (${reason.kind === 'reconnect' ? 'Redis reconnected' : `process ${reason.peer} gone`})`
				);
				for (const l of announcer.catchUpListeners) l(reason.kind === 'peer-lost' ? reason.peer : undefined);
			},
			onError: (err) => announcer.log(`samla: Redis fan-out: ${err.message}`)
		});
		return announcer;
	}

	get processId(): string {
		return this.fanout.processId;
	}

	publish(a: Announcement): void {
		// Lost, an update is read back from the log by the others' catch-up; presence is sent again by its client within 15 s.
		(a.awareness ? this.fanout.publishAwareness(a.recordId, a.update) : this.fanout.publish(a.recordId, a.update, a.id)).catch(
			(err: Error) => this.publishFailed(a.recordId, err)
		);
	}

	/** While Redis is away every keystroke fails to publish: one line per PUBLISH_ERROR_EVERY_MS, saying how many were not logged. */
	private publishFailed(recordId: string, err: Error): void {
		const now = Date.now();
		if (now - this.lastPublishError < PUBLISH_ERROR_EVERY_MS) {
			this.unloggedPublishErrors++;
			return;
		}
		const more = this.unloggedPublishErrors ? ` (and ${this.unloggedPublishErrors} more since the last such line)` : '';
		this.lastPublishError = now;
		this.unloggedPublishErrors = 0;
		this.log(`samla: could not publish an update of record ${recordId}: ${err.message}${more}`);
	}

	subscribe(listener: (a: Announcement) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	follow(recordId: string): Promise<void> {
		return this.fanout.follow(recordId);
	}

	serving(recordId: string): void {
		this.fanout.greet(recordId).catch((err: Error) => this.log(`samla: could not greet the others on record ${recordId}: ${err.message}`));
	}

	unfollow(recordId: string): void {
		this.fanout.unfollow(recordId).catch((err: Error) => this.log(`samla: could not unfollow record ${recordId}: ${err.message}`));
	}

	onCatchUp(listener: (gone?: string) => void): () => void {
		this.catchUpListeners.add(listener);
		return () => this.catchUpListeners.delete(listener);
	}

	close(): Promise<void> {
		return this.fanout.close();
	}
}
