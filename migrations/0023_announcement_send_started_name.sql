-- 0023: what a forum post attempt was sent with: its title and the review's content hash. A post whose
-- answer was lost is looked for by its title before another is created; the review's title may have been
-- corrected since, so the title the attempt used is kept with its time rather than worked out again from
-- the review, and the hash says whether the post found shows the review as stored or must be edited.
ALTER TABLE announcements ADD COLUMN send_started_name TEXT NULL;
ALTER TABLE announcements ADD COLUMN send_started_hash TEXT NULL;
