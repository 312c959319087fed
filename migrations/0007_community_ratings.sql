-- 0007: members rate a season 1-10 under /review answers and announcements. One rating per member
-- per review, wherever they rated it (any server or DM): a second rating replaces the first.
CREATE TABLE community_ratings (
    review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    -- The member's Discord user id (a snowflake; fits a signed 64-bit integer until 2084).
    user_id   INTEGER NOT NULL,
    rating    INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 10),
    rated_at  TEXT    NOT NULL,
    PRIMARY KEY (review_id, user_id)
) WITHOUT ROWID;
