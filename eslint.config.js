/**
 * ESLint as the SvelteKit scaffold (sv) sets it up, plus the import directions of
 * docs/design.md (eslint-plugin-import-x's no-restricted-paths), which only a rule keeps
 * true as the code grows:
 * - nothing in src/lib imports server/ (the process edges);
 * - browser code (components, collab, i18n, the record model, .svelte files and universal
 *   load functions) never imports $lib/server;
 * - db/schema (and its PostgreSQL twin db/schema-pg) imports nothing above it: only the record model and drizzle.
 */
import { includeIgnoreFile } from '@eslint/compat';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import { fileURLToPath } from 'node:url';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const gitignorePath = fileURLToPath(new URL('./.gitignore', import.meta.url));

/**
 * The import directions, on resolved paths (a relative import and $lib alike), so a
 * `../server` that means src/lib/server is told from the repository's server/.
 */
const BROWSER_CODE = [
	'./src/lib/components',
	'./src/lib/collab',
	'./src/lib/i18n',
	'./src/lib/records',
	'./src/**/*.svelte',
	'./src/**/+page.ts',
	'./src/**/+layout.ts',
	'./src/hooks.client.ts'
];
const IMPORT_DIRECTIONS = [
	{ target: './src/lib', from: './server', message: 'src/lib never imports server/ (the process edges); see docs/design.md.' },
	...BROWSER_CODE.map((target) => ({
		target,
		from: './src/lib/server',
		message: 'Browser code never imports $lib/server; pass the data from a +page.server.ts load.'
	})),
	{
		target: './src/lib/server/db/schema',
		from: './src',
		except: ['./lib/records', './lib/server/db/schema'],
		message: 'db/schema imports nothing above it: only the record model ($lib/records) and drizzle.'
	},
	{
		target: './src/lib/server/db/schema-pg',
		from: './src',
		except: ['./lib/records', './lib/server/db/schema', './lib/server/db/schema-pg'],
		message: 'db/schema-pg imports nothing above it: only the record model ($lib/records), its SQLite twin and drizzle.'
	}
];

export default defineConfig(
	includeIgnoreFile(gitignorePath),
	{ ignores: ['drizzle/', 'static/', 'tests/extract/docs/', 'tests/extract/truth/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// typescript-eslint recommends this off for TypeScript: the compiler checks it better.
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
			// Samla is served at the root (no paths.base), so resolve() around every link adds nothing.
			'svelte/no-navigation-without-resolve': 'off',
			// It flags every Map/Set in a component, also the short-lived ones a getter builds and returns.
			'svelte/prefer-svelte-reactivity': 'off',
			// {' '} keeps a space that Svelte would trim at the start of an {#if} block.
			'svelte/no-useless-mustaches': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			// Type information for svelte/no-unused-props and svelte/require-store-reactive-access, the
			// only rules here that use it, from tsconfig.eslint.json rather than projectService: true.
			// TypeScript rebuilds the program for every .svelte file linted: the whole project's
			// (1,764 files with drizzle, @types/node, tests) made that ~21 s of CPU in a cold
			// `npm run lint`, this one (~210 files: the components and the browser-side $lib they
			// may import, no import followed beyond them) ~7 s. tsconfig.eslint.json says what it leaves out.
			parserOptions: {
				project: './tsconfig.eslint.json',
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		plugins: { 'import-x': importX },
		settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
		rules: { 'import-x/no-restricted-paths': ['error', { zones: IMPORT_DIRECTIONS }] }
	},
	{
		files: ['src/**/*.ts', 'server/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts'],
		ignores: ['src/lib/server/cluster/ioredis.ts'],
		rules: {
			'no-restricted-imports': 'off',
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					paths: [
						{
							name: 'ioredis',
							message:
								'Import Redis from src/lib/server/cluster/ioredis.ts: loaded bare, ioredis slows every string method in the process.',
							allowTypeImports: true
						}
					]
				}
			]
		}
	}
);
