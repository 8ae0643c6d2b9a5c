-- yjs_updates without AUTOINCREMENT: ids come from the rowid (largest + 1), so a commit no
-- longer writes sqlite_sequence, one WAL page fewer per live edit. An id can now be given
-- again once the table's newest row is deleted; nothing compares ids across that (see
-- docs/database.md, "yjs_updates ids"). SQLite cannot drop AUTOINCREMENT in place: the table
-- is rebuilt with every row and id. No PRAGMA foreign_keys here: the migrator runs in a
-- transaction, where it does nothing, and no table references this one.
CREATE TABLE `__new_yjs_updates` (
	`id` integer PRIMARY KEY NOT NULL,
	`record_id` text NOT NULL,
	`data` blob NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`record_id`) REFERENCES `records`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_yjs_updates`("id", "record_id", "data", "created_at") SELECT "id", "record_id", "data", "created_at" FROM `yjs_updates`;--> statement-breakpoint
DROP TABLE `yjs_updates`;--> statement-breakpoint
ALTER TABLE `__new_yjs_updates` RENAME TO `yjs_updates`;--> statement-breakpoint
CREATE INDEX `yjs_updates_record_idx` ON `yjs_updates` (`record_id`,`id`);
