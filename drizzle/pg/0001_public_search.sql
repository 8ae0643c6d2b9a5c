-- Full-text index of the public projects: the PostgreSQL twin of SQLite's FTS5 table
-- (drizzle/0002_public_search.sql). Contentless there, so here too: only the tsvector is
-- kept, the text lives in public_projects / public_project_records. The writer (the
-- PostgreSQL side of src/lib/server/public/index-projects.ts) builds it from the registry's
-- SEARCH_FIELDS with the 'simple' configuration (many languages, no stemming, as FTS5's
-- unicode61) on text already folded (case, diacritics, ø/æ/ß), each field weighted by its
-- `search` rank: title A, owner B, partners and regions C, summary D, and ranks with
-- ts_rank. Prefix searches ("sk:*") use the same GIN index.
-- A project row removed any way (withdrawal, a cascade from its record) takes its search
-- row with it through the foreign key, as SQLite's trigger does.
CREATE TABLE "public_search" (
	"project_id" integer PRIMARY KEY NOT NULL REFERENCES "public_projects"("id") ON DELETE CASCADE,
	"document" tsvector NOT NULL
);
--> statement-breakpoint
CREATE INDEX "public_search_document_idx" ON "public_search" USING gin ("document");
