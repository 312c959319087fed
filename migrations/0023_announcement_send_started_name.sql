-- 0023: the forum post title an attempt was sent with. A post whose answer was lost is looked for by
-- its title before another is created; the review's title may have been corrected since, so the title
-- the attempt used is kept with its time rather than worked out again from the review.
ALTER TABLE announcements ADD COLUMN send_started_name TEXT NULL;
