-- 0010 (PostgreSQL): the content_hash of the review version each chart was drawn for, so the backfill
-- can find charts whose review changed without them; the SQLite script of the same number says more.
ALTER TABLE review_charts ADD COLUMN drawn_from TEXT COLLATE "C" NULL;
