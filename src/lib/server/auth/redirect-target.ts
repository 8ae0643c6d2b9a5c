/** Where sign-in sends people back to: only paths on this site, never an open redirect. */
export const DEFAULT_AFTER_SIGN_IN = '/workspace';

const BASE = 'http://samla.invalid';

/**
 * Accepts a path such as `/workspace/records/1?field=title`. Rejects absolute and
 * protocol-relative URLs (`//evil.example`), backslashes (browsers read `/\evil` as
 * `//evil`), control characters and anything that resolves to another origin. The
 * check is made on the normalised path that is sent back, not only on the input:
 * `/.//evil` normalises to `//evil`, which a browser reads as another host.
 */
export function safeRedirectTarget(value: string | null | undefined): string {
	if (!value || value.length > 1024 || !isPlainPath(value)) return DEFAULT_AFTER_SIGN_IN;
	let url: URL;
	try {
		url = new URL(value, BASE);
	} catch {
		return DEFAULT_AFTER_SIGN_IN;
	}
	if (url.origin !== BASE || url.pathname === '/login' || url.pathname === '/logout') return DEFAULT_AFTER_SIGN_IN;
	const target = url.pathname + url.search + url.hash;
	// The answer must itself be a plain path that resolves here from any page it is followed on.
	if (!isPlainPath(target) || new URL(target, `${BASE}/a/b`).origin !== BASE) return DEFAULT_AFTER_SIGN_IN;
	return target;
}

/** One leading slash, no second slash or backslash after it, no backslash or control character anywhere. */
function isPlainPath(value: string): boolean {
	// eslint-disable-next-line no-control-regex
	return value.startsWith('/') && !/^\/[/\\]/.test(value) && !/[\\\u0000-\u001f\u007f]/.test(value);
}

/** The sign-in page, asked to come back here. A form POST comes back to its page, not to re-post. */
export function signInPath(url: URL, method = 'GET'): string {
	const back = method === 'GET' ? url.pathname + url.search : url.pathname;
	return `/login?redirectTo=${encodeURIComponent(back)}`;
}
