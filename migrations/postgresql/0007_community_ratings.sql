-- 0007 (PostgreSQL): members' 1-10 ratings of a season, one per member per review; the same table as
-- the SQLite script of the same number.
CREATE TABLE community_ratings (
    review_id BIGINT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    user_id   BIGINT NOT NULL,
    rating    BIGINT NOT NULL CHECK (rating BETWEEN 1 AND 10),
    rated_at  TEXT   COLLATE "C" NOT NULL,
    PRIMARY KEY (review_id, user_id)
);
