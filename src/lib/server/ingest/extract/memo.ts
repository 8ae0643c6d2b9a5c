/**
 * A pure function of one string, answered from a cache. Documents ask the same small
 * questions again and again (is this a place, which field does this label name, the
 * comparison key of this name) and so do the documents of one source; the cache is
 * emptied when it grows past its limit, so a long ingest never holds more than that.
 */
export function memoized<T>(fn: (s: string) => T, limit = 20_000): (s: string) => T {
	const cache = new Map<string, T>();
	return (s: string) => {
		const hit = cache.get(s);
		if (hit !== undefined) return hit;
		const value = fn(s);
		if (cache.size >= limit) cache.clear();
		cache.set(s, value);
		return value;
	};
}
