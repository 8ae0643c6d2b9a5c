/** Where sign-in sends people back to: only paths on this site, never an open redirect. */
export const DEFAULT_AFTER_SIGN_IN = '/workspace';

const BASE = 'http://samla.invalid';

/**
 * Accepts a path such as `/workspace/records/1?field=title`. Rejects absolute and
 * protocol-relative URLs (`//evil.example`), backslashes (browsers read `/\evil` as
 * `//evil`), control characters and anything that resolves to another origin.
 */
export function safeRedirectTarget(value: string | null | undefined): string {
	if (!value || value.length > 1024 || !value.startsWith('/') || value.startsWith('//')) return DEFAULT_AFTER_SIGN_IN;
	// eslint-disable-next-line no-control-regex
	if (/[\\\u0000-\u001f\u007f]/.test(value)) return DEFAULT_AFTER_SIGN_IN;
	let url: URL;
	try {
		url = new URL(value, BASE);
	} catch {
		return DEFAULT_AFTER_SIGN_IN;
	}
	if (url.origin !== BASE || url.pathname === '/login' || url.pathname === '/logout') return DEFAULT_AFTER_SIGN_IN;
	return url.pathname + url.search + url.hash;
}

/** The sign-in page, asked to come back here. A form POST comes back to its page, not to re-post. */
export function signInPath(url: URL, method = 'GET'): string {
	const back = method === 'GET' ? url.pathname + url.search : url.pathname;
	return `/login?redirectTo=${encodeURIComponent(back)}`;
}
