import { fileURLToPath } from 'node:url';

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));

export const ROOT_DIR = root('');
export const BUILD_DIR = root('build');
export const MIGRATIONS_DIR = root('drizzle');
export const PG_MIGRATIONS_DIR = root('drizzle/pg');
