-- 0024: charts drawn before their episode numbers were spaced by the width the font gives them, and before a
-- score of 0 had a bar. A season of more than 20 episodes, or one numbered from 100 on, could have its numbers
-- run together (the first episode's label against the next, hundreds of labels into one band) and its last
-- one cut by the card's edge; an episode scored 0 had no bar at all. Other charts are the same picture today.
-- A chart's key is its scores, so nothing else would draw those charts again: they are removed, and the chart
-- backfill draws them anew, newest first (until then /review shows the scores as a row of text; an
-- announcement draws its own).
DELETE FROM review_charts
WHERE review_id IN (SELECT review_id FROM episodes GROUP BY review_id HAVING COUNT(*) > 20 OR MAX(number) >= 100 OR MIN(score) = 0);
