-- The library's search also reads a reference's editors and book title (fields of their own since
-- issue #10, item 6; before, they were written inside `container`, which was indexed). What is
-- indexed is now written once, in the view `resources_fts_source`, which both triggers copy from
-- (they run after the write, so the view sees the new row); then every row is indexed again.
CREATE VIEW `resources_fts_source` AS SELECT
	`id` AS `rowid`,
	`title`,
	coalesce((SELECT group_concat(`value`, ' ; ') FROM json_each(`resources`.`authors`)), '') AS `authors`,
	coalesce(`description`, '') AS `description`,
	coalesce((SELECT group_concat(`value`, ' ; ') FROM json_each(`resources`.`themes`)), '') AS `themes`,
	coalesce(`territory`, '') || ' ' || coalesce(`summary`, '') || ' ' || coalesce(`transcript`, '') || ' ' ||
	coalesce((SELECT group_concat(json_extract(`value`, '$.title'), ' ; ') FROM json_each(`resources`.`chapters`)), '') || ' ' ||
	coalesce((SELECT group_concat(
		coalesce((SELECT group_concat(a.`value`, ' ; ') FROM json_each(r.`value`, '$.authors') AS a), '') || ' ' ||
		coalesce((SELECT group_concat(e.`value`, ' ; ') FROM json_each(r.`value`, '$.editors') AS e), '') || ' ' ||
		coalesce(json_extract(r.`value`, '$.title'), '') || ' ' || coalesce(json_extract(r.`value`, '$.container'), '') || ' ' ||
		coalesce(json_extract(r.`value`, '$.bookTitle'), '') || ' ' ||
		coalesce(json_extract(r.`value`, '$.publisher'), '') || ' ' || coalesce(json_extract(r.`value`, '$.note'), ''), ' ; ')
		FROM json_each(`resources`.`references`) AS r), '') AS `body`
FROM `resources`;
--> statement-breakpoint
DROP TRIGGER `resources_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `resources_fts_update`;
--> statement-breakpoint
CREATE TRIGGER `resources_fts_insert` AFTER INSERT ON `resources` BEGIN
	INSERT INTO `resources_fts` (`rowid`, `title`, `authors`, `description`, `themes`, `body`)
		SELECT `rowid`, `title`, `authors`, `description`, `themes`, `body` FROM `resources_fts_source` WHERE `rowid` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `resources_fts_update` AFTER UPDATE ON `resources` BEGIN
	DELETE FROM `resources_fts` WHERE `rowid` = old.`id`;
	INSERT INTO `resources_fts` (`rowid`, `title`, `authors`, `description`, `themes`, `body`)
		SELECT `rowid`, `title`, `authors`, `description`, `themes`, `body` FROM `resources_fts_source` WHERE `rowid` = new.`id`;
END;
--> statement-breakpoint
-- Index the rows already there again, through the update trigger.
UPDATE `resources` SET `updated_at` = `updated_at`;
