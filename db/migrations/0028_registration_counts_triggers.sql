-- Registration counters kept by the database (ADR 021): `session_counts` (per session: confirmed, of
-- them on site, waiting, cancelled, and the attendance of the confirmed), `series_registrants` (per
-- series and person: their confirmed or waiting registrations there) and `series_counts` (per series:
-- the people, i.e. rows of series_registrants), plus `registrations.sort_name`, the registrants
-- list's order: the view `participant_sort_names` gives it per person (last name, first name, folded
-- with SQLite's own functions: the rule and the table it is generated from are app/utils/sort-name.ts).
-- Triggers keep them in the writing transaction, whatever process writes (a `sqlite3` session too). Backfilled first (the triggers are created after), by statements that give
-- the same result when run again; IF NOT EXISTS everywhere (the lead re-creates this after the
-- regenerated migrations).
DELETE FROM `series_registrants`;
--> statement-breakpoint
DELETE FROM `series_counts`;
--> statement-breakpoint
DELETE FROM `session_counts`;
--> statement-breakpoint
INSERT INTO `session_counts` (`session_id`, `confirmed`, `confirmed_onsite`, `waiting`, `cancelled`, `present`, `excused`, `absent`)
SELECT `session_id`,
	sum(`status` = 'confirmed'),
	sum(`status` = 'confirmed' AND `participation` = 'onsite'),
	sum(`status` = 'waiting'),
	sum(`status` = 'cancelled'),
	sum(`status` = 'confirmed' AND `attendance` IS 'present'),
	sum(`status` = 'confirmed' AND `attendance` IS 'excused'),
	sum(`status` = 'confirmed' AND `attendance` IS 'absent')
FROM `registrations` GROUP BY `session_id`;
--> statement-breakpoint
INSERT INTO `series_registrants` (`series_id`, `participant_id`, `registrations`)
SELECT s.`series_id`, r.`participant_id`, count(*) FROM `registrations` r JOIN `sessions` s ON s.`id` = r.`session_id`
WHERE r.`status` IN ('confirmed', 'waiting') GROUP BY s.`series_id`, r.`participant_id`;
--> statement-breakpoint
INSERT INTO `series_counts` (`series_id`, `people`)
SELECT `series_id`, count(*) FROM `series_registrants` WHERE true GROUP BY `series_id`
ON CONFLICT (`series_id`) DO UPDATE SET `people` = excluded.`people`;
--> statement-breakpoint
CREATE VIEW IF NOT EXISTS `participant_sort_names` AS SELECT p.`id` AS `participant_id`, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(p.`last_name` || ' ' || p.`first_name`), 'à', 'a'), 'â', 'a'), 'ä', 'a'), 'á', 'a'), 'ã', 'a'), 'å', 'a'), 'À', 'a'), 'Â', 'a'), 'Ä', 'a'), 'Á', 'a'), 'Ã', 'a'), 'Å', 'a'), 'ç', 'c'), 'Ç', 'c'), 'é', 'e'), 'è', 'e'), 'ê', 'e'), 'ë', 'e'), 'É', 'e'), 'È', 'e'), 'Ê', 'e'), 'Ë', 'e'), 'î', 'i'), 'ï', 'i'), 'í', 'i'), 'ì', 'i'), 'Î', 'i'), 'Ï', 'i'), 'Í', 'i'), 'Ì', 'i'), 'ñ', 'n'), 'Ñ', 'n'), 'ô', 'o'), 'ö', 'o'), 'ó', 'o'), 'ò', 'o'), 'õ', 'o'), 'ø', 'o'), 'Ô', 'o'), 'Ö', 'o'), 'Ó', 'o'), 'Ò', 'o'), 'Õ', 'o'), 'Ø', 'o'), 'ù', 'u'), 'û', 'u'), 'ü', 'u'), 'ú', 'u'), 'Ù', 'u'), 'Û', 'u'), 'Ü', 'u'), 'Ú', 'u'), 'ÿ', 'y'), 'ý', 'y'), 'Ÿ', 'y'), 'Ý', 'y'), 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'), 'ß', 'ss'), '''', ''), '’', ''), '‘', ''), '`', ''), '´', ''), '-', ' ') AS `sort_name` FROM `participants` p;
--> statement-breakpoint
UPDATE `registrations` SET `sort_name` = coalesce((SELECT v.`sort_name` FROM `participant_sort_names` v WHERE v.`participant_id` = `registrations`.`participant_id`), '');
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `counts_registrations_insert` AFTER INSERT ON `registrations`
BEGIN
	INSERT INTO `session_counts` (`session_id`, `confirmed`, `confirmed_onsite`, `waiting`, `cancelled`, `present`, `excused`, `absent`)
	VALUES (NEW.`session_id`, NEW.`status` = 'confirmed', NEW.`status` = 'confirmed' AND NEW.`participation` = 'onsite', NEW.`status` = 'waiting',
		NEW.`status` = 'cancelled', NEW.`status` = 'confirmed' AND NEW.`attendance` IS 'present', NEW.`status` = 'confirmed' AND NEW.`attendance` IS 'excused',
		NEW.`status` = 'confirmed' AND NEW.`attendance` IS 'absent')
	ON CONFLICT (`session_id`) DO UPDATE SET `confirmed` = `confirmed` + excluded.`confirmed`, `confirmed_onsite` = `confirmed_onsite` + excluded.`confirmed_onsite`,
		`waiting` = `waiting` + excluded.`waiting`, `cancelled` = `cancelled` + excluded.`cancelled`, `present` = `present` + excluded.`present`,
		`excused` = `excused` + excluded.`excused`, `absent` = `absent` + excluded.`absent`;
	INSERT INTO `series_registrants` (`series_id`, `participant_id`, `registrations`)
	SELECT `series_id`, NEW.`participant_id`, 1 FROM `sessions` WHERE `id` = NEW.`session_id` AND NEW.`status` IN ('confirmed', 'waiting')
	ON CONFLICT (`series_id`, `participant_id`) DO UPDATE SET `registrations` = `registrations` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `sort_name_registrations_insert` AFTER INSERT ON `registrations`
WHEN NEW.`sort_name` IS NOT coalesce((SELECT v.`sort_name` FROM `participant_sort_names` v WHERE v.`participant_id` = NEW.`participant_id`), '')
BEGIN
	-- The app's inserts give it (nameSortKey, app/utils/sort-name.ts); any other writer's is set here.
	UPDATE `registrations` SET `sort_name` = coalesce((SELECT v.`sort_name` FROM `participant_sort_names` v WHERE v.`participant_id` = NEW.`participant_id`), '')
	WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `counts_registrations_delete` AFTER DELETE ON `registrations`
BEGIN
	UPDATE `session_counts` SET `confirmed` = `confirmed` - (OLD.`status` = 'confirmed'),
		`confirmed_onsite` = `confirmed_onsite` - (OLD.`status` = 'confirmed' AND OLD.`participation` = 'onsite'),
		`waiting` = `waiting` - (OLD.`status` = 'waiting'), `cancelled` = `cancelled` - (OLD.`status` = 'cancelled'),
		`present` = `present` - (OLD.`status` = 'confirmed' AND OLD.`attendance` IS 'present'),
		`excused` = `excused` - (OLD.`status` = 'confirmed' AND OLD.`attendance` IS 'excused'),
		`absent` = `absent` - (OLD.`status` = 'confirmed' AND OLD.`attendance` IS 'absent')
	WHERE `session_id` = OLD.`session_id`;
	UPDATE `series_registrants` SET `registrations` = `registrations` - 1
	WHERE OLD.`status` IN ('confirmed', 'waiting') AND `series_id` = (SELECT `series_id` FROM `sessions` WHERE `id` = OLD.`session_id`) AND `participant_id` = OLD.`participant_id`;
	DELETE FROM `series_registrants`
	WHERE `registrations` <= 0 AND `series_id` = (SELECT `series_id` FROM `sessions` WHERE `id` = OLD.`session_id`) AND `participant_id` = OLD.`participant_id`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `counts_registrations_update` AFTER UPDATE OF `status`, `participation`, `attendance`, `session_id` ON `registrations`
WHEN OLD.`status` IS NOT NEW.`status` OR OLD.`participation` IS NOT NEW.`participation` OR OLD.`attendance` IS NOT NEW.`attendance` OR OLD.`session_id` IS NOT NEW.`session_id`
BEGIN
	UPDATE `session_counts` SET `confirmed` = `confirmed` - (OLD.`status` = 'confirmed'),
		`confirmed_onsite` = `confirmed_onsite` - (OLD.`status` = 'confirmed' AND OLD.`participation` = 'onsite'),
		`waiting` = `waiting` - (OLD.`status` = 'waiting'), `cancelled` = `cancelled` - (OLD.`status` = 'cancelled'),
		`present` = `present` - (OLD.`status` = 'confirmed' AND OLD.`attendance` IS 'present'),
		`excused` = `excused` - (OLD.`status` = 'confirmed' AND OLD.`attendance` IS 'excused'),
		`absent` = `absent` - (OLD.`status` = 'confirmed' AND OLD.`attendance` IS 'absent')
	WHERE `session_id` = OLD.`session_id`;
	INSERT INTO `session_counts` (`session_id`, `confirmed`, `confirmed_onsite`, `waiting`, `cancelled`, `present`, `excused`, `absent`)
	VALUES (NEW.`session_id`, NEW.`status` = 'confirmed', NEW.`status` = 'confirmed' AND NEW.`participation` = 'onsite', NEW.`status` = 'waiting',
		NEW.`status` = 'cancelled', NEW.`status` = 'confirmed' AND NEW.`attendance` IS 'present', NEW.`status` = 'confirmed' AND NEW.`attendance` IS 'excused',
		NEW.`status` = 'confirmed' AND NEW.`attendance` IS 'absent')
	ON CONFLICT (`session_id`) DO UPDATE SET `confirmed` = `confirmed` + excluded.`confirmed`, `confirmed_onsite` = `confirmed_onsite` + excluded.`confirmed_onsite`,
		`waiting` = `waiting` + excluded.`waiting`, `cancelled` = `cancelled` + excluded.`cancelled`, `present` = `present` + excluded.`present`,
		`excused` = `excused` + excluded.`excused`, `absent` = `absent` + excluded.`absent`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `counts_registrations_people_update` AFTER UPDATE OF `status`, `session_id`, `participant_id` ON `registrations`
WHEN (OLD.`status` IN ('confirmed', 'waiting')) IS NOT (NEW.`status` IN ('confirmed', 'waiting')) OR OLD.`session_id` IS NOT NEW.`session_id` OR OLD.`participant_id` IS NOT NEW.`participant_id`
BEGIN
	UPDATE `series_registrants` SET `registrations` = `registrations` - 1
	WHERE OLD.`status` IN ('confirmed', 'waiting') AND `series_id` = (SELECT `series_id` FROM `sessions` WHERE `id` = OLD.`session_id`) AND `participant_id` = OLD.`participant_id`;
	DELETE FROM `series_registrants`
	WHERE `registrations` <= 0 AND `series_id` = (SELECT `series_id` FROM `sessions` WHERE `id` = OLD.`session_id`) AND `participant_id` = OLD.`participant_id`;
	INSERT INTO `series_registrants` (`series_id`, `participant_id`, `registrations`)
	SELECT `series_id`, NEW.`participant_id`, 1 FROM `sessions` WHERE `id` = NEW.`session_id` AND NEW.`status` IN ('confirmed', 'waiting')
	ON CONFLICT (`series_id`, `participant_id`) DO UPDATE SET `registrations` = `registrations` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `counts_series_registrants_insert` AFTER INSERT ON `series_registrants`
BEGIN
	INSERT INTO `series_counts` (`series_id`, `people`) VALUES (NEW.`series_id`, 1) ON CONFLICT (`series_id`) DO UPDATE SET `people` = `people` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `counts_series_registrants_delete` AFTER DELETE ON `series_registrants`
BEGIN
	UPDATE `series_counts` SET `people` = `people` - 1 WHERE `series_id` = OLD.`series_id`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `counts_sessions_delete` BEFORE DELETE ON `sessions`
BEGIN
	-- A foreign key's cascade deletes the registrations after the session, where their trigger could no
	-- longer find the session's series: they go first, while it is there.
	DELETE FROM `registrations` WHERE `session_id` = OLD.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `counts_sessions_series_update` AFTER UPDATE OF `series_id` ON `sessions`
WHEN OLD.`series_id` IS NOT NEW.`series_id`
BEGIN
	-- A session moved to another series (no path of the app does it) takes its people along.
	UPDATE `series_registrants` SET `registrations` = `registrations` - (SELECT count(*) FROM `registrations` r
		WHERE r.`session_id` = NEW.`id` AND r.`participant_id` = `series_registrants`.`participant_id` AND r.`status` IN ('confirmed', 'waiting'))
	WHERE `series_id` = OLD.`series_id`;
	DELETE FROM `series_registrants` WHERE `series_id` = OLD.`series_id` AND `registrations` <= 0;
	INSERT INTO `series_registrants` (`series_id`, `participant_id`, `registrations`)
	SELECT NEW.`series_id`, r.`participant_id`, count(*) FROM `registrations` r WHERE r.`session_id` = NEW.`id` AND r.`status` IN ('confirmed', 'waiting')
	GROUP BY r.`participant_id`
	ON CONFLICT (`series_id`, `participant_id`) DO UPDATE SET `registrations` = `registrations` + excluded.`registrations`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `sort_name_participants_update` AFTER UPDATE OF `first_name`, `last_name` ON `participants`
WHEN OLD.`first_name` IS NOT NEW.`first_name` OR OLD.`last_name` IS NOT NEW.`last_name`
BEGIN
	UPDATE `registrations` SET `sort_name` = coalesce((SELECT v.`sort_name` FROM `participant_sort_names` v WHERE v.`participant_id` = NEW.`id`), '') WHERE `participant_id` = NEW.`id`;
END;
