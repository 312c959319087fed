-- 0013: each review's community ratings counted and summed once, kept up to date by a trigger in the
-- same transaction as each rating (see migrations/0013_review_rating_totals.sql). A review nobody
-- rated has no row (read as 0 and 0). Emptied with the ratings by TRUNCATE ... CASCADE through its
-- reference to reviews.
CREATE TABLE review_rating_totals (
    review_id  BIGINT PRIMARY KEY REFERENCES reviews (id) ON DELETE CASCADE,
    ratings    BIGINT NOT NULL,
    rating_sum BIGINT NOT NULL
);

INSERT INTO review_rating_totals (review_id, ratings, rating_sum)
SELECT review_id, COUNT(*), SUM(rating) FROM community_ratings GROUP BY review_id;

CREATE FUNCTION review_rating_totals_keep() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE review_rating_totals SET ratings = ratings - 1, rating_sum = rating_sum - OLD.rating WHERE review_id = OLD.review_id;
        DELETE FROM review_rating_totals WHERE review_id = OLD.review_id AND ratings = 0;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO review_rating_totals (review_id, ratings, rating_sum) VALUES (NEW.review_id, 1, NEW.rating)
        ON CONFLICT (review_id) DO UPDATE
            SET ratings = review_rating_totals.ratings + 1, rating_sum = review_rating_totals.rating_sum + EXCLUDED.rating_sum;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER community_ratings_totals
AFTER INSERT OR DELETE OR UPDATE OF review_id, rating ON community_ratings
FOR EACH ROW EXECUTE FUNCTION review_rating_totals_keep();

CREATE FUNCTION review_rating_totals_clear() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM review_rating_totals;
    RETURN NULL;
END
$$;

CREATE TRIGGER community_ratings_totals_truncated AFTER TRUNCATE ON community_ratings
FOR EACH STATEMENT EXECUTE FUNCTION review_rating_totals_clear();
