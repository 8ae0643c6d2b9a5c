/**
 * What one process of a PostgreSQL + Redis deployment starts on Redis, under one process
 * id: the document store's announcer (fanout-announcer.ts), ended sessions across processes
 * (session-fanout.ts), the live feed and bell across processes (live-fanout.ts) and the
 * shared API rate limits (redis-minute-limiter.ts). app-services.ts starts them before the
 * store (which takes `announcer`), puts `apiLimits` in the app context, and closes them after
 * the store.
 */
import { randomBytes } from 'node:crypto';
import { FanoutAnnouncer, type FanoutAnnouncerOptions } from './fanout-announcer';
import { startLiveFanout, type LiveFanout, type LiveHub } from './live-fanout';
import { startRedisApiLimits, type RedisApiLimits } from './redis-minute-limiter';
import { startSessionFanout, type SessionEventHub, type SessionFanout } from './session-fanout';

export interface ClusterServicesOptions extends Omit<FanoutAnnouncerOptions, 'processId'> {
	processId?: string;
	/** config.apiRatePerMinute */
	apiRatePerMinute: number;
	/** For tests of two "processes" in one; the process's own session events otherwise. */
	sessionEvents?: SessionEventHub;
	/** As sessionEvents, for the live feed and the bell. */
	liveHub?: LiveHub;
}

export interface ClusterServices {
	readonly processId: string;
	announcer: FanoutAnnouncer;
	sessions: SessionFanout;
	apiLimits: RedisApiLimits;
	live: LiveFanout;
	close(): Promise<void>;
}

export async function startClusterServices({
	processId = randomBytes(8).toString('hex'),
	apiRatePerMinute,
	sessionEvents,
	liveHub,
	...fanout
}: ClusterServicesOptions): Promise<ClusterServices> {
	const { redisUrl, prefix, log } = fanout;
	const announcer = await FanoutAnnouncer.start({ ...fanout, processId });
	const started = await Promise.allSettled([
		startSessionFanout({ redisUrl, prefix, processId, log, events: sessionEvents }),
		startRedisApiLimits({ redisUrl, prefix, processId, log, perTokenPerMinute: apiRatePerMinute }),
		startLiveFanout({ redisUrl, prefix, processId, log, hub: liveHub })
	] as const);
	const [sessions, apiLimits, live] = started;
	if (sessions.status === 'rejected' || apiLimits.status === 'rejected' || live.status === 'rejected') {
		// Whatever did start is closed again, so a failed start leaves no connection behind.
		await Promise.all([announcer.close(), ...started.map((s) => s.status === 'fulfilled' && s.value.close())]);
		throw started.map((s) => s.status === 'rejected' && (s.reason as Error)).find(Boolean) as Error;
	}
	return {
		processId,
		announcer,
		sessions: sessions.value,
		apiLimits: apiLimits.value,
		live: live.value,
		async close() {
			await Promise.all([sessions.value.close(), apiLimits.value.close(), live.value.close(), announcer.close()]);
		}
	};
}
