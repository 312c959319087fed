-- 0023 (PostgreSQL): what a forum post attempt was sent with, as the SQLite script of the same number.
ALTER TABLE announcements ADD COLUMN send_started_name TEXT NULL;
ALTER TABLE announcements ADD COLUMN send_started_hash TEXT NULL;
