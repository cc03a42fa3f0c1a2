-- Custom SQL migration: the app's inserts into registrations carry the person's sort key
-- (nameSortKey, app/utils/sort-name.ts; tests/integration/registration-counts.test.ts checks that it
-- equals the participant_sort_names view's). The insert trigger computed the view on every insert
-- only to compare it with that key; it now runs for a row inserted without one (sort_name = '',
-- the column's default: another writer's insert), as it always corrected them.
DROP TRIGGER IF EXISTS `sort_name_registrations_insert`;
--> statement-breakpoint
CREATE TRIGGER `sort_name_registrations_insert` AFTER INSERT ON `registrations`
WHEN NEW.`sort_name` = ''
BEGIN
	UPDATE `registrations` SET `sort_name` = coalesce((SELECT v.`sort_name` FROM `participant_sort_names` v WHERE v.`participant_id` = NEW.`participant_id`), '')
	WHERE `id` = NEW.`id`;
END;
