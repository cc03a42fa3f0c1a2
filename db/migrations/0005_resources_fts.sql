-- Full-text search of the resource library (SQLite FTS5). Accents are folded (remove_diacritics 2:
-- "determinants" finds "déterminants"); queries use prefixes of lightly stemmed French terms
-- (app/models/library.server.ts), so singular and plural find each other. The index is kept in step
-- with `resources` by the triggers below, whatever writes the table (import, back-office, cascades).
CREATE VIRTUAL TABLE `resources_fts` USING fts5(
	`title`, `authors`, `description`, `themes`, `body`,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3 4'
);
--> statement-breakpoint
CREATE TRIGGER `resources_fts_insert` AFTER INSERT ON `resources` BEGIN
	INSERT INTO `resources_fts` (`rowid`, `title`, `authors`, `description`, `themes`, `body`) VALUES (
		new.`id`,
		new.`title`,
		coalesce((SELECT group_concat(`value`, ' ; ') FROM json_each(new.`authors`)), ''),
		coalesce(new.`description`, ''),
		coalesce((SELECT group_concat(`value`, ' ; ') FROM json_each(new.`themes`)), ''),
		coalesce(new.`territory`, '') || ' ' || coalesce(new.`summary`, '') || ' ' || coalesce(new.`transcript`, '') || ' ' ||
		coalesce((SELECT group_concat(json_extract(`value`, '$.title'), ' ; ') FROM json_each(new.`chapters`)), '') || ' ' ||
		coalesce((SELECT group_concat(
			coalesce((SELECT group_concat(a.`value`, ' ; ') FROM json_each(r.`value`, '$.authors') AS a), '') || ' ' ||
			coalesce(json_extract(r.`value`, '$.title'), '') || ' ' || coalesce(json_extract(r.`value`, '$.container'), '') || ' ' ||
			coalesce(json_extract(r.`value`, '$.publisher'), '') || ' ' || coalesce(json_extract(r.`value`, '$.note'), ''), ' ; ')
			FROM json_each(new.`references`) AS r), '')
	);
END;
--> statement-breakpoint
CREATE TRIGGER `resources_fts_delete` AFTER DELETE ON `resources` BEGIN
	DELETE FROM `resources_fts` WHERE `rowid` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `resources_fts_update` AFTER UPDATE ON `resources` BEGIN
	DELETE FROM `resources_fts` WHERE `rowid` = old.`id`;
	INSERT INTO `resources_fts` (`rowid`, `title`, `authors`, `description`, `themes`, `body`) VALUES (
		new.`id`,
		new.`title`,
		coalesce((SELECT group_concat(`value`, ' ; ') FROM json_each(new.`authors`)), ''),
		coalesce(new.`description`, ''),
		coalesce((SELECT group_concat(`value`, ' ; ') FROM json_each(new.`themes`)), ''),
		coalesce(new.`territory`, '') || ' ' || coalesce(new.`summary`, '') || ' ' || coalesce(new.`transcript`, '') || ' ' ||
		coalesce((SELECT group_concat(json_extract(`value`, '$.title'), ' ; ') FROM json_each(new.`chapters`)), '') || ' ' ||
		coalesce((SELECT group_concat(
			coalesce((SELECT group_concat(a.`value`, ' ; ') FROM json_each(r.`value`, '$.authors') AS a), '') || ' ' ||
			coalesce(json_extract(r.`value`, '$.title'), '') || ' ' || coalesce(json_extract(r.`value`, '$.container'), '') || ' ' ||
			coalesce(json_extract(r.`value`, '$.publisher'), '') || ' ' || coalesce(json_extract(r.`value`, '$.note'), ''), ' ; ')
			FROM json_each(new.`references`) AS r), '')
	);
END;
--> statement-breakpoint
-- Index the rows already there, through the update trigger (the same expression as every later write).
UPDATE `resources` SET `updated_at` = `updated_at`;
