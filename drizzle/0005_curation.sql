ALTER TABLE `field_provenance` ADD `set_by_id` text;--> statement-breakpoint
ALTER TABLE `field_provenance` ADD `set_by_name` text;--> statement-breakpoint
ALTER TABLE `field_provenance` ADD `set_at` integer;--> statement-breakpoint
ALTER TABLE `field_provenance` ADD `merged_from_id` text;--> statement-breakpoint
ALTER TABLE `records` ADD `merged_into_id` text;--> statement-breakpoint
ALTER TABLE `records` ADD `merged_at` integer;