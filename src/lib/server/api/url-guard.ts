/**
 * U+0000 in a request's path or query: no page or link makes one, and PostgreSQL's text cannot
 * hold it, so an id, slug or search term with it would fail its query (a 500) in PostgreSQL mode
 * where SQLite mode answers 404. Refused here with a 400, on both dialects alike, before any
 * route reads it.
 */
import { json, text, type Handle } from '@sveltejs/kit';

function holdsNul(url: URL): boolean {
	if (/%00/i.test(url.pathname)) return true;
	for (const [key, value] of url.searchParams) if (key.includes('\0') || value.includes('\0')) return true;
	return false;
}

export const handleNulInUrl: Handle = ({ event, resolve }) => {
	if (!holdsNul(event.url)) return resolve(event);
	const message = 'The address must not contain the character U+0000.';
	return event.url.pathname.startsWith('/api/') ? json({ error: message }, { status: 400 }) : text(message, { status: 400 });
};
