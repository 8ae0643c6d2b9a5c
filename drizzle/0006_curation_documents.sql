CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `document_files` (
	`document_id` text PRIMARY KEY NOT NULL,
	`data` blob NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `field_suggestions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_id` text NOT NULL,
	`field` text NOT NULL,
	`value` text NOT NULL,
	`document_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`snippet` text NOT NULL,
	`rule` text NOT NULL,
	`confidence` real NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by_id` text,
	FOREIGN KEY (`record_id`) REFERENCES `records`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `field_suggestions_record_idx` ON `field_suggestions` (`record_id`);--> statement-breakpoint
ALTER TABLE `documents` ADD `format` text DEFAULT 'text' NOT NULL;--> statement-breakpoint
ALTER TABLE `documents` ADD `media_type` text DEFAULT 'text/plain' NOT NULL;--> statement-breakpoint
ALTER TABLE `documents` ADD `file_hash` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `byte_size` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `documents` ADD `uploaded_by_id` text REFERENCES users(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `documents` ADD `no_project_at` integer;--> statement-breakpoint
ALTER TABLE `documents` ADD `no_project_by_id` text REFERENCES users(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `documents` ADD `extracted_at` integer;--> statement-breakpoint
CREATE INDEX `documents_file_hash_idx` ON `documents` (`file_hash`);--> statement-breakpoint
CREATE INDEX `documents_ingested_idx` ON `documents` (`ingested_at`);--> statement-breakpoint
ALTER TABLE `field_provenance` ADD `set_by_id` text;--> statement-breakpoint
ALTER TABLE `field_provenance` ADD `set_by_name` text;--> statement-breakpoint
ALTER TABLE `field_provenance` ADD `set_at` integer;--> statement-breakpoint
ALTER TABLE `field_provenance` ADD `merged_from_id` text;--> statement-breakpoint
ALTER TABLE `records` ADD `merged_into_id` text;--> statement-breakpoint
ALTER TABLE `records` ADD `merged_at` integer;--> statement-breakpoint
ALTER TABLE `records` ADD `created_by_id` text;--> statement-breakpoint
ALTER TABLE `records` ADD `not_found_at` integer;