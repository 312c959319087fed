-- 0022 (PostgreSQL): the reading a feed's validators were kept under, so a build that reads reviews
-- another way reads each feed in full once, as the SQLite script of the same number explains.
ALTER TABLE feed_state ADD COLUMN read_as TEXT COLLATE "C" NULL;
