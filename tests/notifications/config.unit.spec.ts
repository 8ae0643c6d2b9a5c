import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/lib/server/config';

describe('notification and webhook configuration', () => {
	it('sends no e-mail and allows no private webhook addresses by default', () => {
		const cfg = readConfig({});
		expect(cfg.email).toEqual({ smtpUrl: null, from: null, digestMs: 300_000 });
		expect(cfg.webhooks).toEqual({ allowPrivate: false, retryBaseMs: 30_000, maxAttempts: 8 });
	});

	it('reads SMTP, digest and webhook settings', () => {
		const cfg = readConfig({
			SMTP_URL: 'smtps://samla:pw@mail.example.org:465',
			SMTP_FROM: 'Samla <samla@example.org>',
			EMAIL_DIGEST_SECONDS: '60',
			WEBHOOK_ALLOW_PRIVATE: '1',
			WEBHOOK_RETRY_SECONDS: '5',
			WEBHOOK_MAX_ATTEMPTS: '3'
		});
		expect(cfg.email).toEqual({ smtpUrl: 'smtps://samla:pw@mail.example.org:465', from: 'Samla <samla@example.org>', digestMs: 60_000 });
		expect(cfg.webhooks).toEqual({ allowPrivate: true, retryBaseMs: 5_000, maxAttempts: 3 });
	});

	it.each([
		[{ SMTP_URL: 'smtp://mail.example.org' }, /SMTP_FROM must be set with SMTP_URL/],
		[{ SMTP_URL: 'https://mail.example.org', SMTP_FROM: 'a@b.org' }, /SMTP_URL must start with smtp:\/\/ or smtps:\/\//],
		[{ SMTP_URL: 'not a url', SMTP_FROM: 'a@b.org' }, /SMTP_URL must be a URL/],
		[{ SMTP_URL: 'smtp://mail.example.org', SMTP_FROM: 'nobody' }, /SMTP_FROM must be an address/],
		[{ EMAIL_DIGEST_SECONDS: '0' }, /EMAIL_DIGEST_SECONDS/],
		[{ WEBHOOK_ALLOW_PRIVATE: 'yes' }, /WEBHOOK_ALLOW_PRIVATE must be 1 or 0/],
		[{ WEBHOOK_MAX_ATTEMPTS: '-2' }, /WEBHOOK_MAX_ATTEMPTS/]
	])('refuses %o with a message naming the variable', (env, message) => {
		expect(() => readConfig(env)).toThrow(ConfigError);
		expect(() => readConfig(env)).toThrow(message);
	});

	it('never puts the SMTP password in the message about a bad SMTP_URL', () => {
		expect(() => readConfig({ SMTP_URL: 'smtp//user:secret-pw@host', SMTP_FROM: 'a@b.org' })).toThrow(/^(?!.*secret-pw)/s);
	});
});
