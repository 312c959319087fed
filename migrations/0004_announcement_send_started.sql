-- 0004: when delivery of an announcement last started. Discord's start-thread-in-forum
-- takes no nonce, so after a crash (or a lost answer) between "posted" and "recorded" the worker
-- looks for the forum post it may have created before creating another.
ALTER TABLE announcements ADD COLUMN send_started_at TEXT NULL;
