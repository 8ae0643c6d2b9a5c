/** The sync settings are read once from the environment; a bad value stops start-up naming the variable. */
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/lib/server/config';

describe('SYNC_MAX_SOCKETS_PER_USER', () => {
	it('defaults to 20 and takes a whole number of at least 1', () => {
		expect(readConfig({}).sync.maxSocketsPerUser).toBe(20);
		expect(readConfig({ SYNC_MAX_SOCKETS_PER_USER: '3' }).sync.maxSocketsPerUser).toBe(3);
	});

	it('refuses anything else, naming the variable', () => {
		for (const bad of ['0', '-2', '2.5', 'many']) {
			expect(() => readConfig({ SYNC_MAX_SOCKETS_PER_USER: bad })).toThrow(ConfigError);
			expect(() => readConfig({ SYNC_MAX_SOCKETS_PER_USER: bad })).toThrow(/SYNC_MAX_SOCKETS_PER_USER/);
		}
	});
});
