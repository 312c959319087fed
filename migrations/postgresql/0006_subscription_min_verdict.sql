-- 0006 (PostgreSQL): a subscription may ask only for reviews at or above a verdict, and the reviews it
-- was not sent for that reason are remembered; the same columns and table as the SQLite script of
-- the same number, which says why.
ALTER TABLE subscriptions ADD COLUMN min_verdict BIGINT NULL CHECK (min_verdict BETWEEN 1 AND 10);

CREATE TABLE withheld_announcements (
    review_id       BIGINT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    subscription_id BIGINT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    created_at      TEXT   COLLATE "C" NOT NULL,
    PRIMARY KEY (review_id, subscription_id)
);

CREATE INDEX ix_withheld_announcements_subscription ON withheld_announcements (subscription_id);
