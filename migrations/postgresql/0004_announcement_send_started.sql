-- 0004 (PostgreSQL): when delivery of an announcement last started, as the SQLite script of the same number.
ALTER TABLE announcements ADD COLUMN send_started_at TEXT COLLATE "C" NULL;
