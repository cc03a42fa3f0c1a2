-- The library's version (docs/decisions/018-library-search.md): one counter, bumped by every write
-- that can change what the library's filter choices and counts show (a resource written or removed;
-- a series' status, address, title or zone; a session's status, number, title, day or series).
-- The server keeps the visible catalogue's grouped counts while the counter stands still, so a page
-- of the library costs its page, not the catalogue; the CLI's imports bump it too (triggers).
-- Self-contained and safe to run again (IF NOT EXISTS, OR IGNORE).
CREATE TABLE IF NOT EXISTS `library_version` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`version` integer NOT NULL
);
--> statement-breakpoint
INSERT OR IGNORE INTO `library_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `library_version_resource_insert` AFTER INSERT ON `resources` BEGIN
	UPDATE `library_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `library_version_resource_update` AFTER UPDATE ON `resources` BEGIN
	UPDATE `library_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `library_version_resource_delete` AFTER DELETE ON `resources` BEGIN
	UPDATE `library_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `library_version_series_update` AFTER UPDATE OF `status`, `slug`, `title`, `timezone` ON `series` BEGIN
	UPDATE `library_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `library_version_series_delete` AFTER DELETE ON `series` BEGIN
	UPDATE `library_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `library_version_session_update` AFTER UPDATE OF `status`, `number`, `title`, `starts_at`, `series_id` ON `sessions` BEGIN
	UPDATE `library_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `library_version_session_delete` AFTER DELETE ON `sessions` BEGIN
	UPDATE `library_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
