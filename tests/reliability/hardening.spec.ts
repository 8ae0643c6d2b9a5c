/**
 * Hardening checks on the production server: the request body limit (adapter-node's
 * BODY_SIZE_LIMIT, 512 KiB by default), the security headers and CSP on pages, and the
 * SQLite pragmas the app relies on (RELIABILITY.md explains each). The server's checks run on
 * SQLite and on PostgreSQL + Redis; the pragmas are SQLite's alone.
 */
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import { describeServerEachDialect, type DialectServer } from '../helpers/dialect-server';
import { itOn } from '../helpers/dialects';
import { startTestServer } from '../helpers/server';
import { tempDatabase } from '../helpers/db';

/** A raw POST, so the body can be streamed without a Content-Length (chunked). */
function post(path: string, body: Buffer, opts: { chunked?: boolean; base: string }): Promise<{ status: number; text: string }> {
	const url = new URL(path, opts.base);
	const origin = url.origin;
	return new Promise((resolve, reject) => {
		const req = request(
			url,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					origin,
					...(opts.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) })
				}
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c) => (text += c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
			}
		);
		// The server may answer and close before the whole body is sent.
		req.on('error', (err) =>
			(err as NodeJS.ErrnoException).code === 'EPIPE' || (err as NodeJS.ErrnoException).code === 'ECONNRESET'
				? resolve({ status: -1, text: String(err) })
				: reject(err)
		);
		if (opts.chunked) {
			for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
			req.end();
		} else req.end(body);
	});
}

const form = (bytes: number) => Buffer.from(`email=a%40example.org&password=${'x'.repeat(bytes)}`);

describeServerEachDialect('the production server', {}, (app: () => DialectServer, dialect) => {
	describe('request body limit', () => {
		const base = () => app().server.url;
		// The sign-in form reads its body with request.formData(); adapter-node cuts the body
		// off at BODY_SIZE_LIMIT, so a larger one cannot be read at all, while a smaller one
		// is read and then refused by the form's own 1 KB field limit. (An endpoint that does
		// not catch the error answers 413 Payload Too Large.)
		const cut = /could not be read/;
		const read = /too long \(at most 1024 bytes\)/;

		it('cuts off a body over 512 KiB, declared or streamed, and reads one under it', async () => {
			const declared = await post('/login', form(600 * 1024), { base: base() });
			expect(declared.text).toMatch(cut);
			const streamed = await post('/login', form(600 * 1024), { chunked: true, base: base() });
			if (streamed.status !== -1) expect(streamed.text).toMatch(cut);
			const small = await post('/login', form(500 * 1024), { base: base() });
			expect(small.text).toMatch(read);
		});

		it('follows BODY_SIZE_LIMIT when it is set', async () => {
			// One process serves a SQLite file: the second server gets a file of its own; on PostgreSQL it is a second process on the suite's database.
			const roomy = await startTestServer({ env: { ...(dialect === 'pg' ? app().env : {}), BODY_SIZE_LIMIT: '1M' } });
			try {
				expect((await post('/login', form(600 * 1024), { base: roomy.url })).text).toMatch(read);
				expect((await post('/login', form(1100 * 1024), { base: roomy.url })).text).toMatch(cut);
			} finally {
				await roomy.dispose();
			}
		});
	});

	describe('security headers', () => {
		it('sends the CSP and the headers hooks.server.ts adds on every page', async () => {
			const res = await fetch(new URL('/login', app().server.url));
			expect(res.status).toBe(200);
			const csp = res.headers.get('content-security-policy') ?? '';
			expect(csp).toContain("default-src 'self'");
			expect(csp).toContain("frame-ancestors 'none'");
			expect(csp).toContain("object-src 'none'");
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			expect(res.headers.get('x-frame-options')).toBe('DENY');
			expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		});
	});

	itOn(dialect, 'sqlite')('leaves the SQLite database in WAL mode, and a second connection (CLI, backup) works beside the server', () => {
		// Bytes 18 and 19 of the header are 2 for a WAL database.
		const header = readFileSync(app().server.databasePath).subarray(0, 20);
		expect([header[18], header[19]]).toEqual([2, 2]);
		const db = openDatabase(app().server.databasePath);
		try {
			expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
			expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
		} finally {
			db.$client.close();
		}
	});
});

describe('SQLite pragmas', () => {
	it('are in effect on every connection openDatabase makes', () => {
		const t = tempDatabase();
		try {
			const p = (name: string) => t.db.$client.pragma(name, { simple: true });
			expect(p('journal_mode')).toBe('wal');
			expect(p('synchronous')).toBe(1); // NORMAL
			expect(p('busy_timeout')).toBe(5000);
			expect(p('foreign_keys')).toBe(1);
		} finally {
			t.cleanup();
		}
	});
});
