-- The change log the per-process public search index is refreshed from
-- (src/lib/server/public/search-index.ts): each insert, update or delete of a public project
-- is logged at the generation its transaction's markChanged (public/state.ts) moves
-- public_state to, the current one + 1. Writers are serialised on SQLite, so that is the
-- generation the transaction commits with. Rows 10,000 generations old are dropped here
-- too; an index that far behind loads afresh.
CREATE TABLE `public_changes` (
	`generation` integer NOT NULL,
	`project_id` integer NOT NULL,
	PRIMARY KEY(`generation`, `project_id`)
);
--> statement-breakpoint
CREATE TRIGGER `public_projects_log_insert` AFTER INSERT ON `public_projects` BEGIN
	INSERT OR IGNORE INTO `public_changes` (`generation`, `project_id`)
		VALUES (coalesce((SELECT `generation` FROM `public_state` WHERE `id` = 1), 0) + 1, new.`id`);
	DELETE FROM `public_changes` WHERE `generation` <= coalesce((SELECT `generation` FROM `public_state` WHERE `id` = 1), 0) + 1 - 10000;
END;
--> statement-breakpoint
CREATE TRIGGER `public_projects_log_update` AFTER UPDATE ON `public_projects` BEGIN
	INSERT OR IGNORE INTO `public_changes` (`generation`, `project_id`)
		VALUES (coalesce((SELECT `generation` FROM `public_state` WHERE `id` = 1), 0) + 1, new.`id`);
	DELETE FROM `public_changes` WHERE `generation` <= coalesce((SELECT `generation` FROM `public_state` WHERE `id` = 1), 0) + 1 - 10000;
END;
--> statement-breakpoint
CREATE TRIGGER `public_projects_log_delete` AFTER DELETE ON `public_projects` BEGIN
	INSERT OR IGNORE INTO `public_changes` (`generation`, `project_id`)
		VALUES (coalesce((SELECT `generation` FROM `public_state` WHERE `id` = 1), 0) + 1, old.`id`);
	DELETE FROM `public_changes` WHERE `generation` <= coalesce((SELECT `generation` FROM `public_state` WHERE `id` = 1), 0) + 1 - 10000;
END;
