CREATE TABLE `series_reminders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`key` text NOT NULL,
	`position` integer NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`timing` text NOT NULL,
	`days` integer,
	`at` text,
	`minutes` integer,
	`message` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `series_reminders_key_uq` ON `series_reminders` (`series_id`,`key`);--> statement-breakpoint
CREATE INDEX `series_reminders_series_idx` ON `series_reminders` (`series_id`,`position`);