/** A suite's name is its key in bench/index.ts, which imports the suite only when it runs. */
export interface BenchSuite {
	title: string;
	/** Resolves to the Markdown body of the suite's section. */
	run(): Promise<string>;
}

export function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function table(header: string[], rows: (string | number)[][]): string {
	const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
