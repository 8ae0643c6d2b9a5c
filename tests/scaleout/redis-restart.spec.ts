/**
 * Redis stopped under two running `samla start` processes, then started again (a private
 * redis-server on a free port; the shared one serves other tests): edits made meanwhile are
 * still stored, and once Redis is back each process catches up with the other's and hears
 * it again. The periodic comparison with the stored log is an hour away, so only the
 * catch-up on Redis's return can deliver them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { docToRecord, fieldText } from '../../src/lib/records/ydoc';
import { describeCluster } from '../helpers/cluster';
import { until, type Client } from '../sync/harness';
import { eventually, useScaleout } from './processes';
import { privateRedis, type PrivateRedis } from './private-services';

describeCluster('Redis stopped and started under two samla start processes', () => {
	const cluster = useScaleout();
	let redis: PrivateRedis;
	beforeAll(async () => {
		redis = await privateRedis();
	});
	afterAll(() => redis?.stop());

	const say = (c: Client, field: 'funder' | 'summary', words: string) => {
		const text = fieldText(c.doc, field)!;
		text.insert(text.length, words);
	};
	/** A field's text; an empty one reads as null. */
	const read = (doc: Y.Doc, field: 'funder' | 'summary') => docToRecord(doc)[field] ?? '';
	const has = (c: Client, field: 'funder' | 'summary', words: string) => read(c.doc, field).includes(words);

	it('stores the edits made while Redis is away and delivers them, and the later ones, once it is back', async () => {
		const [a, b] = await cluster.startMany(2, { REDIS_URL: redis.url, SYNC_CATCH_UP_SECONDS: '3600' });
		const { id, clients } = await cluster.coEdit('Redis borta', [a, b]);
		const [onA, onB] = clients;
		say(onA, 'funder', '[före]');
		await until(() => has(onB, 'funder', '[före]'), 10_000, 'B to hear A before the outage');

		await redis.stop();
		say(onA, 'funder', '[under A]');
		say(onB, 'summary', '[under B]');
		await eventually(
			async () => {
				const stored = await cluster.storedFold(id);
				return read(stored, 'funder').includes('[under A]') && read(stored, 'summary').includes('[under B]');
			},
			10_000,
			'the edits made without Redis to be stored'
		);

		await redis.start();
		await until(() => has(onB, 'funder', '[under A]') && has(onA, 'summary', '[under B]'), 30_000, 'each to catch up once Redis is back');
		say(onA, 'funder', '[efter]');
		await until(() => has(onB, 'funder', '[efter]'), 10_000, 'B to hear A again');
		const fold = await cluster.storedFold(id);
		expect(read(fold, 'funder')).toBe('[före][under A][efter]');
		expect(read(fold, 'summary')).toBe('[under B]');
		expect(docToRecord(onB.doc)).toEqual(docToRecord(onA.doc));
	}, 90_000);
});
