-- Custom SQL (keep at merge): fills outbox.series_id for the rows queued before the column existed, by the
-- rule of seriesOfEmail (app/notifications/outbox.server.ts): the session's series, else the series the
-- payload names (confirmations, messages to a series), else none. Idempotent: only rows still without one.
UPDATE `outbox` SET `series_id` = coalesce(
  (SELECT `sessions`.`series_id` FROM `sessions` WHERE `sessions`.`id` = `outbox`.`session_id`),
  (SELECT `series`.`id` FROM `series` WHERE `series`.`id` = json_extract(`outbox`.`payload`, '$.seriesId'))
) WHERE `series_id` IS NULL AND (`session_id` IS NOT NULL OR json_extract(`payload`, '$.seriesId') IS NOT NULL);
