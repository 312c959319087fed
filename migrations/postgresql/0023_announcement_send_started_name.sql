-- 0023 (PostgreSQL): the forum post title an attempt was sent with, as the SQLite script of the same number.
ALTER TABLE announcements ADD COLUMN send_started_name TEXT NULL;
