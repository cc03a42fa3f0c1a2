ALTER TABLE `sessions` ADD `access_codes_due_at` text;--> statement-breakpoint
CREATE INDEX `sessions_codes_due_idx` ON `sessions` (`access_codes_due_at`);