-- 0008 (PostgreSQL): the episode-score chart of each review as a PNG, one row per review keyed by the
-- review and a hash of the scores it shows; the same table as the SQLite script of the same number,
-- which says why it is keyed that way.
CREATE TABLE review_charts (
    review_id  BIGINT PRIMARY KEY REFERENCES reviews (id) ON DELETE CASCADE,
    scores_key TEXT   COLLATE "C" NOT NULL,
    png        BYTEA  NULL,
    drawn_at   TEXT   COLLATE "C" NOT NULL
);
