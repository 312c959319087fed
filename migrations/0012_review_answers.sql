-- 0012: the finished answers of each review, stored when the review is (or, for reviews stored before,
-- by a backfill), so that a first /review or /episode sends stored bytes instead of loading the review,
-- rendering it and serialising the message while the member waits.
-- One row per answer: episode 0 is /review, N is /episode N. A row says exactly what it was built from,
-- and a reader asks for a row with all of it: the review version (its content_hash), the community
-- score it shows (ratings and rating_sum; 0 and 0 when it shows none) and the build of the renderers
-- and their options (format). A row built from anything else is never sent, only rebuilt: an edit, a
-- new rating or a new build of the renderers makes its rows stale without anything having to find
-- and delete them first.
CREATE TABLE review_answers (
    review_id    INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    episode      INTEGER NOT NULL,
    content_hash TEXT    NOT NULL,
    ratings      INTEGER NOT NULL,
    rating_sum   INTEGER NOT NULL,
    format       TEXT    NOT NULL,
    -- The message attaches the review's stored chart (review_charts), which is read with it and only if
    -- it was drawn from the same version; the image is not copied into every answer that shows it.
    with_chart   INTEGER NOT NULL,
    -- The message object as Discord takes it, UTF-8 JSON.
    message      BLOB    NOT NULL,
    built_at     TEXT    NOT NULL,
    PRIMARY KEY (review_id, episode)
);
