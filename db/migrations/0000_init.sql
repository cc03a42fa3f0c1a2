CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`short_name` text,
	`address` text,
	`phone` text,
	`email` text,
	`website` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_key_unique` ON `organisations` (`key`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`role` text,
	`organisation_id` integer,
	`bio` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_key_unique` ON `people` (`key`);--> statement-breakpoint
CREATE TABLE `key_figures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`position` integer NOT NULL,
	`value` text NOT NULL,
	`label` text NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `key_figures_series_idx` ON `key_figures` (`series_id`,`position`);--> statement-breakpoint
CREATE TABLE `series` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`subtitle` text,
	`territory` text,
	`timezone` text DEFAULT 'Europe/Paris' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`summary` text,
	`question` text,
	`objectives` text DEFAULT '[]' NOT NULL,
	`audience` text,
	`mode` text,
	`platform` text,
	`registration_required` integer DEFAULT true NOT NULL,
	`multiple_sessions` integer DEFAULT true NOT NULL,
	`registration_opens_at` text,
	`registration_closes_at` text,
	`access_days_before` integer DEFAULT 2 NOT NULL,
	`access_send_at` text DEFAULT '09:00' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `series_slug_unique` ON `series` (`slug`);--> statement-breakpoint
CREATE TABLE `series_organisations` (
	`series_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`role` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`series_id`, `organisation_id`),
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `series_people` (
	`series_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`series_id`, `person_id`),
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `series_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `series_rules_series_idx` ON `series_rules` (`series_id`,`position`);--> statement-breakpoint
CREATE TABLE `session_access` (
	`session_id` integer PRIMARY KEY NOT NULL,
	`provider` text,
	`join_url` text,
	`meeting_id` text,
	`passcode` text,
	`dial_in` text DEFAULT '[]' NOT NULL,
	`instructions` text,
	`revision` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`number` integer NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`theme` text,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`mode` text DEFAULT 'online' NOT NULL,
	`status` text DEFAULT 'published' NOT NULL,
	`capacity` integer,
	`venue_name` text,
	`venue_address` text,
	`venue_instructions` text,
	`sequence` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_series_number_uq` ON `sessions` (`series_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_series_slug_uq` ON `sessions` (`series_id`,`slug`);--> statement-breakpoint
CREATE INDEX `sessions_starts_at_idx` ON `sessions` (`starts_at`);--> statement-breakpoint
CREATE TABLE `programme_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`parent_id` integer,
	`position` integer NOT NULL,
	`starts_at` text,
	`ends_at` text,
	`kind` text,
	`title` text NOT NULL,
	`description` text,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`parent_id`) REFERENCES `programme_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `programme_items_session_idx` ON `programme_items` (`session_id`,`parent_id`,`position`);--> statement-breakpoint
CREATE TABLE `programme_speakers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`person_id` integer,
	`organisation_id` integer,
	`part` text DEFAULT 'speaker' NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `programme_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "programme_speakers_one_of" CHECK(("programme_speakers"."person_id" IS NULL) <> ("programme_speakers"."organisation_id" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `programme_speakers_item_idx` ON `programme_speakers` (`item_id`,`position`);--> statement-breakpoint
CREATE INDEX `programme_speakers_person_idx` ON `programme_speakers` (`person_id`);--> statement-breakpoint
CREATE INDEX `programme_speakers_org_idx` ON `programme_speakers` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `resources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`session_id` integer,
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
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `resources_series_idx` ON `resources` (`series_id`,`position`);--> statement-breakpoint
CREATE INDEX `resources_session_idx` ON `resources` (`session_id`);