-- The page cache's versions (ADR 020): SQLite triggers bump the version of what a public page shows,
-- whatever process writes (server, series import CLI, scheduler). Scopes: 'catalogue' (home, /acteurs,
-- /ressources and the resource pages), 'directory' (people and organisations, shown on series pages),
-- 'series:<slug>' (a series' page, its sessions' pages, their calendars). Writes that no public page
-- shows bump nothing: the outbox, the development mailbox, participants, personal links, sign-ins, the
-- audit log, access codes, and `sessions.access_codes_due_at` (written by the planner).
-- Registrations bump their series only when the seats a public page shows may change: the pages give
-- the exact number only from 10 seats left down (app/utils/labels.ts, SEATS_SHOWN_FROM), so a
-- registration bumps only when, after it, a limited side of the session has 11 seats left or fewer.
-- Idempotent: IF NOT EXISTS everywhere (the lead re-creates this after the regenerated migrations).
CREATE VIEW IF NOT EXISTS `session_seats_left` AS SELECT
	s.`id` AS `session_id`,
	s.`series_id` AS `series_id`,
	s.`capacity` - (SELECT count(*) FROM `registrations` r WHERE r.`session_id` = s.`id` AND r.`status` = 'confirmed' AND (s.`mode` <> 'hybrid' OR r.`participation` = 'onsite')) AS `onsite_left`,
	CASE WHEN s.`mode` = 'hybrid' THEN s.`remote_capacity` - (SELECT count(*) FROM `registrations` r WHERE r.`session_id` = s.`id` AND r.`status` = 'confirmed' AND r.`participation` = 'remote') END AS `remote_left`
FROM `sessions` s;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_series_insert` AFTER INSERT ON `series`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('series:' || NEW.`slug`, 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_series_update` AFTER UPDATE ON `series`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('series:' || OLD.`slug`, 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('series:' || NEW.`slug`, 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_series_delete` AFTER DELETE ON `series`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('series:' || OLD.`slug`, 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_series_organisations_insert` AFTER INSERT ON `series_organisations`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = NEW.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_series_organisations_update` AFTER UPDATE ON `series_organisations`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = OLD.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = NEW.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_series_organisations_delete` AFTER DELETE ON `series_organisations`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = OLD.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_series_people_insert` AFTER INSERT ON `series_people`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = NEW.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_series_people_update` AFTER UPDATE ON `series_people`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = OLD.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = NEW.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_series_people_delete` AFTER DELETE ON `series_people`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = OLD.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_key_figures_insert` AFTER INSERT ON `key_figures`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = NEW.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_key_figures_update` AFTER UPDATE ON `key_figures`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = OLD.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = NEW.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_key_figures_delete` AFTER DELETE ON `key_figures`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = OLD.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_series_rules_insert` AFTER INSERT ON `series_rules`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = NEW.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_series_rules_update` AFTER UPDATE ON `series_rules`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = OLD.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = NEW.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_series_rules_delete` AFTER DELETE ON `series_rules`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = OLD.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_resources_insert` AFTER INSERT ON `resources`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = NEW.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_resources_update` AFTER UPDATE ON `resources`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = OLD.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = NEW.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_resources_delete` AFTER DELETE ON `resources`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = OLD.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_sessions_insert` AFTER INSERT ON `sessions`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = NEW.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_sessions_update` AFTER UPDATE ON `sessions`
WHEN OLD.`series_id` IS NOT NEW.`series_id` OR OLD.`number` IS NOT NEW.`number` OR OLD.`slug` IS NOT NEW.`slug` OR OLD.`title` IS NOT NEW.`title` OR OLD.`theme` IS NOT NEW.`theme` OR OLD.`starts_at` IS NOT NEW.`starts_at` OR OLD.`ends_at` IS NOT NEW.`ends_at` OR OLD.`mode` IS NOT NEW.`mode` OR OLD.`status` IS NOT NEW.`status` OR OLD.`capacity` IS NOT NEW.`capacity` OR OLD.`remote_capacity` IS NOT NEW.`remote_capacity` OR OLD.`venue_name` IS NOT NEW.`venue_name` OR OLD.`venue_address` IS NOT NEW.`venue_address` OR OLD.`venue_instructions` IS NOT NEW.`venue_instructions` OR OLD.`venue_accessibility` IS NOT NEW.`venue_accessibility` OR OLD.`venue_contact` IS NOT NEW.`venue_contact` OR OLD.`sequence` IS NOT NEW.`sequence`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = OLD.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = NEW.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_sessions_delete` AFTER DELETE ON `sessions`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = OLD.`series_id` ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_programme_items_insert` AFTER INSERT ON `programme_items`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = (SELECT `series_id` FROM `sessions` WHERE `id` = NEW.`session_id`) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_programme_items_update` AFTER UPDATE ON `programme_items`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = (SELECT `series_id` FROM `sessions` WHERE `id` = OLD.`session_id`) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = (SELECT `series_id` FROM `sessions` WHERE `id` = NEW.`session_id`) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_programme_items_delete` AFTER DELETE ON `programme_items`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = (SELECT `series_id` FROM `sessions` WHERE `id` = OLD.`session_id`) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_programme_speakers_insert` AFTER INSERT ON `programme_speakers`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = (SELECT `series_id` FROM `sessions` WHERE `id` = (SELECT `session_id` FROM `programme_items` WHERE `id` = NEW.`item_id`)) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_programme_speakers_update` AFTER UPDATE ON `programme_speakers`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = (SELECT `series_id` FROM `sessions` WHERE `id` = (SELECT `session_id` FROM `programme_items` WHERE `id` = OLD.`item_id`)) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = (SELECT `series_id` FROM `sessions` WHERE `id` = (SELECT `session_id` FROM `programme_items` WHERE `id` = NEW.`item_id`)) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_programme_speakers_delete` AFTER DELETE ON `programme_speakers`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = (SELECT `series_id` FROM `sessions` WHERE `id` = (SELECT `session_id` FROM `programme_items` WHERE `id` = OLD.`item_id`)) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_people_insert` AFTER INSERT ON `people`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('directory', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_people_update` AFTER UPDATE ON `people`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('directory', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_people_delete` AFTER DELETE ON `people`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('directory', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_organisations_insert` AFTER INSERT ON `organisations`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('directory', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_organisations_update` AFTER UPDATE ON `organisations`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('directory', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_organisations_delete` AFTER DELETE ON `organisations`
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('directory', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_registrations_insert` AFTER INSERT ON `registrations`
WHEN NEW.`status` = 'confirmed' AND EXISTS (SELECT 1 FROM `session_seats_left` v WHERE v.`session_id` = NEW.`session_id` AND (v.`onsite_left` <= 11 OR v.`remote_left` <= 11))
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = (SELECT `series_id` FROM `sessions` WHERE `id` = NEW.`session_id`) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_registrations_update` AFTER UPDATE ON `registrations`
WHEN (OLD.`status` IS NOT NEW.`status` OR OLD.`participation` IS NOT NEW.`participation` OR OLD.`session_id` IS NOT NEW.`session_id`) AND 'confirmed' IN (OLD.`status`, NEW.`status`) AND (EXISTS (SELECT 1 FROM `session_seats_left` v WHERE v.`session_id` = OLD.`session_id` AND (v.`onsite_left` <= 11 OR v.`remote_left` <= 11)) OR EXISTS (SELECT 1 FROM `session_seats_left` v WHERE v.`session_id` = NEW.`session_id` AND (v.`onsite_left` <= 11 OR v.`remote_left` <= 11)))
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = (SELECT `series_id` FROM `sessions` WHERE `id` = OLD.`session_id`) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = (SELECT `series_id` FROM `sessions` WHERE `id` = NEW.`session_id`) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_registrations_delete` AFTER DELETE ON `registrations`
WHEN OLD.`status` = 'confirmed' AND EXISTS (SELECT 1 FROM `session_seats_left` v WHERE v.`session_id` = OLD.`session_id` AND (v.`onsite_left` <= 11 OR v.`remote_left` <= 11))
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) SELECT 'series:' || `slug`, 1 FROM `series` WHERE `id` = (SELECT `series_id` FROM `sessions` WHERE `id` = OLD.`session_id`) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
