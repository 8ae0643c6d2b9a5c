import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { readConfig } from '../../src/lib/server/config';
import { ingestFiles } from '../ingest-files';
import type { Command } from './command';
import { openConfiguredSql } from './open-db';
import { subscribeWebhooks } from '../../src/lib/server/webhooks/subscribe';

function progressBar(done: number, total: number, path: string): void {
	const width = 30;
	const filled = total ? Math.round((done / total) * width) : width;
	const name = path ? relative(process.cwd(), path).slice(-40) : '';
	process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} ${name}\x1b[K`);
	if (done === total) process.stderr.write('\n');
}

export const ingestCommand: Command = {
	name: 'ingest',
	summary: 'store documents (.txt, .md, .html, .pdf, .docx; files or folders) and create draft records',
	help: `Usage: samla ingest <file or folder>...

Stores each document once (the same content twice is stored once), extracts project
records with the source of every value, and creates draft records. Folders are read
recursively for .txt, .md, .html, .pdf and .docx files; the type is read from each
file's content. A file that cannot be read (empty, binary, over SAMLA_MAX_DOCUMENT_BYTES,
an encrypted or scanned PDF, a damaged or oversized DOCX) is reported by name with the
reason and skipped; the others go on; the exit code is 1 if any file failed.

Writes to PostgreSQL with DATABASE_URL, else to DATABASE_PATH (default data/samla.db).`,
	async run(args) {
		const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
		if (!positionals.length) {
			console.error('samla ingest: name at least one file or folder');
			return 2;
		}
		const { sql, close } = await openConfiguredSql();
		// Webhooks hear of CLI ingests too: the deliveries are queued in the database, and the
		// running server's worker (which polls the queue) sends them.
		const stopWebhooks = subscribeWebhooks(sql, () => {});
		try {
			const summary = await ingestFiles(sql, readConfig(), positionals, process.stderr.isTTY ? progressBar : undefined);
			for (const o of summary.outcomes) {
				const where = relative(process.cwd(), o.path) || o.path;
				if (o.status === 'failed') console.error(`failed    ${o.message}`);
				else if (o.status === 'duplicate') console.log(`skipped   ${where}: ${o.message}`);
				else console.log(`new       ${where}: ${o.records} record${o.records === 1 ? '' : 's'}`);
				for (const w of o.warnings) console.log(`          warning: ${w}`);
			}
			console.log(
				`Documents: ${summary.newDocuments} new, ${summary.skippedDocuments} skipped (already stored), ` +
					`${summary.failedDocuments} failed. Records created: ${summary.recordsCreated}.`
			);
			return summary.failedDocuments ? 1 : 0;
		} finally {
			// Listeners run on the turn after an event: let the last ones queue their rows.
			await new Promise((resolve) => setImmediate(resolve));
			await stopWebhooks();
			await close();
		}
	}
};
