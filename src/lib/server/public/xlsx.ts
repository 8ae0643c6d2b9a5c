/**
 * XLSX written as a stream (exceljs's streaming WorkbookWriter): rows are read a batch at
 * a time and committed to the zip as they go, and the next batch waits while the
 * download is behind, so memory stays bounded whatever the number of rows. Cells are
 * typed: numbers are numbers, days and times are dates with a date format. Text goes
 * through the shared formula guard. The last sheet names the licence and the source.
 */
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { guardFormula } from './formula-guard';
import type { DataLicence } from './licence';

export type XlsxCell = string | number | Date | null;

export interface XlsxColumn<T> {
	header: string;
	/** `day`: a calendar day (YYYY-MM-DD) shown as a date; `time`: an instant (UTC). */
	type: 'text' | 'number' | 'day' | 'time' | 'url';
	width?: number;
	value(row: T): string | number | null;
}

export interface XlsxSheet<T> {
	name: string;
	columns: XlsxColumn<T>[];
	/** The next rows, or null when there are none: called until then, one batch per call. */
	next(): T[] | null | Promise<T[] | null>;
}

export interface XlsxAbout {
	title: string;
	licence: DataLicence;
	/** Further lines of the licence sheet: [label, value]. */
	lines: [string, string][];
}

const FORMATS: Partial<Record<XlsxColumn<unknown>['type'], string>> = { day: 'yyyy-mm-dd', time: 'yyyy-mm-dd hh:mm:ss' };

function cell<T>(column: XlsxColumn<T>, row: T): XlsxCell {
	const v = column.value(row);
	if (v === null || v === '') return null;
	switch (column.type) {
		case 'number':
			return typeof v === 'number' ? v : Number.isFinite(Number(v)) ? Number(v) : guardFormula(String(v));
		case 'day': {
			// Only a whole day becomes a date; anything else stays the text it was.
			const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(v));
			return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : guardFormula(String(v));
		}
		case 'time': {
			const d = new Date(v);
			return Number.isNaN(d.getTime()) ? guardFormula(String(v)) : d;
		}
		default:
			return guardFormula(String(v));
	}
}

export function xlsxStream<T>(sheet: XlsxSheet<T>, about: XlsxAbout): ReadableStream<Uint8Array> {
	const out = new PassThrough({ highWaterMark: 256 * 1024 });
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
	workbook.creator = 'Samla';
	workbook.title = about.title;
	workbook.description = `${about.licence.name} (${about.licence.url})`;
	void (async () => {
		try {
			const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
			ws.columns = sheet.columns.map((c, i) => ({
				key: String(i),
				header: c.header,
				width: c.width ?? 16,
				style: FORMATS[c.type] ? { numFmt: FORMATS[c.type] } : {}
			}));
			ws.getRow(1).font = { bold: true };
			for (let rows = await sheet.next(); rows; rows = await sheet.next()) {
				for (const row of rows) ws.addRow(sheet.columns.map((c) => cell(c, row))).commit();
				// The download is behind: wait, rather than let rows pile up in memory.
				if (out.writableNeedDrain) await once(out, 'drain');
				if (out.destroyed) return;
			}
			ws.commit();
			const info = workbook.addWorksheet('Licence');
			info.columns = [
				{ key: 'k', width: 24 },
				{ key: 'v', width: 80 }
			];
			for (const [k, v] of [['Licence', about.licence.name], ['Licence URL', about.licence.url], ...about.lines])
				info.addRow([k, guardFormula(v)]).commit();
			info.commit();
			await workbook.commit();
		} catch (e) {
			out.destroy(e as Error);
		}
	})();
	return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
