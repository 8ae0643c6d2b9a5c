/**
 * One page of a set of projects in order, without sorting the set: a heap keeps the
 * projects up to the page's end, every other one costs a comparison with its top. A page
 * past the end is shown as the last page, so the last pages are as common as the first:
 * those are taken from the other end. Deep in the middle, sorting the keys is cheaper.
 *
 * Order: by key ascending, then by id ascending (`ids` ascend, so by position), as
 * `ORDER BY score, id` does; keys of the other sorts are ranks, which never tie.
 */
export function pageWindow(ids: Int32Array, keys: Float64Array, offset: number, size: number): number[] {
	const n = ids.length;
	const end = Math.min(n, offset + size);
	if (offset >= end) return [];
	const before = (a: number, b: number) => keys[a] < keys[b] || (keys[a] === keys[b] && a < b);
	let window: number[];
	if (end <= HEAP_LIMIT) window = first(n, end, before).slice(offset);
	else if (n - offset <= HEAP_LIMIT)
		window = first(n, n - offset, (a, b) => before(b, a))
			.reverse()
			.slice(0, end - offset);
	else window = middle(keys, offset, end);
	return window.map((i) => ids[i]);
}

const HEAP_LIMIT = 1000;

/** Positions offset…end-1 in order: the keys sorted natively give the page's first and last key, and only those between are ordered. */
function middle(keys: Float64Array, offset: number, end: number): number[] {
	const sorted = keys.slice().sort();
	const low = sorted[offset];
	const high = sorted[end - 1];
	let below = 0;
	const between: number[] = [];
	for (let i = 0; i < keys.length; i++) {
		if (keys[i] < low) below++;
		else if (keys[i] <= high) between.push(i);
	}
	between.sort((a, b) => keys[a] - keys[b] || a - b);
	return between.slice(offset - below, end - below);
}

/** The positions 0…n-1 of the k that come first by `precedes`, in that order. */
function first(n: number, k: number, precedes: (a: number, b: number) => boolean): number[] {
	// A heap with the latest of the kept on top: a newcomer only has to come before it.
	const heap = new Int32Array(k);
	let size = 0;
	const swap = (i: number, j: number) => {
		const t = heap[i];
		heap[i] = heap[j];
		heap[j] = t;
	};
	for (let p = 0; p < n; p++) {
		if (size < k) {
			let i = size++;
			heap[i] = p;
			while (i > 0 && precedes(heap[(i - 1) >> 1], heap[i])) {
				swap(i, (i - 1) >> 1);
				i = (i - 1) >> 1;
			}
		} else if (precedes(p, heap[0])) {
			heap[0] = p;
			for (let i = 0; ;) {
				const l = 2 * i + 1;
				let latest = i;
				if (l < size && precedes(heap[latest], heap[l])) latest = l;
				if (l + 1 < size && precedes(heap[latest], heap[l + 1])) latest = l + 1;
				if (latest === i) break;
				swap(i, latest);
				i = latest;
			}
		}
	}
	return Array.from(heap.subarray(0, size)).sort((a, b) => (precedes(a, b) ? -1 : 1));
}
