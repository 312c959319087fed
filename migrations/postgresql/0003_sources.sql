-- 0003 (PostgreSQL): feed polling state, as the SQLite script of the same number.

CREATE TABLE feed_state (
    url                  TEXT   NOT NULL PRIMARY KEY,
    etag                 TEXT   NULL,
    last_modified        TEXT   NULL,
    last_attempt_utc     TEXT   COLLATE "C" NULL,
    last_success_utc     TEXT   COLLATE "C" NULL,
    consecutive_failures BIGINT NOT NULL DEFAULT 0,
    last_error           TEXT   NULL,
    next_poll_utc        TEXT   COLLATE "C" NULL,
    first_poll_done      BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE feed_item (
    feed_url       TEXT   NOT NULL REFERENCES feed_state (url) ON DELETE CASCADE,
    item_key       TEXT   NOT NULL,
    content_hash   TEXT   NOT NULL,
    outcome        TEXT   NOT NULL CHECK (outcome IN ('imported', 'not_a_review', 'rejected')),
    review_id      BIGINT NULL,
    reason         TEXT   NULL,
    first_seen_utc TEXT   COLLATE "C" NOT NULL,
    updated_utc    TEXT   COLLATE "C" NOT NULL,
    PRIMARY KEY (feed_url, item_key)
);
