-- The library's catalogue counts now follow the page cache's 'catalogue' version (cache_versions,
-- ADR 020), which the same writes already bump: the library's own counter (0014_library_search) and
-- its triggers were a second bookkeeping of the same changes, paid by every write to resources,
-- series and sessions. Idempotent: IF EXISTS.
DROP TRIGGER IF EXISTS `library_version_resource_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `library_version_resource_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `library_version_resource_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `library_version_series_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `library_version_series_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `library_version_session_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `library_version_session_delete`;
--> statement-breakpoint
DROP TABLE IF EXISTS `library_version`;
