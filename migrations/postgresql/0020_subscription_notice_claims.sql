-- 0020 (PostgreSQL): a pause notice's claim is a time of its own that expires, so a claim whose post
-- never came is claimed again by a later pass, as the SQLite script of the same number explains.
ALTER TABLE subscriptions ADD COLUMN notice_claimed_at TEXT COLLATE "C" NULL;

CREATE INDEX ix_subscriptions_untold_pauses ON subscriptions (guild_id) WHERE paused_at IS NOT NULL AND notice_sent_at IS NULL;
