-- 0006: a subscription may ask only for reviews at or above a verdict (/subscribe min_verdict).
-- On a 10-point scale whatever scale the review uses (4/5 counts as 8); NULL: every review.
ALTER TABLE subscriptions ADD COLUMN min_verdict INTEGER NULL CHECK (min_verdict BETWEEN 1 AND 10);

-- Reviews a subscription would have received but for its minimum verdict. An edit that raises the
-- verdict to the minimum queues the announcement from here (once: the row is then removed), so a
-- back catalogue, a --no-announce import or a review published before the subscription never
-- turns up through an edit. An edit that lowers the verdict moves a still-pending announcement back here.
CREATE TABLE withheld_announcements (
    review_id       INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    created_at      TEXT    NOT NULL,
    PRIMARY KEY (review_id, subscription_id)
) WITHOUT ROWID;

CREATE INDEX ix_withheld_announcements_subscription ON withheld_announcements (subscription_id);
