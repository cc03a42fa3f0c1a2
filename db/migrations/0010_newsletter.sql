CREATE TABLE `newsletter_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`newsletter_id` integer NOT NULL,
	`resource_id` integer,
	`position` integer NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`series_title` text NOT NULL,
	`path` text NOT NULL,
	FOREIGN KEY (`newsletter_id`) REFERENCES `newsletters`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`resource_id`) REFERENCES `resources`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `newsletter_items_newsletter_idx` ON `newsletter_items` (`newsletter_id`,`position`);--> statement-breakpoint
CREATE INDEX `newsletter_items_resource_idx` ON `newsletter_items` (`resource_id`);--> statement-breakpoint
CREATE TABLE `newsletter_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscriber_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`subscriber_id`) REFERENCES `newsletter_subscribers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `newsletter_links_token_hash_unique` ON `newsletter_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `newsletter_links_subscriber_idx` ON `newsletter_links` (`subscriber_id`);--> statement-breakpoint
CREATE TABLE `newsletter_subscribers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`source` text NOT NULL,
	`created_at` text NOT NULL,
	`requested_at` text NOT NULL,
	`confirmed_at` text,
	`unsubscribed_at` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `newsletter_subscribers_email_unique` ON `newsletter_subscribers` (`email`);--> statement-breakpoint
CREATE INDEX `newsletter_subscribers_status_idx` ON `newsletter_subscribers` (`status`);--> statement-breakpoint
CREATE TABLE `newsletters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` integer,
	`status` text DEFAULT 'draft' NOT NULL,
	`intro` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`sent_at` text,
	`sent_by` integer,
	`recipients` integer,
	FOREIGN KEY (`sent_by`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `newsletters_number_uq` ON `newsletters` (`number`);