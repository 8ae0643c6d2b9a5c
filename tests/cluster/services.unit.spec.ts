/** The cluster suites run with both service variables, skip with neither, and refuse one alone. */
import { describe, expect, it } from 'vitest';
import { clusterServices } from '../helpers/cluster';

describe('SAMLA_TEST_DATABASE_URL and SAMLA_TEST_REDIS_URL', () => {
	it('select the cluster runs together, and none without them', () => {
		expect(clusterServices({})).toBeNull();
		expect(clusterServices({ SAMLA_TEST_DATABASE_URL: 'postgres://h/postgres', SAMLA_TEST_REDIS_URL: 'redis://h' })).toEqual({
			databaseUrl: 'postgres://h/postgres',
			redisUrl: 'redis://h'
		});
	});

	it('refuse one without the other rather than skip quietly', () => {
		expect(() => clusterServices({ SAMLA_TEST_DATABASE_URL: 'postgres://h/postgres' })).toThrow(/together/);
		expect(() => clusterServices({ SAMLA_TEST_REDIS_URL: 'redis://h' })).toThrow(/together/);
	});
});
