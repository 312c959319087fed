-- 0022: a feed's validators (etag, last_modified) say the body has not changed since the bot last
-- read it fully; they say nothing about how it was read. A build that reads reviews another way
-- (ReviewImporter.HashVersion) reads every item again on the feed's next full read, but a feed that
-- answers 304 Not Modified to the validators an earlier build kept is never read in full again until
-- the site changes it, and its reviews stay as that build read them. read_as names the reading the
-- validators were kept under; a poll sends them only when it is the running build's. Rows an earlier
-- build wrote have none, so each feed is read in full once after this upgrade.
ALTER TABLE feed_state ADD COLUMN read_as TEXT NULL;
