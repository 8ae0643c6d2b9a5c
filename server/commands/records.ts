import { parseArgs } from 'node:util';
import { listRecords } from '../../src/lib/server/records/queries';
import type { Command } from './command';
import { openConfiguredSql } from './open-db';

export const recordsCommand: Command = {
	name: 'records',
	summary: 'list records (id, title, status, document)',
	help: `Usage: samla records [--json]

Lists the records in the database (DATABASE_URL or DATABASE_PATH) with their id, title, review status and source document.`,
	async run(args) {
		const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
		const { sql, close } = await openConfiguredSql();
		try {
			const rows = (await listRecords(sql, { includeRejected: true })).map((r) => ({
				id: r.id,
				title: r.title,
				status: r.status,
				document: r.documentTitle,
				documentId: r.documentId
			}));
			if (values.json) console.log(JSON.stringify(rows, null, 2));
			else for (const r of rows) console.log(`${r.id}  ${r.status.padEnd(17)}  ${r.title}  (${r.document})`);
			return 0;
		} finally {
			await close();
		}
	}
};
