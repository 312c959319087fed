-- 0010: the version of its review each chart was drawn for (or last found to show): the review's
-- content_hash then. A chart whose review has another content hash now may show other scores than the
-- review has (a writer that does not draw charts, or a drawing of an older version that landed last),
-- so the backfill looks at those as well as at reviews without a chart: it draws the chart again if the
-- scores differ, else only records the review's hash here. Rows from before have none (NULL); the
-- backfill looks at each of them once.
ALTER TABLE review_charts ADD COLUMN drawn_from TEXT NULL;
