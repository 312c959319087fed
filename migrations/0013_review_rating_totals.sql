-- 0013: each review's community ratings counted and summed once, kept up to date by triggers in the
-- same transaction as each rating. A review's version (which includes its score) and its score were
-- counted from community_ratings on every read, one index entry per rating: a review many members
-- had rated made every first /review and /episode about it slower. Now a read finds one row.
-- A review nobody rated has no row (read as 0 and 0). The triggers' statements carry no conflict clause:
-- an outer statement's (the rating's upsert) would override it.
CREATE TABLE review_rating_totals (
    review_id  INTEGER PRIMARY KEY REFERENCES reviews (id) ON DELETE CASCADE,
    ratings    INTEGER NOT NULL,
    rating_sum INTEGER NOT NULL
);

INSERT INTO review_rating_totals (review_id, ratings, rating_sum)
SELECT review_id, COUNT(*), SUM(rating) FROM community_ratings GROUP BY review_id;

CREATE TRIGGER community_ratings_totals_inserted AFTER INSERT ON community_ratings
BEGIN
    INSERT INTO review_rating_totals (review_id, ratings, rating_sum)
    SELECT new.review_id, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM review_rating_totals WHERE review_id = new.review_id);
    UPDATE review_rating_totals SET ratings = ratings + 1, rating_sum = rating_sum + new.rating WHERE review_id = new.review_id;
END;

CREATE TRIGGER community_ratings_totals_deleted AFTER DELETE ON community_ratings
BEGIN
    UPDATE review_rating_totals SET ratings = ratings - 1, rating_sum = rating_sum - old.rating WHERE review_id = old.review_id;
    DELETE FROM review_rating_totals WHERE review_id = old.review_id AND ratings = 0;
END;

CREATE TRIGGER community_ratings_totals_updated AFTER UPDATE OF review_id, rating ON community_ratings
BEGIN
    UPDATE review_rating_totals SET ratings = ratings - 1, rating_sum = rating_sum - old.rating WHERE review_id = old.review_id;
    DELETE FROM review_rating_totals WHERE review_id = old.review_id AND ratings = 0;
    INSERT INTO review_rating_totals (review_id, ratings, rating_sum)
    SELECT new.review_id, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM review_rating_totals WHERE review_id = new.review_id);
    UPDATE review_rating_totals SET ratings = ratings + 1, rating_sum = rating_sum + new.rating WHERE review_id = new.review_id;
END;
