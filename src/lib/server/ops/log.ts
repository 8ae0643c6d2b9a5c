/**
 * Structured JSON logs (pino) on standard output, one line per event, at LOG_LEVEL.
 * Whatever may carry a secret is redacted by path, wherever a caller put it: a log line
 * never holds a password, a token or a cookie.
 */
import { pino, type Logger } from 'pino';
import { config } from '../config';

export const REDACTED_PATHS = [
	'password',
	'*.password',
	'token',
	'*.token',
	'cookie',
	'*.cookie',
	'authorization',
	'*.authorization',
	'headers.cookie',
	'headers.authorization',
	'headers["set-cookie"]',
	'*.headers.cookie',
	'*.headers.authorization',
	'*.headers["set-cookie"]'
];

const KEY = Symbol.for('samla.logger');
type WithLogger = typeof globalThis & { [KEY]?: Logger };

export function logger(): Logger {
	const g = globalThis as WithLogger;
	g[KEY] ??= pino({
		level: config().logLevel,
		base: { service: 'samla' },
		timestamp: pino.stdTimeFunctions.isoTime,
		redact: { paths: REDACTED_PATHS, censor: '[redacted]' }
	});
	return g[KEY];
}
