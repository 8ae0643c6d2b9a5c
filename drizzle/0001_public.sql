CREATE TABLE `public_project_regions` (
	`project_id` integer NOT NULL,
	`region` text NOT NULL,
	PRIMARY KEY(`project_id`, `region`),
	FOREIGN KEY (`project_id`) REFERENCES `public_projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `public_project_regions_region_idx` ON `public_project_regions` (`region`,`project_id`);--> statement-breakpoint
CREATE TABLE `public_projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_id` text NOT NULL,
	`version` integer NOT NULL,
	`approved_at` integer NOT NULL,
	`title` text NOT NULL,
	`sort_title` text NOT NULL,
	`owner` text,
	`funder` text,
	`programme` text,
	`country` text,
	`start_date` text,
	`start_year` integer,
	`amount_value` real,
	`amount_currency` text,
	`amount_eur` real,
	`record` text NOT NULL,
	`sources` text NOT NULL,
	FOREIGN KEY (`record_id`) REFERENCES `records`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `public_projects_record_id_unique` ON `public_projects` (`record_id`);--> statement-breakpoint
CREATE INDEX `public_projects_sort_title_idx` ON `public_projects` (`sort_title`);--> statement-breakpoint
CREATE INDEX `public_projects_amount_eur_idx` ON `public_projects` (`amount_eur`);--> statement-breakpoint
CREATE INDEX `public_projects_start_date_idx` ON `public_projects` (`start_date`);--> statement-breakpoint
CREATE INDEX `public_projects_country_idx` ON `public_projects` (`country`);--> statement-breakpoint
CREATE INDEX `public_projects_funder_idx` ON `public_projects` (`funder`);--> statement-breakpoint
CREATE INDEX `public_projects_programme_idx` ON `public_projects` (`programme`);--> statement-breakpoint
CREATE INDEX `public_projects_start_year_idx` ON `public_projects` (`start_year`);--> statement-breakpoint
CREATE TABLE `public_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`generation` integer NOT NULL,
	`changed_at` integer NOT NULL
);
