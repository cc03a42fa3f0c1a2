ALTER TABLE `outbox` ADD `series_id` integer REFERENCES series(id);--> statement-breakpoint
CREATE INDEX `outbox_series_idx` ON `outbox` (`series_id`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_to_idx` ON `outbox` (`to_address`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_status_idx` ON `outbox` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_kind_idx` ON `outbox` (`kind`,`id`);--> statement-breakpoint
CREATE INDEX `registrations_session_people_idx` ON `registrations` (`session_id`,`status`,`participant_id`);--> statement-breakpoint
CREATE INDEX `dev_mailbox_outbox_idx` ON `dev_mailbox` (`outbox_id`);--> statement-breakpoint
CREATE INDEX `survey_responses_registration_idx` ON `survey_responses` (`registration_id`);--> statement-breakpoint
CREATE INDEX `survey_submissions_registration_idx` ON `survey_submissions` (`registration_id`);