import { parseArgs } from 'node:util';
import { readConfig } from '../../src/lib/server/config';
import { reextractDocument } from '../../src/lib/server/documents/reextract';
import { runningServerPid } from '../backup';
import type { Command } from './command';
import { openConfiguredStore } from './open-store';

export const reextractCommand: Command = {
	name: 'reextract',
	summary: 'run the current extractor again over stored documents, keeping every edit people made',
	help: `Usage: samla reextract --all | <document id>...

Reads each document's stored text with the current extractor. Fields nobody has changed
take the new values (with their new source spans); a field a person changed keeps their
value and the new one is offered beside it on the record page; records found now and not
before are added as drafts; records not found any more are flagged, never deleted.

On SQLite it refuses while a server is using the database (its open records would not
see the new values): use "Re-extract" on the document's page then, or stop the server
first. On PostgreSQL it joins the running servers through Redis, so their open records
take the new values as they are written.`,
	async run(args) {
		const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { all: { type: 'boolean', default: false } } });
		if (values.all === positionals.length > 0) {
			console.error('samla reextract: give --all or document ids, not both and not neither');
			return 2;
		}
		const cfg = readConfig();
		const pid = cfg.database.kind === 'sqlite' ? runningServerPid(cfg.database.path) : null;
		if (pid !== null) {
			console.error(
				`samla reextract: a Samla server (pid ${pid}) is using ${cfg.databasePath}; use "Re-extract" on the document page, or stop the server first`
			);
			return 1;
		}
		const { sql, docs, close } = await openConfiguredStore('samla reextract');
		let failed = 0;
		try {
			const { documents } = sql.t;
			const ids = values.all
				? (await sql.db.select({ id: documents.id }).from(documents).orderBy(documents.ingestedAt, documents.id)).map((d) => d.id)
				: positionals;
			for (const id of ids) {
				const report = await reextractDocument({ sql, docs }, id, null);
				if (!report) {
					console.error(`samla reextract: no document with id ${id}`);
					failed++;
					continue;
				}
				console.log(
					`${id}: ${report.updated.length} record(s) updated, ${report.suggested} value(s) offered beside a person's, ` +
						`${report.added.length} new draft(s), ${report.notFound.length} not found any more (flagged)`
				);
			}
			return failed ? 1 : 0;
		} finally {
			await close();
		}
	}
};
