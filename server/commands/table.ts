/** Plain-text tables for terminal output: each column as wide as its widest cell, in characters (not UTF-16 units). */
const width = (s: string) => [...s].length;

export function formatTable(header: string[], rows: string[][]): string {
	const all = [header, ...rows];
	const widths = header.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
	return all.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i] - width(cell)))).join('  ')).join('\n');
}
