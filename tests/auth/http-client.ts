/**
 * A cookie-keeping HTTP client for the real server: redirects are not followed (tests
 * look at them), and form POSTs carry the Origin header SvelteKit's CSRF check wants.
 */
/**
 * adapter-node takes a request to be https unless ORIGIN or PROTOCOL_HEADER says
 * otherwise, and SvelteKit's CSRF check then refuses a form posted from the http page.
 * Test servers listen on port 0, so ORIGIN cannot be known in advance: they run as if
 * behind a proxy that names the protocol, and every request names plain http.
 */
export const PLAIN_HTTP_ENV = { PROTOCOL_HEADER: 'x-forwarded-proto' };
export const PLAIN_HTTP_HEADERS = { 'x-forwarded-proto': 'http' };

export interface Cookie {
	value: string;
	attributes: string[];
}

export class Client {
	readonly cookies = new Map<string, Cookie>();
	/** The raw Set-Cookie lines of the last response. */
	lastSetCookie: string[] = [];

	readonly headers: Record<string, string>;

	/** Asks for HTML as a browser does; SvelteKit answers a form POST that accepts anything with JSON. */
	constructor(
		readonly base: string,
		headers: Record<string, string> = {}
	) {
		this.headers = { accept: 'text/html', ...PLAIN_HTTP_HEADERS, ...headers };
	}

	private cookieHeader(): Record<string, string> {
		const pairs = [...this.cookies].map(([name, c]) => `${name}=${c.value}`);
		return pairs.length ? { cookie: pairs.join('; ') } : {};
	}

	private remember(res: Response): Response {
		this.lastSetCookie = res.headers.getSetCookie();
		for (const line of this.lastSetCookie) {
			const [pair, ...attributes] = line.split(';').map((s) => s.trim());
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq);
			const value = pair.slice(eq + 1);
			const expired = attributes.some((a) => /^max-age=0$/i.test(a)) || value === '';
			if (expired) this.cookies.delete(name);
			else this.cookies.set(name, { value, attributes });
		}
		return res;
	}

	async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
		return this.remember(
			await fetch(new URL(path, this.base), { redirect: 'manual', headers: { ...this.headers, ...this.cookieHeader(), ...headers } })
		);
	}

	/** A form POST as a browser without JavaScript sends it. */
	async post(path: string, fields: Record<string, string> | string, headers: Record<string, string> = {}): Promise<Response> {
		return this.remember(
			await fetch(new URL(path, this.base), {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin: new URL(this.base).origin,
					'content-type': 'application/x-www-form-urlencoded',
					...this.headers,
					...this.cookieHeader(),
					...headers
				},
				body: typeof fields === 'string' ? fields : new URLSearchParams(fields).toString()
			})
		);
	}

	signIn(email: string, password: string, redirectTo = ''): Promise<Response> {
		return this.post('/login', { email, password, redirectTo });
	}
}
