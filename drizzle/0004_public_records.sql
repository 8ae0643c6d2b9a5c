CREATE TABLE `public_project_records` (
	`project_id` integer PRIMARY KEY NOT NULL,
	`record` text NOT NULL,
	`sources` text NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `public_projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Rows published before the split keep their record and sources.
INSERT INTO `public_project_records` (`project_id`, `record`, `sources`) SELECT `id`, `record`, `sources` FROM `public_projects`;
--> statement-breakpoint
ALTER TABLE `public_projects` DROP COLUMN `title`;--> statement-breakpoint
ALTER TABLE `public_projects` DROP COLUMN `owner`;--> statement-breakpoint
ALTER TABLE `public_projects` DROP COLUMN `record`;--> statement-breakpoint
ALTER TABLE `public_projects` DROP COLUMN `sources`;