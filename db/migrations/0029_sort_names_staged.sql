-- The view participant_sort_names again, as a chain of 5 views of at most 15 replace() calls
-- each (app/utils/sort-name.ts, sortNameViewsSql): as one expression of 67 nested calls it overflowed
-- the parser of the system's sqlite3 command line (3.40), which then could not open the database at
-- all ("malformed database schema"). Same rule, same keys; the triggers use it by name.
DROP VIEW IF EXISTS `participant_sort_names`;
--> statement-breakpoint
DROP VIEW IF EXISTS `participant_sort_names_4`;
--> statement-breakpoint
DROP VIEW IF EXISTS `participant_sort_names_3`;
--> statement-breakpoint
DROP VIEW IF EXISTS `participant_sort_names_2`;
--> statement-breakpoint
DROP VIEW IF EXISTS `participant_sort_names_1`;
--> statement-breakpoint
CREATE VIEW `participant_sort_names_1` AS SELECT p.`id` AS `participant_id`, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(p.`last_name` || ' ' || p.`first_name`), 'à', 'a'), 'â', 'a'), 'ä', 'a'), 'á', 'a'), 'ã', 'a'), 'å', 'a'), 'À', 'a'), 'Â', 'a'), 'Ä', 'a'), 'Á', 'a'), 'Ã', 'a'), 'Å', 'a'), 'ç', 'c'), 'Ç', 'c'), 'é', 'e') AS `name` FROM `participants` p;
--> statement-breakpoint
CREATE VIEW `participant_sort_names_2` AS SELECT `participant_id`, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(`name`, 'è', 'e'), 'ê', 'e'), 'ë', 'e'), 'É', 'e'), 'È', 'e'), 'Ê', 'e'), 'Ë', 'e'), 'î', 'i'), 'ï', 'i'), 'í', 'i'), 'ì', 'i'), 'Î', 'i'), 'Ï', 'i'), 'Í', 'i'), 'Ì', 'i') AS `name` FROM `participant_sort_names_1`;
--> statement-breakpoint
CREATE VIEW `participant_sort_names_3` AS SELECT `participant_id`, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(`name`, 'ñ', 'n'), 'Ñ', 'n'), 'ô', 'o'), 'ö', 'o'), 'ó', 'o'), 'ò', 'o'), 'õ', 'o'), 'ø', 'o'), 'Ô', 'o'), 'Ö', 'o'), 'Ó', 'o'), 'Ò', 'o'), 'Õ', 'o'), 'Ø', 'o'), 'ù', 'u') AS `name` FROM `participant_sort_names_2`;
--> statement-breakpoint
CREATE VIEW `participant_sort_names_4` AS SELECT `participant_id`, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(`name`, 'û', 'u'), 'ü', 'u'), 'ú', 'u'), 'Ù', 'u'), 'Û', 'u'), 'Ü', 'u'), 'Ú', 'u'), 'ÿ', 'y'), 'ý', 'y'), 'Ÿ', 'y'), 'Ý', 'y'), 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae') AS `name` FROM `participant_sort_names_3`;
--> statement-breakpoint
CREATE VIEW `participant_sort_names` AS SELECT `participant_id`, replace(replace(replace(replace(replace(replace(replace(`name`, 'ß', 'ss'), '''', ''), '’', ''), '‘', ''), '`', ''), '´', ''), '-', ' ') AS `sort_name` FROM `participant_sort_names_4`;
