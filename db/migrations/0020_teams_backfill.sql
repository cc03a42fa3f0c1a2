-- Series teams at upgrade (docs/decisions/016-series-roles.md): before teams, every non-admin account
-- ("editor") could do everything on every series; each becomes organiser of every existing series, so
-- that nobody loses access. Administrators need no membership. Safe to run again (INSERT OR IGNORE on
-- the unique (organiser_id, series_id) index).
INSERT OR IGNORE INTO `series_members` (`organiser_id`, `series_id`, `role`, `invited_by`, `created_at`)
SELECT o.`id`, s.`id`, 'organiser', NULL, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM `organisers` o CROSS JOIN `series` s
WHERE o.`role` = 'editor';
