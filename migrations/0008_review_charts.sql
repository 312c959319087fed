-- 0008: the episode-score chart of each review as a PNG, drawn once when the review is stored (or,
-- for reviews stored before, by the background backfill) and read by /review answers, announcements
-- and ask --chart, so no answer to a member ever draws one.
-- One row per review: the chart of its current scores. It is keyed by the review and scores_key, a
-- hash of exactly what the chart shows (each episode's number and score; the average follows from
-- them), not by the review's text or its updated_at: an edit of the prose or the verdict keeps the
-- chart, an edit of a score replaces it, and a reader holding the review's episodes can tell a chart
-- drawn from other scores and leave it out rather than show it.
CREATE TABLE review_charts (
    review_id  INTEGER PRIMARY KEY REFERENCES reviews (id) ON DELETE CASCADE,
    scores_key TEXT    NOT NULL,
    -- NULL when there was nothing to draw (no episode on a usable scale), so nobody tries again.
    png        BLOB    NULL,
    drawn_at   TEXT    NOT NULL
);
