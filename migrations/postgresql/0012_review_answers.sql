-- 0012 (PostgreSQL): the finished answers of each review, one row per answer (episode 0 is /review,
-- N is /episode N) with what it was built from; the same table as the SQLite script of the same
-- number, which says why it is keyed that way.
CREATE TABLE review_answers (
    review_id    BIGINT  NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    episode      BIGINT  NOT NULL,
    content_hash TEXT    COLLATE "C" NOT NULL,
    ratings      BIGINT  NOT NULL,
    rating_sum   BIGINT  NOT NULL,
    format       TEXT    COLLATE "C" NOT NULL,
    with_chart   BIGINT  NOT NULL,
    message      BYTEA   NOT NULL,
    built_at     TEXT    COLLATE "C" NOT NULL,
    PRIMARY KEY (review_id, episode)
);
