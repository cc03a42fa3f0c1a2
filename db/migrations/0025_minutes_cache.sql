-- Published minutes show who came (app/minutes/, ADR 014) on a resource page the shared cache keeps
-- under the 'catalogue' version (ADR 020): a change of attendance in a session that has minutes, or of
-- a registrant's name, structure, consent to be named or erasure, bumps it, so a withdrawn consent or
-- an erasure leaves the public page at once. Sessions without minutes bump nothing (the door's
-- check-ins stay cheap for the cache). Idempotent: IF NOT EXISTS.
CREATE TRIGGER IF NOT EXISTS `cache_minutes_attendance_update` AFTER UPDATE OF `attendance`, `status`, `participant_id` ON `registrations`
WHEN EXISTS (SELECT 1 FROM `resources` x WHERE x.`type` = 'minutes' AND x.`session_id` IN (OLD.`session_id`, NEW.`session_id`))
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_minutes_attendance_insert` AFTER INSERT ON `registrations`
WHEN NEW.`attendance` IS NOT NULL AND EXISTS (SELECT 1 FROM `resources` x WHERE x.`type` = 'minutes' AND x.`session_id` = NEW.`session_id`)
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_minutes_attendance_delete` AFTER DELETE ON `registrations`
WHEN EXISTS (SELECT 1 FROM `resources` x WHERE x.`type` = 'minutes' AND x.`session_id` = OLD.`session_id`)
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `cache_minutes_participant_update` AFTER UPDATE OF `first_name`, `last_name`, `organisation`, `minutes_consent_at`, `erased_at` ON `participants`
WHEN EXISTS (
	SELECT 1 FROM `registrations` r JOIN `resources` x ON x.`session_id` = r.`session_id` AND x.`type` = 'minutes'
	WHERE r.`participant_id` = NEW.`id`
)
BEGIN
	INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('catalogue', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
