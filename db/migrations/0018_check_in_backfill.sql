-- Check-in codes for the registrations made before check-in existed (new ones get theirs when they
-- are made, app/check-in/check-in-codes.server.ts). Same alphabet; a collision is skipped (OR IGNORE)
-- and that registration gets its code from ensureSessionCodes when its session's check-in page opens.
INSERT OR IGNORE INTO `check_ins` (`registration_id`, `code`)
SELECT `id`, substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789', (abs(random()) % 31) + 1, 1) || substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789', (abs(random()) % 31) + 1, 1) || substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789', (abs(random()) % 31) + 1, 1) || substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789', (abs(random()) % 31) + 1, 1) || substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789', (abs(random()) % 31) + 1, 1) || substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789', (abs(random()) % 31) + 1, 1) || substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789', (abs(random()) % 31) + 1, 1) || substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789', (abs(random()) % 31) + 1, 1)
FROM `registrations` WHERE `id` NOT IN (SELECT `registration_id` FROM `check_ins`);
