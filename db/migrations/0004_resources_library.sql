-- Resource library: stable keys, programme item attachment, themes, territory, recordings (duration,
-- summary, transcript), publication flag, uploaded file. The table is rebuilt (no table references
-- it) so that the new foreign key can say ON DELETE SET NULL and updated_at can default to now;
-- existing rows keep their id and get their key at the next import (derived from the title).
CREATE TABLE `__new_resources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`key` text,
	`session_id` integer,
	`programme_item_id` integer,
	`position` integer NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`authors` text DEFAULT '[]' NOT NULL,
	`year` integer,
	`url` text,
	`visibility` text DEFAULT 'public' NOT NULL,
	`references` text DEFAULT '[]' NOT NULL,
	`chapters` text DEFAULT '[]' NOT NULL,
	`themes` text DEFAULT '[]' NOT NULL,
	`territory` text,
	`duration_seconds` integer,
	`summary` text,
	`transcript` text,
	`published` integer DEFAULT true NOT NULL,
	`file_stored_name` text,
	`file_name` text,
	`file_type` text,
	`file_size` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`programme_item_id`) REFERENCES `programme_items`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_resources` (`id`, `series_id`, `session_id`, `position`, `type`, `title`, `description`, `authors`, `year`, `url`, `visibility`, `references`, `chapters`, `created_at`, `updated_at`)
SELECT `id`, `series_id`, `session_id`, `position`, `type`, `title`, `description`, `authors`, `year`, `url`, `visibility`, `references`, `chapters`, `created_at`, `created_at` FROM `resources`;
--> statement-breakpoint
DROP TABLE `resources`;--> statement-breakpoint
ALTER TABLE `__new_resources` RENAME TO `resources`;--> statement-breakpoint
CREATE INDEX `resources_series_idx` ON `resources` (`series_id`,`position`);--> statement-breakpoint
CREATE INDEX `resources_session_idx` ON `resources` (`session_id`);--> statement-breakpoint
CREATE INDEX `resources_item_idx` ON `resources` (`programme_item_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `resources_series_key_uq` ON `resources` (`series_id`,`key`);
