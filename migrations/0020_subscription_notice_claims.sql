-- 0020: a pause notice (the line in the server's system channel saying why its announcements in a
-- channel stopped) is claimed before it is posted, so two processes telling the same server at once
-- post it once. The claim was the "told" mark itself (notice_sent_at), so a process that stopped, or
-- whose post failed, between the claim and the post left the pause marked told and the server never
-- heard of it. The claim is now a time of its own that stops counting after a while
-- (PauseNotices.ClaimLifetime), when a later pass, in this process or another, may
-- claim the notice again; notice_sent_at is set once the notice is posted (or Discord refused it for
-- good). A notice_sent_at an earlier build wrote may stand for a claim whose post never came; it is
-- kept as told, since nothing tells the two apart.
ALTER TABLE subscriptions ADD COLUMN notice_claimed_at TEXT NULL;

-- The delivery worker looks for pauses still to tell every minute or so; it reads only those rows.
CREATE INDEX ix_subscriptions_untold_pauses ON subscriptions (guild_id) WHERE paused_at IS NOT NULL AND notice_sent_at IS NULL;
