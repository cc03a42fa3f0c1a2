ALTER TABLE `sessions` ADD `remote_capacity` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `venue_accessibility` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `venue_contact` text;--> statement-breakpoint
ALTER TABLE `registrations` ADD `participation` text DEFAULT 'remote' NOT NULL;--> statement-breakpoint
-- Registrations made before this column: an in-person session's registrants come on site.
UPDATE `registrations` SET `participation` = 'onsite' WHERE `session_id` IN (SELECT `id` FROM `sessions` WHERE `mode` = 'in-person');
