/** Splits a document's text into runs, each knowing which highlighted spans cover it. Pure, for the source pane. */

export interface Span {
	id: string;
	start: number;
	end: number;
}

export interface Segment {
	text: string;
	start: number;
	/** Ids of the spans covering this run; empty for plain text. */
	spanIds: string[];
}

export function segmentText(text: string, spans: readonly Span[]): Segment[] {
	const valid = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
	const cuts = new Set<number>([0, text.length]);
	for (const s of valid) {
		cuts.add(s.start);
		cuts.add(s.end);
	}
	const points = [...cuts].sort((a, b) => a - b);
	const segments: Segment[] = [];
	for (let i = 0; i < points.length - 1; i++) {
		const start = points[i];
		const end = points[i + 1];
		const spanIds = valid.filter((s) => s.start <= start && s.end >= end).map((s) => s.id);
		const last = segments.at(-1);
		if (last && !spanIds.length && !last.spanIds.length) last.text += text.slice(start, end);
		else segments.push({ text: text.slice(start, end), start, spanIds });
	}
	return segments;
}
