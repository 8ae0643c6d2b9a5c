CREATE TABLE `public_project_facet_values` (
	`project_id` integer NOT NULL,
	`facet` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`project_id`, `facet`, `value`),
	FOREIGN KEY (`project_id`) REFERENCES `public_projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `public_project_facet_values_value_idx` ON `public_project_facet_values` (`facet`,`value`,`project_id`);--> statement-breakpoint
ALTER TABLE `public_projects` ADD `amount_band` text;--> statement-breakpoint
CREATE INDEX `public_projects_amount_band_idx` ON `public_projects` (`amount_band`);--> statement-breakpoint
-- The facets come from the field registry now: the regions move to the list facets' rows,
-- and the money facet keeps its euro band in a column (bands of kinds.ts / amount-bands.ts).
INSERT INTO `public_project_facet_values` (`project_id`, `facet`, `value`) SELECT `project_id`, 'regions', `region` FROM `public_project_regions`;--> statement-breakpoint
DROP TABLE `public_project_regions`;--> statement-breakpoint
UPDATE `public_projects` SET `amount_band` = CASE
	WHEN `amount_eur` IS NULL OR `amount_eur` < 0 THEN NULL
	WHEN `amount_eur` < 100000 THEN 'lt100k'
	WHEN `amount_eur` < 500000 THEN '100k-500k'
	WHEN `amount_eur` < 1000000 THEN '500k-1m'
	WHEN `amount_eur` < 5000000 THEN '1m-5m'
	ELSE 'gte5m' END;
