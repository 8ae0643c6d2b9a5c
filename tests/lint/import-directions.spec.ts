/** The lint rule for the import directions of docs/design.md fires on a bad import and only there. */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

/** The import-direction messages ESLint gives a file at `path` holding `code` (the file need not exist). */
async function directionErrors(path: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath: `${ROOT}${path}` });
	return result.messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message);
}

describe('import directions', () => {
	it('refuses server/ (the process edges) anywhere in src/lib, also through a relative path that climbs out', async () => {
		const errors = await directionErrors(
			'src/lib/server/docs/probe.ts',
			"import { BUILD_DIR } from '../../../../server/paths';\nexport const x = BUILD_DIR;\n"
		);
		expect(errors).toEqual([expect.stringMatching(/src\/lib never imports server\//)]);
	});

	it('refuses $lib/server in browser code, by alias or by relative path', async () => {
		const alias = await directionErrors('src/lib/components/probe.ts', "import { db } from '$lib/server/context';\nexport const x = db;\n");
		const relative = await directionErrors(
			'src/lib/records/probe.ts',
			"import { ROLES } from '../server/auth/roles';\nexport const x = ROLES;\n"
		);
		expect(alias).toEqual([expect.stringMatching(/Browser code never imports \$lib\/server/)]);
		expect(relative).toEqual([expect.stringMatching(/Browser code never imports \$lib\/server/)]);
	});

	it('lets db/schema import the record model and its siblings, and nothing else above it', async () => {
		const up = await directionErrors(
			'src/lib/server/db/schema/probe.ts',
			"import { audit } from '../../audit';\nexport const x = audit;\n"
		);
		expect(up).toEqual([expect.stringMatching(/db\/schema imports nothing above it/)]);
		const allowed = await directionErrors(
			'src/lib/server/db/schema/probe.ts',
			"import type { ProjectRecord } from '../../../records/fields';\nimport { records } from './records';\nexport type X = ProjectRecord;\nexport const y = records;\n"
		);
		expect(allowed).toEqual([]);
	});

	it('covers every schema file, also the ones whose shapes once lived in auth/ and public/', async () => {
		for (const [file, from] of [
			['auth.ts', '../../auth/rate-limit'],
			['public.ts', '../../public/projects']
		]) {
			const errors = await directionErrors(`src/lib/server/db/schema/${file}`, `import * as up from '${from}';\nexport const x = up;\n`);
			expect(errors, file).toEqual([expect.stringMatching(/db\/schema imports nothing above it/)]);
		}
	});

	it('leaves the server side free to use $lib/server and the record model', async () => {
		const errors = await directionErrors(
			'src/routes/probe/+page.server.ts',
			"import { db } from '$lib/server/context';\nimport { FIELDS } from '$lib/records/fields';\nexport const x = [db, FIELDS];\n"
		);
		expect(errors).toEqual([]);
	});
});
