/**
 * What one process of a PostgreSQL + Redis deployment starts on Redis, under one process
 * id: the document store's announcer (fanout-announcer.ts), ended sessions across processes
 * (session-fanout.ts) and the shared API rate limits (redis-minute-limiter.ts). The server
 * does not call it yet, as it does not run on PostgreSQL yet (docs/deploy.md): when it does,
 * it starts these before the store (which takes `announcer`), puts `apiLimits` in the app
 * context, and closes them after the store.
 */
import { randomBytes } from 'node:crypto';
import { FanoutAnnouncer, type FanoutAnnouncerOptions } from './fanout-announcer';
import { startRedisApiLimits, type RedisApiLimits } from './redis-minute-limiter';
import { startSessionFanout, type SessionEventHub, type SessionFanout } from './session-fanout';

export interface ClusterServicesOptions extends Omit<FanoutAnnouncerOptions, 'processId'> {
	processId?: string;
	/** config.apiRatePerMinute */
	apiRatePerMinute: number;
	/** For tests of two "processes" in one; the process's own session events otherwise. */
	sessionEvents?: SessionEventHub;
}

export interface ClusterServices {
	readonly processId: string;
	announcer: FanoutAnnouncer;
	sessions: SessionFanout;
	apiLimits: RedisApiLimits;
	close(): Promise<void>;
}

export async function startClusterServices({
	processId = randomBytes(8).toString('hex'),
	apiRatePerMinute,
	sessionEvents,
	...fanout
}: ClusterServicesOptions): Promise<ClusterServices> {
	const { redisUrl, prefix, log } = fanout;
	const announcer = await FanoutAnnouncer.start({ ...fanout, processId });
	const started = await Promise.allSettled([
		startSessionFanout({ redisUrl, prefix, processId, log, events: sessionEvents }),
		startRedisApiLimits({ redisUrl, prefix, processId, log, perTokenPerMinute: apiRatePerMinute })
	] as const);
	const [sessions, apiLimits] = started;
	if (sessions.status === 'rejected' || apiLimits.status === 'rejected') {
		// Whatever did start is closed again, so a failed start leaves no connection behind.
		await Promise.all([
			announcer.close(),
			sessions.status === 'fulfilled' && sessions.value.close(),
			apiLimits.status === 'fulfilled' && apiLimits.value.close()
		]);
		throw (sessions.status === 'rejected' ? sessions.reason : (apiLimits as PromiseRejectedResult).reason) as Error;
	}
	return {
		processId,
		announcer,
		sessions: sessions.value,
		apiLimits: apiLimits.value,
		async close() {
			await Promise.all([sessions.value.close(), apiLimits.value.close(), announcer.close()]);
		}
	};
}
