CREATE TABLE `organisation_aliases` (
	`organisation_id` integer PRIMARY KEY NOT NULL,
	`canonical_id` integer NOT NULL,
	`merged_by` text,
	`merged_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `public_organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`canonical_id`) REFERENCES `public_organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `organisation_aliases_canonical_idx` ON `organisation_aliases` (`canonical_id`);--> statement-breakpoint
CREATE TABLE `public_organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `public_organisations_key_unique` ON `public_organisations` (`key`);--> statement-breakpoint
CREATE UNIQUE INDEX `public_organisations_slug_unique` ON `public_organisations` (`slug`);--> statement-breakpoint
CREATE TABLE `public_project_organisations` (
	`project_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`project_id`, `organisation_id`, `role`),
	FOREIGN KEY (`project_id`) REFERENCES `public_projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `public_organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `public_project_organisations_org_idx` ON `public_project_organisations` (`organisation_id`,`project_id`);