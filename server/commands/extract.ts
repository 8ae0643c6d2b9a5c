import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { extractDocument } from '../../src/lib/server/ingest/extract';
import { readConfig } from '../../src/lib/server/config';
import { formatMoney } from '../../src/lib/i18n/format';
import { listInputFiles, readDocumentFile } from '../ingest-files';
import type { Command } from './command';

export const extractCommand: Command = {
	name: 'extract',
	summary: 'print the records the extractor reads from files, writing nothing',
	help: `Usage: samla extract [--json] <file>...

Runs the extractor and prints, for each document, its records with every field and the
provenance of each value. With --json the output is the format of the evaluation
README: [{"document", "language", "records": [{...fields, "provenance": [...]}]}].
Nothing is written to the database.`,
	async run(args) {
		const { values, positionals } = parseArgs({
			args,
			allowPositionals: true,
			options: { json: { type: 'boolean', default: false } }
		});
		const { files, missing } = listInputFiles(positionals);
		if (!files.length && !missing.length) {
			console.error('samla extract: name at least one file');
			return 2;
		}
		let failed = missing.length;
		for (const m of missing) console.error(`samla extract: ${m}: no such file or folder`);
		const out = [];
		for (const path of files) {
			try {
				const x = extractDocument(await readDocumentFile(path, readConfig().maxDocumentBytes));
				out.push({
					document: basename(path),
					language: x.language,
					title: x.title,
					warnings: x.warnings,
					records: x.records.map((r) => ({ ...r.record, provenance: r.provenance }))
				});
			} catch (err) {
				failed++;
				console.error(`samla extract: ${(err as Error).message}`);
			}
		}
		if (values.json) {
			console.log(JSON.stringify(out, null, 2));
		} else {
			for (const d of out) {
				console.log(`${d.document} (${d.language}): ${d.records.length} record(s)`);
				for (const r of d.records) {
					const amount = r.amount ? formatMoney(r.amount, 'en') : '-';
					console.log(`  ${r.title}  owner: ${r.owner ?? '-'}  amount: ${amount}`);
				}
				for (const w of d.warnings) console.log(`  warning: ${w}`);
			}
		}
		return failed ? 1 : 0;
	}
};
