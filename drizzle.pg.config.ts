import { defineConfig } from 'drizzle-kit';

/** The PostgreSQL twin of drizzle.config.ts: `npm run db:generate:pg` writes drizzle/pg/. */
export default defineConfig({
	dialect: 'postgresql',
	schema: './src/lib/server/db/schema-pg/*.ts',
	out: './drizzle/pg'
});
