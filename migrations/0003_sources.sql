-- Feed polling state. Self-contained: feeds are keyed by their configured URL text, so
-- this migration depends on no other table. Times are ISO-8601 UTC text ("O" format).

-- One row per configured feed URL: what the conditional GET needs, and the backoff schedule.
CREATE TABLE feed_state (
    url                  TEXT    NOT NULL PRIMARY KEY,
    etag                 TEXT    NULL,
    last_modified        TEXT    NULL,
    last_attempt_utc     TEXT    NULL,
    last_success_utc     TEXT    NULL,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_error           TEXT    NULL,
    next_poll_utc        TEXT    NULL,
    -- 0 until one poll has been fully processed: items seen before that are stored, never announced.
    first_poll_done      INTEGER NOT NULL DEFAULT 0
);

-- One row per feed item ever seen, keyed by guid (else link). The content hash lets a poll skip
-- items it has already handled, including ones that are not reviews, without parsing them again.
CREATE TABLE feed_item (
    feed_url       TEXT    NOT NULL REFERENCES feed_state (url) ON DELETE CASCADE,
    item_key       TEXT    NOT NULL,
    content_hash   TEXT    NOT NULL,
    outcome        TEXT    NOT NULL CHECK (outcome IN ('imported', 'not_a_review', 'rejected')),
    review_id      INTEGER NULL,
    reason         TEXT    NULL,
    first_seen_utc TEXT    NOT NULL,
    updated_utc    TEXT    NOT NULL,
    PRIMARY KEY (feed_url, item_key)
);
