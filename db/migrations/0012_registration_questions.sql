CREATE TABLE `registration_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`question_id` integer,
	`question_key` text NOT NULL,
	`question_label` text NOT NULL,
	`kind` text NOT NULL,
	`accessibility` integer DEFAULT false NOT NULL,
	`answer` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `registration_questions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registration_answers_uq` ON `registration_answers` (`participant_id`,`series_id`,`question_key`);--> statement-breakpoint
CREATE INDEX `registration_answers_series_idx` ON `registration_answers` (`series_id`);--> statement-breakpoint
CREATE TABLE `registration_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`key` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`help` text,
	`required` integer DEFAULT false NOT NULL,
	`accessibility` integer DEFAULT false NOT NULL,
	`choices` text DEFAULT '[]' NOT NULL,
	`session_ids` text DEFAULT '[]' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registration_questions_key_uq` ON `registration_questions` (`series_id`,`key`);--> statement-breakpoint
CREATE INDEX `registration_questions_series_idx` ON `registration_questions` (`series_id`,`position`);