-- The change log the per-process public search index is refreshed from
-- (src/lib/server/public/search-index.ts): each insert, update or delete of a public project
-- is logged at the generation its transaction's markChanged (public/state.ts) moves
-- public_state to, the current one + 1. The trigger reads that generation FOR UPDATE, so a
-- second publishing transaction waits here until the first commits and logs the next one:
-- generations are logged in commit order, and an index that has seen generation G has
-- seen every change logged at G or below. Rows 10,000 generations old are dropped here
-- too; an index that far behind loads afresh. The row public_state needs for that lock
-- exists from the start (generation 0, as a missing row read before).
CREATE TABLE "public_changes" (
	"generation" bigint NOT NULL,
	"project_id" integer NOT NULL,
	CONSTRAINT "public_changes_generation_project_id_pk" PRIMARY KEY("generation","project_id")
);
--> statement-breakpoint
INSERT INTO "public_state" ("id", "generation", "changed_at") VALUES (1, 0, to_timestamp(0)) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION "public_projects_log"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	next bigint;
BEGIN
	SELECT "generation" + 1 INTO next FROM "public_state" WHERE "id" = 1 FOR UPDATE;
	INSERT INTO "public_changes" ("generation", "project_id")
		VALUES (next, CASE WHEN TG_OP = 'DELETE' THEN OLD."id" ELSE NEW."id" END) ON CONFLICT DO NOTHING;
	DELETE FROM "public_changes" WHERE "generation" <= next - 10000;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "public_projects_log" AFTER INSERT OR UPDATE OR DELETE ON "public_projects"
	FOR EACH ROW EXECUTE FUNCTION "public_projects_log"();
